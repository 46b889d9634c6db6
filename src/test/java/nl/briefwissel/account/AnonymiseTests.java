package nl.briefwissel.account;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What is left of an erased participant's account says nothing about how they signed in. */
@BriefwisselTest
class AnonymiseTests {

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void anErasedAccountKeepsNoWrongPasswordsWrongCodesOrLock() {
		Account participant = accounts.register(new NewAccount(null, "wissen-" + UUID.randomUUID() + "@example.nl", "Wissen",
				Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), null));
		OffsetDateTime now = OffsetDateTime.now();
		jdbc.sql("""
				update account set failed_sign_ins = 3, last_failed_sign_in_at = :now, wrong_codes = 42,
				    locked_until = :until where id = :id""")
			.param("now", now)
			.param("until", SignInAttempts.UNTIL_AN_ADMINISTRATOR)
			.param("id", participant.id())
			.update();

		accounts.anonymise(participant.id());

		Map<String, Object> row = jdbc.sql("""
				select failed_sign_ins, last_failed_sign_in_at, wrong_codes, locked_until from account where id = :id""")
			.param("id", participant.id())
			.query()
			.singleRow();
		assertThat(row.values()).as("failed_sign_ins, last_failed_sign_in_at, wrong_codes, locked_until")
			.containsExactly(0, null, 0, null);
	}
}
