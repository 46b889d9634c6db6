package nl.briefwissel.account;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;
import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in person chooses a new password with their current one. The current password is asked every time,
 * however recent the sign-in: a session left open on a shared computer must not be enough to lock its person
 * out. It is checked as a password given again ({@link Reauthentication}), so a wrong one counts as a wrong
 * password at the sign-in and locks alike. The rest is as after a reset: every other session ends (this one
 * goes on), open links to choose a password or sign in end, and the person is mailed, since whoever changed it
 * may not be them.
 */
@Service
public class PasswordChanges {

	private static final Logger log = LoggerFactory.getLogger(PasswordChanges.class);

	/** What became of a change. */
	public enum Outcome {
		CHANGED, WRONG, LOCKED, NO_PASSWORD
	}

	/** How an account signs in, for the page that offers to change a password. */
	public enum SignInWay {
		PASSWORD, ORGANISATION, LINK
	}

	private final Reauthentication reauthentication;

	private final Accounts accounts;

	private final MailedLinks links;

	private final Outbox outbox;

	private final MessageSource messages;

	private final PublicAddress address;

	private final Clock clock;

	private final SessionLifetime lifetime;

	PasswordChanges(Reauthentication reauthentication, Accounts accounts, MailedLinks links, Outbox outbox,
			MessageSource messages, PublicAddress address, Clock clock, SessionLifetime lifetime) {
		this.lifetime = lifetime;
		this.reauthentication = reauthentication;
		this.accounts = accounts;
		this.links = links;
		this.outbox = outbox;
		this.messages = messages;
		this.address = address;
		this.clock = clock;
	}

	public SignInWay signInWay(UUID accountId) {
		if (reauthentication.hasPassword(accountId)) {
			return SignInWay.PASSWORD;
		}
		return accounts.externalSubjectOf(accountId).isPresent() ? SignInWay.ORGANISATION : SignInWay.LINK;
	}

	/**
	 * Why {@link PasswordRules} refuse {@code newPassword} for this account, as a message key; empty when they do not.
	 * For the form, which says it beside a confirmation that differs: the change itself holds to the same answer.
	 */
	public Optional<String> refusalKey(UUID accountId, String newPassword) {
		return PasswordRules.refusal(newPassword, emailOf(accountId))
			.map(PasswordRules.Refusal::messageKey);
	}

	/**
	 * Changes the password when {@code current} is the account's. {@code newPassword} is held to the rules of a
	 * reset ({@link PasswordRules}) first: one they refuse throws {@link RefusedPassword} before the current password
	 * is checked, so it costs no attempt and no hash. Its length is the form's to check. {@code session}: the one
	 * the person works in, which stays.
	 */
	@Transactional
	public Outcome change(UUID accountId, String current, String newPassword, HttpSession session) {
		PasswordRules.require(newPassword, emailOf(accountId));
		Outcome checked = switch (reauthentication.confirm(accountId, current, session)) {
			case CONFIRMED -> Outcome.CHANGED;
			case WRONG -> Outcome.WRONG;
			case LOCKED -> Outcome.LOCKED;
			case NO_PASSWORD -> Outcome.NO_PASSWORD;
		};
		if (checked != Outcome.CHANGED) {
			return checked;
		}
		Instant changedAt = accounts.changePassword(accountId, newPassword);
		// This session goes on: it keeps the new moment, so the check of every request finds it current.
		lifetime.changedHere(session, accountId, changedAt);
		// A reset link asked for earlier would set a password over this one, and a sign-in link is a way in
		// as much as a session is.
		links.useUp(MailedLinks.Kind.PASSWORD_RESET, accountId);
		links.useUp(MailedLinks.Kind.SIGN_IN, accountId);
		accounts.endSessionsBut(accountId, session.getId());
		log.info("Password changed by the account itself: {}", accountId);
		mailChanged(accountId);
		return Outcome.CHANGED;
	}

	/** The account's address, for the rule against a password that is mostly that address; null for one gone. */
	private String emailOf(UUID accountId) {
		return accounts.byId(accountId).map(Account::email).orElse(null);
	}

	/**
	 * Says what happened and when, never the password. Who did not do it cannot sign in with the old one any more:
	 * the mail's way back is a reset link, which reaches them through their mailbox.
	 */
	private void mailChanged(UUID accountId) {
		accounts.byId(accountId).filter(Account::enabled).ifPresent(account -> {
			Locale language = account.language();
			// The application's clock keeps Dutch time, which is the time the person lives in.
			ZonedDateTime now = ZonedDateTime.now(clock);
			String day = now.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", language));
			String time = now.format(DateTimeFormatter.ofPattern("HH:mm", language));
			String forgot = address.link("/password/forgot", language).toUriString();
			Object[] args = { account.firstName(), day, time, forgot };
			// Asked for, as a reset is: the person's own change caused it, and no loop brake may hold a warning back.
			outbox.enqueueAskedFor(OutgoingMail.notice(account.email(),
					messages.getMessage("mail.passwordChanged.subject", null, language),
					messages.getMessage("mail.passwordChanged.text", args, language), null).inLanguage(language, address.base()));
		});
	}
}
