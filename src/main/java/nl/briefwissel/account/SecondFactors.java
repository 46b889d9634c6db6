package nl.briefwissel.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import nl.briefwissel.encryption.Encryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor: an authenticator app (TOTP) with ten one-time recovery codes. Mandatory for
 * coaches, programme managers and administrators, because they reach other people's words;
 * participants may add one.
 */
@Service
public class SecondFactors {

	private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);

	static final int RECOVERY_CODES = 10;

	private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

	private static final SecureRandom random = new SecureRandom();

	/** What the person has set up. */
	public record Status(boolean appConfirmed, int recoveryCodesLeft) {
	}

	/** A new, not yet confirmed secret, in the forms an authenticator app accepts. */
	public record Enrolment(String secret, String otpauthUri, String qrCode) {

		/** The secret in groups of four, as people copy it by hand. */
		public String secretForTyping() {
			return secret.replaceAll("(.{4})(?!$)", "$1 ");
		}

		/** Never the secret: a model printed to the log (a failing request, a debug line) showed it. */
		@Override
		public String toString() {
			return "Enrolment[secret hidden]";
		}
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final List<SecondFactorExemption> exemptions;

	/** The name the authenticator app shows above the code. */
	private static final String ISSUER = "Briefwissel";

	private record AppSecret(String secret) {
	}

	private final Encryption encryption;

	private final SecondFactorNotices notices;

	SecondFactors(JdbcClient jdbc, Clock clock, ObjectProvider<SecondFactorExemption> exemptions, Encryption encryption,
			SecondFactorNotices notices) {
		this.encryption = encryption;
		this.notices = notices;
		this.jdbc = jdbc;
		this.clock = clock;
		this.exemptions = exemptions.orderedStream().toList();
	}

	/** Whether this person must give a code after their password or sign-in link. */
	public boolean required(SignedInAccount who) {
		if (status(who.id()).appConfirmed()) {
			return true;
		}
		boolean staff = who.roles().stream().anyMatch(role -> role != Role.PARTICIPANT);
		return staff && exemptions.stream().noneMatch(exemption -> exemption.covers(who.email()));
	}

	public Status status(UUID accountId) {
		boolean confirmed = jdbc.sql("select totp_confirmed_at is not null from account where id = :id")
			.param("id", accountId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
		int left = jdbc.sql("select count(*) from recovery_code where account_id = :id and used_at is null")
			.param("id", accountId)
			.query(Integer.class)
			.single();
		return new Status(confirmed, left);
	}

	/** Everyone who has a confirmed authenticator app, for the administrator's overview. */
	public java.util.Set<UUID> withApp() {
		return java.util.Set.copyOf(jdbc.sql("select id from account where totp_confirmed_at is not null")
			.query(UUID.class)
			.list());
	}

	/** A fresh secret for the app; replaces an earlier one that was never confirmed. */
	@Transactional
	public Enrolment startEnrolment(SignedInAccount who) {
		if (status(who.id()).appConfirmed()) {
			throw new IllegalStateException("An authenticator app is already set up for this account");
		}
		String secret = Totp.newSecret();
		jdbc.sql("update account set totp_secret = :secret, totp_secret_key_id = :key, totp_last_step = null where id = :id")
			.param("secret", encryption.sealText(secret))
			.param("key", encryption.keyId())
			.param("id", who.id())
			.update();
		return enrolment(who.email(), secret);
	}

	/** The enrolment started earlier, to show it again after a mistyped or empty code; none once the app is confirmed. */
	public Optional<Enrolment> pendingEnrolment(SignedInAccount who) {
		return jdbc.sql("""
				select totp_secret, totp_secret_key_id from account
				where id = :id and totp_confirmed_at is null and totp_secret is not null""")
			.param("id", who.id())
			.query((rs, n) -> encryption.openText(rs.getString(2), rs.getString(1)))
			.optional()
			.map(secret -> enrolment(who.email(), secret));
	}

	/**
	 * Confirms the app with its first code and hands out recovery codes; empty when the code does
	 * not match the pending secret. The person is mailed that an app was linked, in this transaction:
	 * whoever has their password could otherwise link an app of their own unheard of.
	 */
	@Transactional
	public Optional<List<String>> confirm(UUID accountId, String code) {
		Optional<String> secret = jdbc.sql("select totp_secret, totp_secret_key_id from account where id = :id and totp_confirmed_at is null")
			.param("id", accountId)
			.query((rs, n) -> encryption.openText(rs.getString(2), rs.getString(1)))
			.optional()
			.filter(s -> s != null);
		if (secret.isEmpty()) {
			return Optional.empty();
		}
		OptionalLong step = Totp.matchingStep(secret.get(), code, clock.instant());
		if (step.isEmpty()) {
			return Optional.empty();
		}
		jdbc.sql("update account set totp_confirmed_at = :now, totp_last_step = :step where id = :id")
			.param("now", OffsetDateTime.now(clock))
			.param("step", step.getAsLong())
			.param("id", accountId)
			.update();
		log.info("Authenticator app confirmed for account {}", accountId);
		notices.appLinked(accountId);
		return Optional.of(newRecoveryCodes(accountId));
	}

	/**
	 * Checks a code from the app or one of the recovery codes, and uses it up: a code that was
	 * accepted once is refused the second time, so a code seen over a shoulder is worth nothing.
	 */
	@Transactional
	public boolean verify(UUID accountId, String code) {
		if (code == null || code.isBlank() || code.length() > 40) {
			return false;
		}
		var row = jdbc.sql("""
				select totp_secret, totp_secret_key_id from account
				where id = :id and totp_confirmed_at is not null""")
			.param("id", accountId)
			.query((rs, n) -> new AppSecret(encryption.openText(rs.getString(2), rs.getString(1))))
			.optional();
		if (row.isEmpty()) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(row.get().secret(), code, clock.instant());
		if (step.isPresent()) {
			// Used up in the same statement that accepts it: the same code sent twice at once counts once.
			return jdbc.sql("""
					update account set totp_last_step = :step
					where id = :id and (totp_last_step is null or totp_last_step < :step)""")
				.param("step", step.getAsLong())
				.param("id", accountId)
				.update() == 1;
		}
		int used = jdbc.sql("""
				update recovery_code set used_at = :now
				where account_id = :id and code_hash = :hash and used_at is null""")
			.param("now", OffsetDateTime.now(clock))
			.param("id", accountId)
			.param("hash", LinkTokens.hash(normaliseRecoveryCode(code)))
			.update();
		if (used == 1) {
			log.info("Recovery code used for account {}", accountId);
		}
		return used == 1;
	}

	/** Ten new recovery codes; the earlier ones stop working. Shown once, kept only as hashes. */
	@Transactional
	public List<String> newRecoveryCodes(UUID accountId) {
		jdbc.sql("delete from recovery_code where account_id = :id").param("id", accountId).update();
		List<String> codes = new ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now(clock);
		for (int i = 0; i < RECOVERY_CODES; i++) {
			String code = recoveryCode();
			codes.add(code);
			jdbc.sql("insert into recovery_code (account_id, code_hash, created_at) values (:id, :hash, :now)")
				.param("id", accountId)
				.param("hash", LinkTokens.hash(normaliseRecoveryCode(code)))
				.param("now", now)
				.update();
		}
		return codes;
	}

	/**
	 * The administrator's reset (a lost phone): the app and the recovery codes go, and the person is
	 * mailed that an administrator did it, so that a reset they never asked for does not go unheard of.
	 * Only when there was an app: a reset of a set-up never finished took nothing from them.
	 */
	@Transactional
	public void resetByAdministrator(UUID accountId) {
		boolean hadApp = status(accountId).appConfirmed();
		switchOff(accountId);
		if (hadApp) {
			notices.appReset(accountId);
		}
	}

	/**
	 * A participant removes their own app: as a linked one, the removal is mailed to them. Whoever has
	 * their session and a code (a phone left unlocked) could otherwise take the second factor off the
	 * account unheard of. Only when there was an app, as at the administrator's reset.
	 */
	@Transactional
	public void removeOwn(UUID accountId) {
		boolean hadApp = status(accountId).appConfirmed();
		switchOff(accountId);
		if (hadApp) {
			notices.appRemoved(accountId);
		}
	}

	/** Removes the app and the recovery codes; only for people whose role does not require them. */
	@Transactional
	public void switchOff(UUID accountId) {
		jdbc.sql("""
				update account set totp_secret = null, totp_secret_key_id = null, totp_confirmed_at = null, totp_last_step = null
				where id = :id""")
			.param("id", accountId)
			.update();
		jdbc.sql("delete from recovery_code where account_id = :id").param("id", accountId).update();
		log.info("Authenticator app switched off for account {}", accountId);
	}

	private Enrolment enrolment(String email, String secret) {
		String label = URLEncoder.encode(ISSUER + ":" + email, StandardCharsets.UTF_8).replace("+", "%20");
		String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
				+ URLEncoder.encode(ISSUER, StandardCharsets.UTF_8).replace("+", "%20") + "&algorithm=SHA1&digits="
				+ Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
		return new Enrolment(secret, uri, QrCodePicture.dataUri(uri));
	}

	private static String recoveryCode() {
		StringBuilder code = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			if (i == 5) {
				code.append('-');
			}
			code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
		}
		return code.toString();
	}

	private static String normaliseRecoveryCode(String code) {
		return code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
	}
}
