package nl.briefwissel.account;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a person that their account is now bound to sign-in through their organisation (decision 0095): from then
 * on whoever signs in there as them is let in, so the real person hears of it, of how to undo it (their
 * administrator clears the binding, decision 0031), and of the app that keeps even the provider's operator out.
 * Written as the mails about the second factor are.
 */
@Component
class SingleSignOnNotices {

	private final Accounts accounts;

	private final Outbox outbox;

	private final MessageSource messages;

	private final PublicAddress address;

	private final Clock clock;

	SingleSignOnNotices(Accounts accounts, Outbox outbox, MessageSource messages, PublicAddress address, Clock clock) {
		this.accounts = accounts;
		this.outbox = outbox;
		this.messages = messages;
		this.address = address;
		this.clock = clock;
	}

	/** {@code connection}: the name of the organisation's connection, as its sign-in button says it. */
	void linked(UUID accountId, String connection) {
		accounts.byId(accountId).filter(Account::enabled).ifPresent(account -> {
			Locale language = account.language();
			// The application's clock keeps Dutch time, which is the time the person lives in.
			ZonedDateTime now = ZonedDateTime.now(clock);
			String day = now.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language));
			String time = now.format(DateTimeFormatter.ofPattern("HH:mm", language));
			String security = address.link("/account/security", language).toUriString();
			Object[] args = { account.firstName(), day, time, connection, security };
			// Asked for, as a sign-in link is: the person's own sign-in caused it.
			outbox.enqueueAskedFor(OutgoingMail.notice(account.email(), messages.getMessage("mail.ssoLinked.subject", null, language),
					messages.getMessage("mail.ssoLinked.text", args, language), null).inLanguage(language, address.base()));
		});
	}
}
