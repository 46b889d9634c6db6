package nl.briefwissel.account;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import nl.briefwissel.TypedName;
import nl.briefwissel.TypedSearch;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** All accounts. Addresses are stored in lower case so that sign-in ignores case. */
@Repository
public class Accounts {

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	Accounts(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	@Transactional
	public Account register(NewAccount account) {
		return register(account, account.password() == null ? null : passwords.encode(account.password()));
	}

	/**
	 * Registers with an already computed hash, so seeding many accounts with one known password
	 * costs one hash instead of one per account. Nobody chose that password (the demo's public one),
	 * so it is not held to {@link PasswordRules}: a person's own choice comes through {@link PasswordResets}
	 * or {@link PasswordChanges}.
	 */
	@Transactional
	public Account register(NewAccount account, String passwordHash) {
		if (Role.separated(account.roles())) {
			throw new SeparatedRolesException(Role.COACH, Role.PROGRAMME_MANAGER);
		}
		UUID id = UUID.randomUUID();
		String email = normalise(account.email());
		// Whoever made it (a form, a sign-in elsewhere, the setup): a name that turns text around is not kept.
		String name = TypedName.cleaned(account.displayName());
		jdbc.sql("""
				insert into account (id, organisation_id, email, display_name, password_hash, preferred_language, enabled, created_at)
				values (:id, :organisation, :email, :name, :hash, :language, true, :now)""")
			.param("id", id)
			.param("organisation", account.organisationId())
			.param("email", email)
			.param("name", name)
			.param("hash", passwordHash)
			.param("language", account.language().getLanguage())
			.param("now", OffsetDateTime.now(clock))
			.update();
		for (Role role : account.roles()) {
			jdbc.sql("insert into account_role (account_id, role) values (:id, :role)")
				.param("id", id)
				.param("role", role.name())
				.update();
		}
		return new Account(id, account.organisationId(), email, name, account.language(),
				account.roles(), true);
	}

	public String hash(String rawPassword) {
		return passwords.encode(rawPassword);
	}

	public Optional<Account> byId(UUID id) {
		return query("where a.id = :key", id).stream().findFirst();
	}

	/** These accounts in one read (a programme's pool was read one coach at a time), by name; unknown ids left out. */
	public List<Account> byIds(java.util.Collection<UUID> ids) {
		return ids.isEmpty() ? List.of() : query("where a.id in (:key)", List.copyOf(ids));
	}

	public Optional<Account> byEmail(String email) {
		return query("where a.email = :key", normalise(email)).stream().findFirst();
	}

	/**
	 * As {@link #byEmail}, with the account's row locked until the caller's transaction ends: something
	 * started for the person (an application) and their erasure take turns. After an erasure the address
	 * is no longer the account's, and nothing is found.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public Optional<Account> byEmailLocked(String email) {
		return jdbc.sql("select id from account where email = :email for update")
			.param("email", normalise(email))
			.query(UUID.class)
			.optional()
			.flatMap(this::byId);
	}

	/** The account a provider's subject ({@code issuer subject}) was bound to at its first sign-in there. */
	Optional<Account> byExternalSubject(String subject) {
		return query("where a.external_subject = :key", subject).stream().findFirst();
	}

	/** The provider's subject an account is bound to, if any. */
	Optional<String> externalSubjectOf(UUID accountId) {
		return jdbc.sql("select external_subject from account where id = :id")
			.param("id", accountId)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap(subject -> subject);
	}

	/** Binds the account to a provider's subject: from now on that subject, not an address, finds it. */
	void bindExternalSubject(UUID accountId, String subject) {
		jdbc.sql("update account set external_subject = :subject where id = :id")
			.param("subject", subject)
			.param("id", accountId)
			.update();
	}

	/**
	 * Binds the account to a provider's subject unless it is bound to a subject at that provider
	 * already ({@code provider}: what such subjects begin with). In one statement, so that of two
	 * sign-ins at once the second finds the first's binding. False when it was bound there.
	 */
	boolean bindExternalSubjectUnlessBoundAt(UUID accountId, String subject, String provider) {
		return jdbc.sql("""
				update account set external_subject = :subject
				where id = :id and (external_subject is null or external_subject = :subject
				    or left(external_subject, :length) <> :provider)""")
			.param("subject", subject)
			.param("id", accountId)
			.param("length", provider.length())
			.param("provider", provider)
			.update() == 1;
	}

	/** Clears the account's binding to a provider's subject (decision 0031); the next sign-in there binds it anew. */
	public void unbindExternalSubject(UUID accountId) {
		bindExternalSubject(accountId, null);
	}

	/** The accounts bound to a subject at a provider, of these. */
	public java.util.Set<UUID> boundToProvider(List<UUID> accountIds) {
		return accountIds.isEmpty() ? java.util.Set.of()
				: java.util.Set.copyOf(jdbc.sql("select id from account where external_subject is not null and id in (:ids)")
					.param("ids", accountIds)
					.query(UUID.class)
					.list());
	}

	/** The coaches of an organisation, enabled or not. */
	public List<Account> coachesOf(UUID organisationId) {
		// The coaches in the query: an organisation's accounts are mostly participants' (two thousand and
		// more), and the programme page read them all on every view (docs/performance.md).
		// Never what is left of an erased participant: one was given the role, and stood among the coaches.
		return query("where a.organisation_id = :key and a.id in (select account_id from account_role where role = 'COACH')",
				organisationId)
			.stream()
			.filter(account -> !account.erased())
			.toList();
	}

	/**
	 * Gives an existing person one more role, such as a coach who applies as a participant. A participant's account
	 * is never signed in through the organisation's provider (decision 0101): its binding, and every link that
	 * would bind it, go with the role's coming, or the provider's operator could read the letters to come.
	 */
	@Transactional
	public void addRole(UUID accountId, Role role) {
		Optional<Role> separated = role.separatedFrom();
		if (separated.isPresent()) {
			// The account's row first, so that two grants of the two roles at once are asked one after the other.
			jdbc.sql("select id from account where id = :id for update").param("id", accountId).query(UUID.class).optional();
			boolean held = jdbc.sql("select count(*) from account_role where account_id = :id and role = :role")
				.param("id", accountId)
				.param("role", separated.get().name())
				.query(Integer.class)
				.single() > 0;
			if (held) {
				throw new SeparatedRolesException(role, separated.get());
			}
		}
		jdbc.sql("insert into account_role (account_id, role) values (:id, :role) on conflict do nothing")
			.param("id", accountId)
			.param("role", role.name())
			.update();
		if (role == Role.PARTICIPANT) {
			jdbc.sql("update account set external_subject = null where id = :id and external_subject is not null")
				.param("id", accountId)
				.update();
			jdbc.sql("delete from single_sign_on_link where account_id = :id").param("id", accountId).update();
		}
	}

	/**
	 * A role refused because the account holds the one it is separated from (decision 0145). The administrator's
	 * form asks first and says so; this is for a caller that did not, or a grant of the other role at the same moment.
	 */
	public static final class SeparatedRolesException extends RuntimeException {

		SeparatedRolesException(Role role, Role held) {
			super("an account holding " + held + " is not given " + role + " (decision 0145)");
		}
	}

	/** The accounts that hold both separated roles, given before decision 0145: the startup names how many. */
	public List<UUID> holdingSeparatedRoles() {
		return jdbc.sql("""
				select account_id from account_role where role = 'PROGRAMME_MANAGER'
				intersect select account_id from account_role where role = 'COACH'""")
			.query(UUID.class)
			.list();
	}

	/**
	 * What became of taking a role back. The last two only come from {@link RoleRemovals}, which asks
	 * the trajectories first.
	 */
	public enum RoleRemoval { REMOVED, NOT_HELD, LAST_ADMINISTRATOR, STILL_COACHING, STILL_TAKING_PART }

	/**
	 * Takes a role back. The last administrator keeps theirs: the administrators' rows are locked
	 * first, so two administrators taking each other's role at once cannot leave nobody to manage.
	 */
	@Transactional
	public RoleRemoval removeRole(UUID accountId, Role role) {
		if (role == Role.ADMINISTRATOR) {
			List<UUID> administrators = jdbc.sql("select account_id from account_role where role = :role for update")
				.param("role", role.name())
				.query(UUID.class)
				.list();
			if (administrators.equals(List.of(accountId))) {
				return RoleRemoval.LAST_ADMINISTRATOR;
			}
		}
		return jdbc.sql("delete from account_role where account_id = :id and role = :role")
			.param("id", accountId)
			.param("role", role.name())
			.update() == 1 ? RoleRemoval.REMOVED : RoleRemoval.NOT_HELD;
	}

	/**
	 * The organisation this person works or takes part for now, or none: an administrator whose organisation
	 * ended and who has no other work there (decision 0073).
	 */
	@Transactional
	public void moveTo(UUID accountId, UUID organisationId) {
		jdbc.sql("update account set organisation_id = :organisation where id = :id")
			.param("organisation", organisationId)
			.param("id", accountId)
			.update();
	}

	/**
	 * Signs the person out everywhere: their sessions, on every node, end. The roles of a session are
	 * those of its sign-in, so a role taken back would otherwise stay for as long as they keep working.
	 */
	@Transactional
	public void endSessions(UUID accountId) {
		endSessionsBut(accountId, ""); // no session's id is empty
	}

	/** As {@link #endSessions}, but for the session the person is working in: it goes on. */
	@Transactional
	void endSessionsBut(UUID accountId, String keptSessionId) {
		byId(accountId).ifPresent(account -> jdbc.sql("delete from spring_session where principal_name = :email and session_id <> :kept")
			.param("email", account.email())
			.param("kept", keptSessionId)
			.update());
	}

	public List<Account> all() {
		return query("", null);
	}

	/**
	 * Which accounts the administration page lists: a text found in the name or the address (empty for
	 * any), and {@code holding} a role, {@link #WITHOUT_ROLE} or null for any.
	 */
	public record AccountSearch(String text, String holding) {

		public AccountSearch {
			text = text == null ? "" : text.strip();
			holding = holding == null || holding.isBlank() ? null : holding;
		}
	}

	/** What {@link AccountSearch#holding} says for accounts without any role yet (a first single sign-on). */
	public static final String WITHOUT_ROLE = "NONE";

	/**
	 * One page of the accounts a search finds, by name: the platform has an account per participant,
	 * tens of thousands in a few years, and the page listed them all.
	 */
	public List<Account> find(AccountSearch search, int offset, int size) {
		List<UUID> ids = searched(jdbc.sql("select a.id from account a " + where(search)
				+ " order by a.display_name, a.id limit :size offset :offset"), search)
			.param("size", size)
			.param("offset", offset)
			.query(UUID.class)
			.list();
		return ids.isEmpty() ? List.of() : query("where a.id in (:key)", ids);
	}

	public long count(AccountSearch search) {
		return searched(jdbc.sql("select count(*) from account a " + where(search)), search).query(Long.class).single();
	}

	private static String where(AccountSearch search) {
		StringBuilder where = new StringBuilder("where 1 = 1");
		if (!TypedSearch.isBlank(search.text())) {
			where.append(" and (" + TypedSearch.contains("a.email", "pattern") + " or " + TypedSearch.contains("a.display_name", "pattern")
					+ ")");
		}
		if (WITHOUT_ROLE.equals(search.holding())) {
			where.append(" and not exists (select 1 from account_role r where r.account_id = a.id)");
		}
		else if (search.holding() != null) {
			where.append(" and a.id in (select account_id from account_role where role = :role)");
		}
		return where.toString();
	}

	private static JdbcClient.StatementSpec searched(JdbcClient.StatementSpec statement, AccountSearch search) {
		return statement.param("pattern", TypedSearch.containing(search.text())).param("role", search.holding());
	}

	public long count() {
		return jdbc.sql("select count(*) from account").query(Long.class).single();
	}

	/**
	 * The hash and when the password last changed, read in one statement: a password sign-in keeps the moment it
	 * was checked against, so that a change saved meanwhile ends its session (decision 0119). Empty for no account.
	 */
	Optional<Credentials> credentials(UUID accountId) {
		return jdbc.sql("select password_hash, password_changed_at from account where id = :id")
			.param("id", accountId)
			.query((rs, n) -> new Credentials(rs.getString("password_hash"),
					instant(rs.getObject("password_changed_at", OffsetDateTime.class))))
			.optional();
	}

	/** A password hash (null for an account without one) and the moment it was set (null: before V97, or never). */
	record Credentials(String passwordHash, Instant changedAt) {
	}

	/**
	 * When the account's password last changed, as a session keeps it from its sign-in: empty for an account that
	 * no longer exists, a present null for one whose password never changed since V97.
	 */
	Optional<PasswordChangedAt> passwordChangedAt(UUID accountId) {
		return jdbc.sql("select password_changed_at from account where id = :id")
			.param("id", accountId)
			.query((rs, n) -> new PasswordChangedAt(instant(rs.getObject("password_changed_at", OffsetDateTime.class))))
			.optional();
	}

	/**
	 * The moment a sign-in without a password (a link, single sign-on) keeps for its session, read in the sign-in's
	 * transaction: {@link PasswordChangedAt#NEVER} for an account not found, for which such a sign-in opens no session.
	 */
	PasswordChangedAt passwordAsOfSignIn(UUID accountId) {
		return passwordChangedAt(accountId).orElse(PasswordChangedAt.NEVER);
	}

	/** The moment a password last changed; {@code at} is null for a password not changed since V97. */
	record PasswordChangedAt(Instant at) {

		static final PasswordChangedAt NEVER = new PasswordChangedAt(null);
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	Optional<String> passwordHash(UUID accountId) {
		return jdbc.sql("select password_hash from account where id = :id")
			.param("id", accountId)
			.query(String.class)
			.optional();
	}

	/**
	 * Sets the new password and returns the moment it changed, as stored: a session signed in before it ends at its
	 * next request ({@link SessionLifetime}). Whole microseconds, as both databases keep it, so that the moment a
	 * session keeps equals the stored one. The callers hold the password to {@link PasswordRules} first: they
	 * know whose choice it is and refuse before anything is checked or used up.
	 */
	@Transactional
	Instant changePassword(UUID accountId, String rawPassword) {
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		jdbc.sql("update account set password_hash = :hash, password_changed_at = :now where id = :id")
			.param("hash", passwords.encode(rawPassword))
			.param("now", OffsetDateTime.ofInstant(now, clock.getZone()))
			.param("id", accountId)
			.update();
		return now;
	}

	@Transactional
	public void changeLanguage(UUID accountId, Locale language) {
		jdbc.sql("update account set preferred_language = :language where id = :id")
			.param("language", language.getLanguage())
			.param("id", accountId)
			.update();
	}

	/**
	 * What is left of a participant who asked to be forgotten: an account that cannot sign in,
	 * with no name, address, password or second factor, so that the rows that point to it (their
	 * anonymous trajectories) still point somewhere. Nor anything of how they signed in: wrong
	 * passwords or codes, when, and the lock they set are about the person too.
	 */
	@Transactional
	public void anonymise(UUID accountId) {
		anonymise(accountId, ERASED_NAME);
	}

	/**
	 * A staff member of an organisation that ended who works for no other (decision 0073): as an erased
	 * participant, under a name that says an account went, without roles and without their coach profile
	 * (their specialisms, certification and welcome letter). The ids that point to them stay.
	 */
	@Transactional
	public void removeStaff(UUID accountId) {
		anonymise(accountId, REMOVED_NAME);
		jdbc.sql("delete from account_role where account_id = :id").param("id", accountId).update();
		jdbc.sql("delete from coach_profile where account_id = :id").param("id", accountId).update();
	}

	/** The name shown where a removed staff member used to be. */
	static final String REMOVED_NAME = "Verwijderd account / Removed account";

	private void anonymise(UUID accountId, String name) {
		String email = byId(accountId).map(Account::email).orElse(null);
		if (email == null) {
			return;
		}
		jdbc.sql("""
				update account set email = :erased, display_name = :name, password_hash = null, enabled = false, external_subject = null,
				    totp_secret = null, totp_secret_key_id = null, totp_confirmed_at = null, totp_last_step = null,
				    failed_sign_ins = 0, last_failed_sign_in_at = null, wrong_codes = 0, locked_until = null
				where id = :id""")
			.param("erased", erasedAddress(accountId))
			.param("name", name)
			.param("id", accountId)
			.update();
		for (String table : new String[] { "recovery_code", "sign_in_link", "password_reset", "single_sign_on_link" }) {
			jdbc.sql("delete from " + table + " where account_id = :id").param("id", accountId).update();
		}
		// Signed in somewhere? Not any more.
		jdbc.sql("delete from spring_session where principal_name = :email").param("email", email).update();
	}

	/**
	 * The address an erased or removed account is left with. Made of the account's own id, so no one
	 * signs up with it before (Account#erased tells the skeleton by it); .invalid never receives mail.
	 */
	static String erasedAddress(UUID accountId) {
		return "verwijderd-" + accountId + "@briefwissel.invalid";
	}

	/** The name shown where an erased participant used to be. */
	public static final String ERASED_NAME = "Verwijderde deelnemer / Erased participant";

	private List<Account> query(String where, Object key) {
		var statement = jdbc.sql("""
				select a.id, a.organisation_id, a.email, a.display_name, a.preferred_language, a.enabled, r.role
				from account a left join account_role r on r.account_id = a.id
				%s
				order by a.display_name, a.id""".formatted(where));
		if (key != null) {
			statement = statement.param("key", key);
		}
		List<RoleRow> rows = statement.query((rs, n) -> new RoleRow(rs.getObject("id", UUID.class),
				rs.getObject("organisation_id", UUID.class), rs.getString("email"), rs.getString("display_name"),
				rs.getString("preferred_language"), rs.getBoolean("enabled"), rs.getString("role")))
			.list();
		Map<UUID, List<RoleRow>> byAccount = rows.stream()
			.collect(Collectors.groupingBy(RoleRow::id, LinkedHashMap::new, Collectors.toList()));
		return byAccount.values().stream().map(RoleRow::toAccount).toList();
	}

	static String normalise(String email) {
		return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
	}

	/** One row of the account–role join: an account with one of its roles (or none). */
	private record RoleRow(UUID id, UUID organisationId, String email, String displayName, String language,
			boolean enabled, String role) {

		static Account toAccount(List<RoleRow> rowsOfOneAccount) {
			RoleRow first = rowsOfOneAccount.get(0);
			Set<Role> roles = EnumSet.noneOf(Role.class);
			rowsOfOneAccount.stream().map(RoleRow::role).filter(Objects::nonNull).map(Role::valueOf).forEach(roles::add);
			return new Account(first.id, first.organisationId, first.email, first.displayName,
					Locale.forLanguageTag(first.language), roles, first.enabled);
		}
	}
}
