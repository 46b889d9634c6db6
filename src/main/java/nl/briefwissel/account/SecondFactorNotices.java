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
 * Tells a person what happened to the second factor of their account: an authenticator app was linked to
 * it or removed from it, an administrator reset it, or wrong codes locked it. Whoever has the password (or, for a participant,
 * the mailbox) of an account without an app could link an app of their own and sign in with it for good,
 * and only someone who gave the right password gets to the code: these mails are how the real person
 * hears of it, and learns to choose a new password. They say what happened and when, never the secret,
 * a code or the QR code: a mailbox read by someone else must not give them the app too. A lock is mailed
 * once per lock, never for wrong passwords (anyone who knows the address can send those to fill a mailbox).
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

	void appRemoved(UUID accountId) {
		mail(accountId, "mail.appRemoved", null);
	}

	void appReset(UUID accountId) {
		// A participant may sign in without an app again; staff set up a new one at their next sign-in.
		mail(accountId, "mail.appReset", account -> account.roles().stream().allMatch(role -> role == Role.PARTICIPANT)
				? "mail.appReset.nextOptional" : "mail.appReset.nextRequired");
	}

	void codesLocked(UUID accountId, int wrongInARow, SignInAttempts.Lock lock) {
		send(accountId, "mail.codeLock", (account, forgot) -> {
			Locale language = account.language();
			String how;
			if (lock instanceof SignInAttempts.Lock.For during) {
				how = during.inHours() ? messages.getMessage("mail.codeLock.lockedHours", new Object[] { during.hours() }, language)
						: messages.getMessage("mail.codeLock.lockedMinutes", new Object[] { during.minutes() }, language);
			}
			else {
				how = messages.getMessage("mail.codeLock.lockedUntilAdministrator", null, language);
			}
			return new Object[] { account.firstName(), wrongInARow, how, forgot };
		});
	}

	private void mail(UUID accountId, String key, java.util.function.Function<Account, String> next) {
		send(accountId, key, (account, forgot) -> {
			Locale language = account.language();
			// The application's clock keeps Dutch time, which is the time the person lives in.
			ZonedDateTime now = ZonedDateTime.now(clock);
			String day = now.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language));
			String time = now.format(DateTimeFormatter.ofPattern("HH:mm", language));
			String then = next == null ? "" : messages.getMessage(next.apply(account), null, language);
			return new Object[] { account.firstName(), day, time, forgot, then };
		});
	}

	/** The mail {@code key}.subject/.text to an enabled account, in its language, with the link to choose a new password. */
	private void send(UUID accountId, String key, java.util.function.BiFunction<Account, String, Object[]> args) {
		accounts.byId(accountId).filter(Account::enabled).ifPresent(account -> {
			Locale language = account.language();
			String forgot = address.link("/password/forgot", language).toUriString();
			// Asked for, as a password reset is: the person's own sign-in or their administrator caused it,
			// and the hourly loop brake must not hold back a warning.
			outbox.enqueueAskedFor(OutgoingMail.notice(account.email(), messages.getMessage(key + ".subject", null, language),
					messages.getMessage(key + ".text", args.apply(account, forgot), language), null).inLanguage(language, address.base()));
		});
	}
}
