package nl.briefwissel.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code briefwissel.mail.sender-check} (decision 0037): whether a letter's sender must
 * be confirmed by the receiving mail server before the letter goes into a conversation.
 *
 * @param enabled whether a letter from the participant's or the coach's address needs the receiving
 *        server's confirmation ({@code Authentication-Results}); off in the evaluation default, whose
 *        own mail server writes none
 * @param authservId the name the receiving server gives itself in that header ({@code mx.google.com});
 *        blank: the topmost header, the one the last server added, whatever it calls itself (Microsoft
 *        365 writes none)
 */
@ConfigurationProperties("briefwissel.mail.sender-check")
public record SenderCheckProperties(@DefaultValue("false") boolean enabled, @DefaultValue("") String authservId) {
}
