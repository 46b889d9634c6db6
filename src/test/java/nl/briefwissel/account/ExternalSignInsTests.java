package nl.briefwissel.account;

import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.organisation.Organisations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Who a provider's token is (decision 0031), decided without a provider: the claims as the token gives them. */
@BriefwisselTest
class ExternalSignInsTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private static final String ISSUER = "https://login.example/tenant";

	@Autowired
	ExternalSignIns signIns;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theBoundSubjectFindsTheAccountWhateverAddressTheTokenGives() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		Account coach = fixtures.person(organisation, "coach-" + UUID.randomUUID() + "@example.nl", "Coach", Role.COACH);
		assertThat(signIns.signIn(organisation, vouched("app", "sub-1", coach.email(), true), DUTCH))
			.isInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		// The person changed their address at the provider (or it says nothing of it): still them.
		var later = signIns.signIn(organisation, vouched("app", "sub-1", "nieuw-" + UUID.randomUUID() + "@example.nl", false), DUTCH);
		assertThat(later).isInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		assertThat(((ExternalSignIns.Outcome.SignedIn) later).account().id()).isEqualTo(coach.id());

		// Someone else there with the coach's (verified) address: refused, the binding stays.
		assertThat(signIns.signIn(organisation, vouched("app", "sub-2", coach.email(), true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("boundElsewhere"));
		assertThat(accounts.externalSubjectOf(coach.id())).contains(ISSUER + " app sub-1");

		// The organisation registered its application anew (Entra ID: new subjects for the same people):
		// a verified address binds the account at the new registration.
		assertThat(signIns.signIn(organisation, vouched("app-2", "sub-9", coach.email(), true), DUTCH))
			.isInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		assertThat(accounts.externalSubjectOf(coach.id())).contains(ISSUER + " app-2 sub-9");
	}

	@Test
	void anotherOrganisationsOrADisabledAccountIsRefusedAsBefore() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		UUID other = organisations.create("Andere gemeente " + UUID.randomUUID()).id();
		Account elsewhere = fixtures.person(other, "elders-" + UUID.randomUUID() + "@example.nl", "Elders", Role.COACH);
		accounts.bindExternalSubject(elsewhere.id(), ISSUER + " app someone");
		// As any failure: that the address is known at another organisation is not told (decision 0095).
		assertThat(signIns.signIn(organisation, vouched("app", "sub-3", elsewhere.email(), true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("failed"));
		assertThat(signIns.signIn(organisation, vouched("app", "someone", "x@example.nl", true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("failed"));

		Account disabled = fixtures.person(organisation, "uit-" + UUID.randomUUID() + "@example.nl", "Uit", Role.COACH);
		jdbc.sql("update account set enabled = false where id = :id").param("id", disabled.id()).update();
		assertThat(signIns.signIn(organisation, vouched("app", "sub-4", disabled.email(), true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("disabled"));

		assertThat(signIns.signIn(organisation, vouched("app", "", "leeg@example.nl", true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("failed"));
	}

	/** Of two first sign-ins at once by different people at the provider, only one binds the account. */
	@Test
	void aBindingIsTakenOnce() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		Account coach = fixtures.person(organisation, "samen-" + UUID.randomUUID() + "@example.nl", "Samen", Role.COACH);
		String provider = ISSUER + " app ";
		assertThat(accounts.bindExternalSubjectUnlessBoundAt(coach.id(), provider + "first", provider)).isTrue();
		assertThat(accounts.bindExternalSubjectUnlessBoundAt(coach.id(), provider + "second", provider)).isFalse();
		assertThat(accounts.bindExternalSubjectUnlessBoundAt(coach.id(), provider + "first", provider)).isTrue();
		assertThat(accounts.externalSubjectOf(coach.id())).contains(provider + "first");
	}

	private static ExternalSignIns.Vouched vouched(String clientId, String subject, String email, Boolean verified) {
		return new ExternalSignIns.Vouched(ISSUER, clientId, subject, email, verified, "Naam", false);
	}
}
