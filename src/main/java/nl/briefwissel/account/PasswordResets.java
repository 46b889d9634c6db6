package nl.briefwissel.account;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Password reset by a link in a mail. The link holds 256 random bits; only their SHA-256 is
 * stored; it works once and for an hour. The answer to a request never says whether the address
 * is known.
 */
@Service
public class PasswordResets {

	private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

	static final Duration VALIDITY = Duration.ofHours(1);

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final PublicAddress address;

	private final MessageSource messages;

	private final ITemplateEngine templates;

	private final Clock clock;

	private final SignInProperties properties;

	private final SignInAttempts attempts;

	PasswordResets(Accounts accounts, JdbcClient jdbc, Outbox outbox, PublicAddress address, MessageSource messages,
			ITemplateEngine templates, Clock clock, SignInProperties properties, SignInAttempts attempts) {
		this.properties = properties;
		this.attempts = attempts;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.address = address;
		this.messages = messages;
		this.templates = templates;
		this.clock = clock;
	}

	/** Sends a reset link if the address belongs to an account; does nothing visible otherwise. */
	@Transactional
	public void request(String email) {
		Optional<Account> account = accounts.byEmail(email).filter(Account::enabled);
		if (account.isEmpty()) {
			log.info("Password reset requested for an unknown or disabled address");
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		int lastHour = jdbc.sql("select count(*) from password_reset where account_id = :account and created_at > :since")
			.param("account", account.get().id())
			.param("since", now.minusHours(1))
			.query(Integer.class)
			.single();
		if (lastHour >= properties.mailsPerAddressPerHour()) {
			// A mailbox flooded with reset mails is an attack too.
			log.warn("Password reset for account {} not sent: {} sent in the last hour", account.get().id(), lastHour);
			return;
		}
		String token = LinkTokens.create();
		jdbc.sql("""
				insert into password_reset (token_hash, account_id, created_at, expires_at)
				values (:hash, :account, :now, :expires)""")
			.param("hash", LinkTokens.hash(token))
			.param("account", account.get().id())
			.param("now", now)
			.param("expires", now.plus(VALIDITY))
			.update();
		outbox.enqueue(mail(account.get(), address.link("/password/reset").queryParam("token", token).toUriString()));
	}

	/** Whether the token can still be used; the form is only shown for one that can. */
	public boolean isValid(String token) {
		return accountFor(token).isPresent();
	}

	/** Sets the new password and uses up the token (and every other open token of the account). */
	@Transactional
	public boolean reset(String token, String newPassword) {
		Optional<UUID> account = accountFor(token);
		account.ifPresent(id -> {
			accounts.changePassword(id, newPassword);
			// Whoever can read the mailbox may choose the password, and is no longer locked out.
			attempts.succeeded(id);
			jdbc.sql("update password_reset set used_at = :now where account_id = :account and used_at is null")
				.param("now", OffsetDateTime.now(clock))
				.param("account", id)
				.update();
		});
		return account.isPresent();
	}

	private Optional<UUID> accountFor(String token) {
		if (token == null || token.isBlank() || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select account_id from password_reset
				where token_hash = :hash and used_at is null and expires_at > :now""")
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now(clock))
			.query(UUID.class)
			.optional();
	}

	private OutgoingMail mail(Account account, String link) {
		Context context = new Context(account.language());
		context.setVariable("name", account.displayName());
		context.setVariable("link", link);
		context.setVariable("hours", VALIDITY.toHours());
		String html = templates.process("account/mail/password-reset", context);
		Object[] args = { account.displayName(), link, VALIDITY.toHours() };
		String text = messages.getMessage("mail.reset.text", args, account.language());
		String subject = messages.getMessage("mail.reset.subject", null, account.language());
		return OutgoingMail.notice(account.email(), subject, text, html);
	}
}
