package nl.briefwissel.account;

import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Tells a person that wrong codes locked their account. Only someone who gave the right password gets
 * to the code, so unless it was the person themselves, someone knows their password: they should choose
 * a new one. Mailed once per lock (never for wrong passwords, which anyone who knows the address can send
 * to fill a mailbox), and with no code in it: the mail says what happened, not what was typed.
 */
@Component
class CodeLockNotices {

	private final Accounts accounts;

	private final Outbox outbox;

	private final MessageSource messages;

	private final PublicAddress address;

	CodeLockNotices(Accounts accounts, Outbox outbox, MessageSource messages, PublicAddress address) {
		this.accounts = accounts;
		this.outbox = outbox;
		this.messages = messages;
		this.address = address;
	}

	void codesLocked(UUID accountId, int wrongInARow, SignInAttempts.Lock lock) {
		accounts.byId(accountId).filter(Account::enabled).ifPresent(account -> {
			Locale language = account.language();
			String how;
			if (lock instanceof SignInAttempts.Lock.For during) {
				how = during.inHours() ? messages.getMessage("mail.codeLock.lockedHours", new Object[] { during.hours() }, language)
						: messages.getMessage("mail.codeLock.lockedMinutes", new Object[] { during.minutes() }, language);
			}
			else {
				how = messages.getMessage("mail.codeLock.lockedUntilAdministrator", null, language);
			}
			String forgot = address.link("/password/forgot", language).toUriString();
			Object[] args = { account.displayName(), wrongInARow, how, forgot };
			String subject = messages.getMessage("mail.codeLock.subject", null, language);
			// As a password reset is sent: a person's own action (a sign-in) caused it, and the hourly loop
			// brake must not hold back a warning. Locks come at most every quarter of an hour.
			outbox.enqueueAskedFor(OutgoingMail.notice(account.email(), subject,
					messages.getMessage("mail.codeLock.text", args, language), null).inLanguage(language));
		});
	}
}
