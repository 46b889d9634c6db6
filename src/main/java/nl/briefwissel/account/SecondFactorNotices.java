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
 * Tells a person that the second factor of their account changed: an authenticator app was linked to
 * it, or an administrator reset it. Whoever has the password (or, for a participant, the mailbox) of an
 * account without an app could link an app of their own and sign in with it for good; this mail is how
 * the real person hears of it. It says what happened and when, never the secret, a code or the QR code:
 * a mailbox read by someone else must not give them the app too.
 */
@Component
class SecondFactorNotices {

	private final Accounts accounts;

	private final Outbox outbox;

	private final MessageSource messages;

	private final PublicAddress address;

	private final Clock clock;

	SecondFactorNotices(Accounts accounts, Outbox outbox, MessageSource messages, PublicAddress address, Clock clock) {
		this.accounts = accounts;
		this.outbox = outbox;
		this.messages = messages;
		this.address = address;
		this.clock = clock;
	}

	void appLinked(UUID accountId) {
		mail(accountId, "mail.appLinked", null);
	}

	void appReset(UUID accountId) {
		// A participant may sign in without an app again; staff set up a new one at their next sign-in.
		mail(accountId, "mail.appReset", account -> account.roles().stream().allMatch(role -> role == Role.PARTICIPANT)
				? "mail.appReset.nextOptional" : "mail.appReset.nextRequired");
	}

	private void mail(UUID accountId, String key, java.util.function.Function<Account, String> next) {
		accounts.byId(accountId).filter(Account::enabled).ifPresent(account -> {
			Locale language = account.language();
			// The application's clock keeps Dutch time, which is the time the person lives in.
			ZonedDateTime now = ZonedDateTime.now(clock);
			String day = now.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language));
			String time = now.format(DateTimeFormatter.ofPattern("HH:mm", language));
			String forgot = address.link("/password/forgot", language).toUriString();
			String then = next == null ? "" : messages.getMessage(next.apply(account), null, language);
			Object[] args = { account.displayName(), day, time, forgot, then };
			// Asked for, as a password reset is: the person's own sign-in or their administrator caused it,
			// and the hourly loop brake must not hold back a warning.
			outbox.enqueueAskedFor(OutgoingMail.notice(account.email(), messages.getMessage(key + ".subject", null, language),
					messages.getMessage(key + ".text", args, language), null).inLanguage(language));
		});
	}
}
