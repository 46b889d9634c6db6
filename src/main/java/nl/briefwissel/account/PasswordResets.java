package nl.briefwissel.account;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PendingInvitation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Password reset by a link in a mail ({@link MailedLinks}): it works once and for an hour. The
 * answer to a request never says whether the address is known. A new account's first password comes
 * the same way ({@link #invite}).
 */
@Service
public class PasswordResets {

	private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

	static final Duration VALIDITY = Duration.ofHours(1);

	static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

	private final Accounts accounts;

	private final MailedLinks links;

	private final SignInAttempts attempts;

	private final LinkRequests requests;

	PasswordResets(Accounts accounts, MailedLinks links, SignInAttempts attempts, LinkRequests requests) {
		this.accounts = accounts;
		this.links = links;
		this.attempts = attempts;
		this.requests = requests;
	}

	/**
	 * Sends a reset link if the address belongs to an account; does nothing visible otherwise. Returns
	 * before the address is looked up, so the answer takes as long either way ({@link LinkRequests}).
	 */
	public void request(String email) {
		requests.later("Password reset", () -> send(email));
	}

	private void send(String email) {
		Optional<Account> account = accounts.byEmail(email).filter(Account::enabled);
		if (account.isEmpty()) {
			log.info("Password reset requested for an unknown or disabled address");
			return;
		}
		links.send(MailedLinks.Kind.PASSWORD_RESET, account.get(), VALIDITY, VALIDITY.toHours());
	}

	/**
	 * Mails a new account its first password link: the same link as a reset's, valid for a week, since
	 * a colleague may read the mail only after a weekend or a holiday. The mail says the account's roles and
	 * {@code organisationName} (null: none), so the invitee knows what it is for. Nothing when the hourly limit of
	 * the address is reached (MailedLinks).
	 */
	public void invite(Account account, String organisationName) {
		links.send(MailedLinks.Kind.INVITATION, account, INVITATION_VALIDITY, INVITATION_VALIDITY.toDays(),
				links.invitedAs(account, organisationName));
	}

	/** The account's invitation while no password has been chosen with it (it may have run out); empty after. */
	public Optional<PendingInvitation> pendingInvitation(Account account) {
		return links.pendingInvitation(account);
	}

	/**
	 * Sends the account's invitation again, on an administrator's explicit request: a new link, valid a week,
	 * and the earlier one no longer works. {@code shownSent}: the sending the administrator's page showed
	 * ({@link PendingInvitation#sent()}); sent again since (a second click), nothing more goes out. The
	 * account's row is locked, so that two clicks at once send once. The mail says what {@link #invite}'s says.
	 */
	@Transactional
	public PendingInvitation.Again inviteAgain(Account account, String organisationName, long shownSent) {
		links.lockAccount(account.id());
		Optional<PendingInvitation> pending = links.pendingInvitation(account);
		if (pending.isEmpty()) {
			return PendingInvitation.Again.GONE;
		}
		if (!pending.get().isTheOneSent(shownSent)) {
			return PendingInvitation.Again.SENT_ALREADY;
		}
		return links.sendInstead(MailedLinks.Kind.INVITATION, account, INVITATION_VALIDITY, INVITATION_VALIDITY.toDays(),
				links.invitedAs(account, organisationName))
				? PendingInvitation.Again.SENT : PendingInvitation.Again.TOO_MANY;
	}

	/**
	 * Whether the link's account has no password yet, so that it chooses its first: an invitation's, or an account that
	 * signs in by link or through its organisation. False for a link that no longer works.
	 */
	public boolean choosesFirstPassword(String token) {
		return links.accountFor(MailedLinks.Kind.PASSWORD_RESET, token)
			.map(id -> accounts.passwordHash(id).filter(hash -> !hash.isBlank()).isEmpty())
			.orElse(false);
	}

	/** Whether the token can still be used; the form is only shown for one that can. */
	public boolean isValid(String token) {
		return links.accountFor(MailedLinks.Kind.PASSWORD_RESET, token).isPresent();
	}

	/**
	 * Why {@link PasswordRules} refuse {@code newPassword} for the link's account, as a message key; empty when they
	 * do not, or when the link works no more. For the form, which says it beside a confirmation that differs: the
	 * reset itself holds to the same answer.
	 */
	public Optional<String> refusalKey(String token, String newPassword) {
		return refusal(token, newPassword).map(PasswordRules.Refusal::messageKey);
	}

	/** Against the link's account's address; with none (an account gone since the link was made) the rest still counts. */
	private Optional<PasswordRules.Refusal> refusal(String token, String newPassword) {
		return links.accountFor(MailedLinks.Kind.PASSWORD_RESET, token)
			.flatMap(id -> PasswordRules.refusal(newPassword, accounts.byId(id).map(Account::email).orElse(null)));
	}

	/**
	 * Sets the new password and uses up the token (and every other open token of the account); false when the
	 * link no longer works. A password {@link PasswordRules} refuses for the link's account throws
	 * {@link RefusedPassword} before the link is taken, so it can be used for a better one. Everyone
	 * signed in as this person is signed out: a reset is what someone does who fears their password is known,
	 * and a session opened with it must not outlive it. Nor a sign-in link still open: a way in as much as a
	 * session is.
	 */
	@Transactional
	public boolean reset(String token, String newPassword) {
		refusal(token, newPassword).ifPresent(refusal -> {
			throw new RefusedPassword(refusal);
		});
		Optional<UUID> account = links.take(MailedLinks.Kind.PASSWORD_RESET, token);
		account.ifPresent(id -> {
			accounts.changePassword(id, newPassword);
			links.useUp(MailedLinks.Kind.SIGN_IN, id);
			// Whoever can read the mailbox may choose the password, and is no longer locked out.
			attempts.succeeded(id);
			accounts.endSessions(id);
			// As a change on the account page is: a line with the account's id, not the audit trail (decision 0119).
			log.info("Password reset with a mailed link: {}", id);
		});
		return account.isPresent();
	}
}
