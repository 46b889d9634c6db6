package nl.briefwissel.organisation;

import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A new installation gets its first organisation and administrator from its settings (decision 0050);
 * before, a database without demo data had nobody who could sign in. The suite's database has the
 * demo's administrator: each case runs in a transaction that takes the role away and is rolled back.
 */
@BriefwisselTest
class InstallationTests {

	@Autowired
	Installation installation;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void withAnAdministratorTheSettingsChangeNothing() {
		String email = "niet.nodig." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";
		assertThat(installation.install(new SetupProperties("Gemeente Later", email, null))).isEqualTo(Installation.Outcome.ALREADY_SET_UP);
		assertThat(accounts.byEmail(email)).isEmpty();
	}

	@Test
	void withoutAnAdministratorTheSettingsMakeTheOrganisationAndTheAdministratorAndMailALink() {
		String email = "eerste.beheerder." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";
		String organisation = "Gemeente Eerste " + UUID.randomUUID().toString().substring(0, 8);
		withoutAdministrators(() -> {
			assertThat(installation.install(new SetupProperties(null, null, null))).isEqualTo(Installation.Outcome.NOTHING_GIVEN);
			assertThat(installation.install(new SetupProperties(organisation, " " + email + " ", "Fatma Yildiz")))
				.isEqualTo(Installation.Outcome.ADMINISTRATOR_INVITED);
			var administrator = accounts.byEmail(email).orElseThrow();
			assertThat(administrator.roles()).containsExactly(Role.ADMINISTRATOR);
			assertThat(administrator.displayName()).isEqualTo("Fatma Yildiz");
			assertThat(organisations.byId(administrator.organisationId()).orElseThrow().name()).isEqualTo(organisation);
			assertThat(jdbc.sql("select subject from outbound_mail where recipient = :r").param("r", email).query(String.class).list())
				.containsExactly("Je account bij Briefwissel");
			// Started again (or on a second node): there is an administrator now, and nothing is made twice.
			assertThat(installation.install(new SetupProperties(organisation, email, null))).isEqualTo(Installation.Outcome.ALREADY_SET_UP);
			assertThat(organisations.all().stream().filter(o -> o.name().equals(organisation))).hasSize(1);
		});
	}

	@Test
	void anExistingAccountOfTheAddressIsGivenTheRoleAndSettingsThatCannotWorkStopTheStart() {
		withoutAdministrators(() -> {
			var coach = accounts.byEmail("coach@briefwissel.test").orElseThrow();
			assertThat(installation.install(new SetupProperties("Gemeente Voorbeeldstad", "COACH@briefwissel.test", null)))
				.isEqualTo(Installation.Outcome.ROLE_GIVEN);
			assertThat(accounts.byId(coach.id()).orElseThrow().roles()).contains(Role.ADMINISTRATOR, Role.COACH);
		});
		withoutAdministrators(() -> {
			assertThatThrownBy(() -> installation.install(new SetupProperties("Gemeente X", "geen adres", null)))
				.hasMessageContaining("briefwissel.setup.administrator is not an e-mail address");
			assertThatThrownBy(() -> installation.install(new SetupProperties(" ", "iemand@gemeente.example", null)))
				.hasMessageContaining("briefwissel.setup.organisation must name the first organisation");
		});
	}

	/** Administrators who were all disabled (erased, left) leave an installation nobody can administer. */
	@Test
	void disabledAdministratorsCountAsNone() {
		String email = "na.vertrek." + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example";
		transactions.executeWithoutResult(status -> {
			jdbc.sql("update account set enabled = false where id in (select account_id from account_role where role = 'ADMINISTRATOR')")
				.update();
			try {
				assertThat(installation.install(new SetupProperties("Gemeente Opnieuw", email, null)))
					.isEqualTo(Installation.Outcome.ADMINISTRATOR_INVITED);
			}
			finally {
				status.setRollbackOnly();
			}
		});
	}

	/** Runs the case as if no administrator existed, and leaves the database as it was. */
	private void withoutAdministrators(Runnable inCase) {
		transactions.executeWithoutResult(status -> {
			jdbc.sql("delete from account_role where role = 'ADMINISTRATOR'").update();
			try {
				inCase.run();
			}
			finally {
				status.setRollbackOnly();
			}
		});
	}
}
