package nl.briefwissel.account;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PendingInvitation;
import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * One-time links by mail, for a password reset or a sign-in: the token lives only in the mail,
 * its hash in the link's table, it works once and for a while, and at most a few go to one address
 * an hour, because a mailbox flooded with such mails is an attack too.
 */
@Component
class MailedLinks {

	private static final Logger log = LoggerFactory.getLogger(MailedLinks.class);

	/** The kinds of link; each keeps its tokens in its own table of the same shape. */
	enum Kind {

		PASSWORD_RESET("password_reset", "/password/reset", "mail.reset"),
		/** A first password for an account an administrator made: a reset link, kept longer and worded as a welcome. */
		INVITATION("password_reset", "/password/reset", "mail.invitation"),
		SIGN_IN("sign_in_link", "/login/link", "mail.signInLink"),
		/**
		 * The owner's word that their account may be bound to a provider's subject (decision 0095); its row also keeps
		 * what it binds ({@link SingleSignOnLinks.Binding}).
		 */
		SINGLE_SIGN_ON("single_sign_on_link", "/login/organisation/link", "mail.ssoLink");

		private final String table;

		private final String path;

		private final String messages;

		Kind(String table, String path, String messages) {
			this.table = table;
			this.path = path;
			this.messages = messages;
		}
	}

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final PublicAddress address;

	private final MessageSource messages;

	private final ITemplateEngine templates;

	private final Clock clock;

	private final SignInProperties properties;

	MailedLinks(JdbcClient jdbc, Outbox outbox, PublicAddress address, MessageSource messages, ITemplateEngine templates,
			Clock clock, SignInProperties properties) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.address = address;
		this.messages = messages;
		this.templates = templates;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Mails a new link to the account unless the hourly limit for the address is reached. The
	 * validity goes into the mail's text as {@code validityInMail} (hours or minutes, as it reads best).
	 */
	void send(Kind kind, Account account, Duration validity, long validityInMail) {
		send(kind, account, validity, validityInMail, null);
	}

	/** As {@link #send(Kind, Account, Duration, long)}, with {@code about} (null: none) said after the mail's intro. */
	void send(Kind kind, Account account, Duration validity, long validityInMail, String about) {
		if (withinHourlyLimit(kind, account, OffsetDateTime.now(clock))) {
			mailNew(kind, account, validity, validityInMail, about);
		}
	}

	/**
	 * As {@link #send}, and every link of this kind the account still had stops working: the new one replaces
	 * them. False, and nothing changed, when the hourly limit is reached: the earlier link then still works.
	 */
	boolean sendInstead(Kind kind, Account account, Duration validity, long validityInMail, String about) {
		if (!withinHourlyLimit(kind, account, OffsetDateTime.now(clock))) {
			return false;
		}
		useUp(kind, account.id());
		mailNew(kind, account, validity, validityInMail, about);
		return true;
	}

	/**
	 * What an invitation says the account is for, in the account's language: its roles and the organisation (null:
	 * none). Someone who has never heard of Briefwissel knows whether the mail is meant for them.
	 */
	String invitedAs(Account account, String organisationName) {
		Locale language = account.language();
		List<String> roles = Arrays.stream(Role.values())
			.filter(account::has)
			.map(role -> messages.getMessage("mail.invitation.as." + role.name(), null, language))
			.toList();
		String as = roles.size() < 2 ? String.join("", roles)
				: String.join(", ", roles.subList(0, roles.size() - 1))
						+ " " + messages.getMessage("mail.invitation.as.and", null, language) + " " + roles.get(roles.size() - 1);
		boolean noOrganisation = organisationName == null || organisationName.isBlank();
		if (roles.isEmpty()) {
			// An administrator took a pending invitee's only role away and invited again: no "as ." with nothing in it.
			return noOrganisation ? null : messages.getMessage("mail.invitation.at", new Object[] { organisationName.strip() }, language);
		}
		if (noOrganisation) {
			return messages.getMessage("mail.invitation.as", new Object[] { as }, language);
		}
		return messages.getMessage("mail.invitation.asAt", new Object[] { as, organisationName.strip() }, language);
	}

	/**
	 * Mails a link that binds the account to {@code binding}'s subject. Returns the hash of the new link's token, by
	 * which the browser that asked for it is known again; empty when the hourly limit held it back (an earlier link
	 * then still works). Only the same subject's earlier links end with it (decision 0111): another subject at the
	 * provider that gives this address, which its operator can make, must not be able to end the link the owner was
	 * mailed a moment before, again and again. The others run out by themselves or end when one is pressed, and the
	 * hourly limit of the address keeps them few.
	 */
	Optional<String> sendBinding(Account account, SingleSignOnLinks.Binding binding, Duration validity,
			String connection) {
		if (account.id() == null) {
			// For an address without an account (decision 0101): its links are counted and ended by the address.
			int lastHour = jdbc.sql("""
					select count(*) from single_sign_on_link where account_id is null and email = :email
					and created_at > :since""")
				.param("email", binding.email())
				.param("since", OffsetDateTime.now(clock).minusHours(1))
				.query(Integer.class)
				.single();
			if (lastHour >= properties.mailsPerAddressPerHour()) {
				log.warn("{} for a new account in organisation {} not sent: {} sent in the last hour", Kind.SINGLE_SIGN_ON,
						binding.organisationId(), lastHour);
				return Optional.empty();
			}
		}
		else if (!withinHourlyLimit(Kind.SINGLE_SIGN_ON, account, OffsetDateTime.now(clock))) {
			return Optional.empty();
		}
		endEarlierOfTheSameSubject(account.id(), binding);
		// Who is to be bound, and where (decision 0101): the owner recognises a binding the provider's operator asked.
		String who = messages.getMessage("ssoLink.who", new Object[] { connection, binding.issuerHost(), binding.name(),
				binding.email() }, account.language());
		return Optional.of(mailNew(Kind.SINGLE_SIGN_ON, account, validity, validity.toMinutes(), binding, who));
	}

	/**
	 * A link that would have made an account keeps the address and name of someone who has none, perhaps a
	 * stranger whose address a provider's user gave (decision 0101): gone a day after it ran out, when the hourly
	 * limit no longer counts it. The links of accounts go with their account.
	 */
	@Scheduled(fixedDelayString = "${briefwissel.privacy.retention-interval:1h}",
			initialDelayString = "${briefwissel.privacy.retention-initial-delay:5m}")
	void forgetUnconfirmedAccounts() {
		forgetUnconfirmedAccountsBefore(OffsetDateTime.now(clock).minusDays(1));
	}

	int forgetUnconfirmedAccountsBefore(OffsetDateTime before) {
		return jdbc.sql("delete from single_sign_on_link where account_id is null and expires_at < :before")
			.param("before", before)
			.update();
	}

	/** The subject's own earlier binding links for this account, or for this address when it has no account. */
	private void endEarlierOfTheSameSubject(UUID accountId, SingleSignOnLinks.Binding binding) {
		jdbc.sql("update single_sign_on_link set used_at = :now where used_at is null and external_subject = :subject and "
				+ (accountId == null ? "account_id is null and email = :email" : "account_id = :account"))
			.param("now", OffsetDateTime.now(clock))
			.param("subject", binding.subject())
			.param("email", binding.email())
			.param("account", accountId)
			.update();
	}

	private void useUpNew(String email) {
		jdbc.sql("update single_sign_on_link set used_at = :now where account_id is null and email = :email and used_at is null")
			.param("now", OffsetDateTime.now(clock))
			.param("email", email)
			.update();
	}

	/** Uses a link that makes an account, once; every other such link of its address ends with it. */
	boolean takeNew(String token) {
		if (!LinkTokens.plausible(token)) {
			return false;
		}
		String hash = LinkTokens.hash(token);
		var email = jdbc.sql("select email from single_sign_on_link where token_hash = :hash and account_id is null")
			.param("hash", hash)
			.query(String.class)
			.optional();
		if (email.isEmpty()) {
			return false;
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		// Claimed in one statement, as take(): of two presses at once one makes the account.
		int claimed = jdbc.sql("""
				update single_sign_on_link set used_at = :now
				where token_hash = :hash and used_at is null and expires_at > :now""")
			.param("hash", hash)
			.param("now", now)
			.update();
		if (claimed != 1) {
			return false;
		}
		useUpNew(email.get());
		return true;
	}

	private void mailNew(Kind kind, Account account, Duration validity, long validityInMail, String about) {
		mailNew(kind, account, validity, validityInMail, null, about);
	}

	/** Returns the hash of the new token. {@code about}: what the mail says after its intro (null: nothing). */
	private String mailNew(Kind kind, Account account, Duration validity, long validityInMail,
			SingleSignOnLinks.Binding binding, String about) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		String token = LinkTokens.create();
		// An invitation is told apart from a reset in their shared table: inviting again asks for an open one.
		jdbc.sql("insert into " + kind.table + " (token_hash, account_id, created_at, expires_at"
				+ (kind == Kind.INVITATION ? ", invitation" : "")
				+ (binding != null ? ", organisation_id, external_subject, provider, email, display_name, preferred_language" : "")
				+ ") values (:hash, :account, :now, :expires"
				+ (kind == Kind.INVITATION ? ", true" : "")
				+ (binding != null ? ", :organisation, :subject, :provider, :email, :name, :language" : "") + ")")
			.param("hash", LinkTokens.hash(token))
			.param("account", account.id())
			.param("now", now)
			.param("expires", now.plus(validity))
			.param("organisation", binding == null ? null : binding.organisationId())
			.param("subject", binding == null ? null : binding.subject())
			.param("provider", binding == null ? null : binding.provider())
			.param("email", binding == null ? null : binding.email())
			.param("name", binding == null ? null : binding.name())
			.param("language", binding == null ? null : binding.language().getLanguage())
			.update();
		// In the reader's language: the link is often opened in a browser that has never been here.
		String link = address.link(kind.path).queryParam("token", token)
			.queryParam("lang", account.language().getLanguage()).toUriString();
		outbox.enqueueAskedFor(mail(kind, account, link, validityInMail, about));
		return LinkTokens.hash(token);
	}

	private boolean withinHourlyLimit(Kind kind, Account account, OffsetDateTime now) {
		int lastHour = jdbc.sql("select count(*) from " + kind.table + " where account_id = :account and created_at > :since")
			.param("account", account.id())
			.param("since", now.minusHours(1))
			.query(Integer.class)
			.single();
		if (lastHour >= properties.mailsPerAddressPerHour()) {
			log.warn("{} for account {} not sent: {} sent in the last hour", kind, account.id(), lastHour);
			return false;
		}
		return true;
	}

	/**
	 * The newest invitation of an account that has no password yet, while it has not been used (it may have run
	 * out): empty once a password is chosen, by the invitation or otherwise (taking a link ends every other).
	 */
	Optional<PendingInvitation> pendingInvitation(Account account) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		return jdbc.sql("""
				select r.created_at, r.expires_at from password_reset r join account a on a.id = r.account_id
				where r.account_id = :account and r.invitation and r.used_at is null and a.password_hash is null
				order by r.created_at desc limit 1""")
			.param("account", account.id())
			.query((rs, n) -> {
				OffsetDateTime until = rs.getObject("expires_at", OffsetDateTime.class);
				return new PendingInvitation(account.id(), account.displayName(), account.email(),
						rs.getObject("created_at", OffsetDateTime.class), until, !until.isAfter(now));
			})
			.optional();
	}

	/** Until the transaction ends, the account's links are this request's to change: two clicks at once take turns. */
	void lockAccount(UUID accountId) {
		jdbc.sql("select id from account where id = :id for update").param("id", accountId).query(UUID.class).optional();
	}

	/** Whose link this is, while it still works. */
	Optional<UUID> accountFor(Kind kind, String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id from " + kind.table
				+ " where token_hash = :hash and used_at is null and expires_at > :now")
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now(clock))
			.query(UUID.class)
			.optional();
	}

	/**
	 * Uses the link, once: the link is claimed in one statement, so two requests with it at the same
	 * moment (a double click, a mail scanner opening it alongside the person) get it once between
	 * them; every other open link of this kind of the account ends with it.
	 */
	Optional<UUID> take(Kind kind, String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		OffsetDateTime now = OffsetDateTime.now(clock);
		int claimed = jdbc.sql("update " + kind.table + " set used_at = :now"
				+ " where token_hash = :hash and used_at is null and expires_at > :now")
			.param("hash", LinkTokens.hash(token))
			.param("now", now)
			.update();
		if (claimed != 1) {
			return Optional.empty();
		}
		Optional<UUID> account = jdbc.sql("select account_id from " + kind.table + " where token_hash = :hash")
			.param("hash", LinkTokens.hash(token))
			.query(UUID.class)
			.optional();
		account.ifPresent(id -> useUp(kind, id));
		return account;
	}

	/**
	 * Notes that the sign-in link just taken signed its account in: of every way a sign-in link ends, only this one
	 * makes a second press of its button a double click rather than a dead link. In the transaction that took it.
	 */
	void signedIn(String token) {
		jdbc.sql("update sign_in_link set signed_in_at = used_at where token_hash = :hash and used_at is not null")
			.param("hash", LinkTokens.hash(token))
			.update();
	}

	/**
	 * The account a sign-in link signed in within the last {@code moments}; empty for a link that is open, ended
	 * any other way (another link pressed, a password change or reset, a disabled account), ran out or is unknown.
	 */
	Optional<UUID> signedInWithin(String token, Duration moments) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("select account_id from sign_in_link where token_hash = :hash and signed_in_at > :since")
			.param("hash", LinkTokens.hash(token))
			.param("since", OffsetDateTime.now(clock).minus(moments))
			.query(UUID.class)
			.optional();
	}

	/** What a binding link that still works would bind. */
	Optional<SingleSignOnLinks.Binding> bindingFor(String token) {
		if (!LinkTokens.plausible(token)) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select l.account_id, l.organisation_id, l.external_subject, l.provider, coalesce(l.email, a.email),
				    coalesce(l.display_name, a.display_name), coalesce(l.preferred_language, a.preferred_language, 'nl')
				from single_sign_on_link l left join account a on a.id = l.account_id
				where l.token_hash = :hash and l.used_at is null and l.expires_at > :now""")
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now(clock))
			.query((rs, n) -> new SingleSignOnLinks.Binding(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
					rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), Locale.forLanguageTag(rs.getString(7))))
			.optional();
	}

	/** Uses up every open link of this kind of the account: one used link ends the others too. */
	void useUp(Kind kind, UUID accountId) {
		jdbc.sql("update " + kind.table + " set used_at = :now where account_id = :account and used_at is null")
			.param("now", OffsetDateTime.now(clock))
			.param("account", accountId)
			.update();
	}

	private OutgoingMail mail(Kind kind, Account account, String link, long validity, String about) {
		Locale language = account.language();
		Context context = new Context(language);
		context.setVariables(Map.of("prefix", kind.messages, "name", account.firstName(), "link", link, "validity", validity));
		if (about != null) {
			context.setVariable("about", about);
		}
		String html = templates.process("account/mail/link", context);
		Object[] args = { account.firstName(), link, validity, about == null ? "" : about };
		return OutgoingMail.notice(account.email(), messages.getMessage(kind.messages + ".subject", null, language),
				messages.getMessage(kind.messages + ".text", args, language), html);
	}
}
