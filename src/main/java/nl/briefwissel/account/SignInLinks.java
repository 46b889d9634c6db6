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
 * Participants sign in with a link sent to their own address: they write by mail and need no
 * password to re-read their record. The link works once and for half an hour; only its hash is
 * stored. The answer to a request never says whether the address is known.
 */
@Service
public class SignInLinks {

	private static final Logger log = LoggerFactory.getLogger(SignInLinks.class);

	private final Accounts accounts;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final PublicAddress address;

	private final MessageSource messages;

	private final ITemplateEngine templates;

	private final Clock clock;

	private final SignInProperties properties;

	SignInLinks(Accounts accounts, JdbcClient jdbc, Outbox outbox, PublicAddress address, MessageSource messages,
			ITemplateEngine templates, Clock clock, SignInProperties properties) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.address = address;
		this.messages = messages;
		this.templates = templates;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Sends a link to a participant's address. Staff sign in with password and authenticator app,
	 * so for them, as for unknown addresses, nothing happens.
	 */
	@Transactional
	public void request(String email) {
		Optional<Account> account = accounts.byEmail(email)
			.filter(Account::enabled)
			.filter(a -> a.roles().equals(java.util.Set.of(Role.PARTICIPANT)));
		if (account.isEmpty()) {
			log.info("Sign-in link requested for an address that gets none");
			return;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		int lastHour = jdbc.sql("select count(*) from sign_in_link where account_id = :account and created_at > :since")
			.param("account", account.get().id())
			.param("since", now.minusHours(1))
			.query(Integer.class)
			.single();
		if (lastHour >= properties.mailsPerAddressPerHour()) {
			log.warn("Sign-in link for account {} not sent: {} sent in the last hour", account.get().id(), lastHour);
			return;
		}
		String token = LinkTokens.create();
		jdbc.sql("""
				insert into sign_in_link (token_hash, account_id, created_at, expires_at)
				values (:hash, :account, :now, :expires)""")
			.param("hash", LinkTokens.hash(token))
			.param("account", account.get().id())
			.param("now", now)
			.param("expires", now.plus(properties.linkValidity()))
			.update();
		outbox.enqueue(mail(account.get(), address.link("/login/link").queryParam("token", token).toUriString()));
	}

	public boolean isValid(String token) {
		return accountFor(token).isPresent();
	}

	/** Uses the link up and says who it signs in; empty when it was used, expired or never existed. */
	@Transactional
	public Optional<SignedInAccount> use(String token) {
		Optional<UUID> accountId = accountFor(token);
		if (accountId.isEmpty()) {
			return Optional.empty();
		}
		jdbc.sql("update sign_in_link set used_at = :now where token_hash = :hash")
			.param("now", OffsetDateTime.now(clock))
			.param("hash", LinkTokens.hash(token))
			.update();
		return accounts.byId(accountId.get())
			.filter(Account::enabled)
			.map(account -> new SignedInAccount(account, null, false));
	}

	Duration validity() {
		return properties.linkValidity();
	}

	private Optional<UUID> accountFor(String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select account_id from sign_in_link
				where token_hash = :hash and used_at is null and expires_at > :now""")
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now(clock))
			.query(UUID.class)
			.optional();
	}

	private OutgoingMail mail(Account account, String link) {
		long minutes = properties.linkValidity().toMinutes();
		Context context = new Context(account.language());
		context.setVariable("name", account.displayName());
		context.setVariable("link", link);
		context.setVariable("minutes", minutes);
		String html = templates.process("account/mail/sign-in-link", context);
		Object[] args = { account.displayName(), link, minutes };
		String text = messages.getMessage("mail.signInLink.text", args, account.language());
		String subject = messages.getMessage("mail.signInLink.subject", null, account.language());
		return OutgoingMail.notice(account.email(), subject, text, html);
	}
}
