package nl.briefwissel.account;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
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

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	MailedLinks links;

	@Test
	void theBoundSubjectFindsTheAccountWhateverAddressTheTokenGives() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		Account coach = fixtures.person(organisation, "coach-" + UUID.randomUUID() + "@example.nl", "Coach", Role.COACH);
		accounts.bindExternalSubject(coach.id(), ISSUER + " app sub-1");
		assertThat(signIns.signIn(organisation, vouched("app", "sub-1", coach.email(), true), DUTCH))
			.isInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		// The person changed their address at the provider (or it says nothing of it): still them.
		var later = signIns.signIn(organisation, vouched("app", "sub-1", "nieuw-" + UUID.randomUUID() + "@example.nl", false), DUTCH);
		assertThat(later).isInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		assertThat(((ExternalSignIns.Outcome.SignedIn) later).account().id()).isEqualTo(coach.id());

		// Someone else there with the coach's (verified) address: the page every first sign-in gets, nothing
		// mailed (decision 0101), the binding stays.
		assertThat(signIns.signIn(organisation, vouched("app", "sub-2", coach.email(), true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.ConfirmByMail(coach.email(), null));
		assertThat(accounts.externalSubjectOf(coach.id())).contains(ISSUER + " app sub-1");

		// The organisation registered its application anew (Entra ID: new subjects for the same people): a
		// verified address no longer binds the account at the new registration by itself, its owner confirms
		// by mail (decision 0095).
		assertThat(signIns.signIn(organisation, vouched("app-2", "sub-9", coach.email(), true), DUTCH))
			.isNotInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		assertThat(accounts.externalSubjectOf(coach.id())).contains(ISSUER + " app sub-1");
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, coach.email(),
				mail -> Mailboxes.subject(mail).contains("Bevestig de koppeling")))).contains("/login/organisation/link?token=");
		// Nor does a new issuer (the organisation moved to another provider).
		assertThat(signIns.signIn(organisation, new ExternalSignIns.Vouched("https://other.example/tenant", "app", "sub-1",
				coach.email(), true, "Naam", false), DUTCH))
			.isNotInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		assertThat(accounts.externalSubjectOf(coach.id())).contains(ISSUER + " app sub-1");
		// Each subject's link stays open beside the other's (decision 0111); one pressed ends the other.
		assertThat(jdbc.sql("select external_subject from single_sign_on_link where account_id = :account and used_at is null")
			.param("account", coach.id()).query(String.class).list())
			.containsExactlyInAnyOrder(ISSUER + " app-2 sub-9", "https://other.example/tenant app sub-1");
	}

	/**
	 * An account never bound is found by its verified address, and not opened by it: whoever runs the
	 * provider could have made a user with that address (decision 0095). Nothing is bound until the owner
	 * confirms the link mailed to the account's address.
	 */
	@Test
	void anAccountFoundByItsAddressIsNotSignedInNorBoundBeforeItsOwnerConfirms() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		Account participant = fixtures.person(organisation, "medewerker-" + UUID.randomUUID() + "@example.nl", "Medewerker",
				Role.PROGRAMME_MANAGER);
		assertThat(signIns.signIn(organisation, vouched("app", "it-department", participant.email(), true), DUTCH))
			.isNotInstanceOf(ExternalSignIns.Outcome.SignedIn.class)
			.isNotInstanceOf(ExternalSignIns.Outcome.Refused.class);
		assertThat(accounts.externalSubjectOf(participant.id())).isEmpty();
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, participant.email(),
				mail -> Mailboxes.subject(mail).contains("Bevestig de koppeling")))).contains("/login/organisation/link?token=");
		assertThat(jdbc.sql("select external_subject from single_sign_on_link where account_id = :account")
			.param("account", participant.id()).query(String.class).single()).isEqualTo(ISSUER + " app it-department");

		// Erased, the account keeps no subject it was to be bound to either.
		accounts.anonymise(participant.id());
		assertThat(jdbc.sql("select count(*) from single_sign_on_link where account_id = :account")
			.param("account", participant.id()).query(Integer.class).single()).isZero();
	}

	@Test
	void anotherOrganisationsOrADisabledAccountGetsThePageOfEveryFirstSignIn() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		UUID other = organisations.create("Andere gemeente " + UUID.randomUUID()).id();
		Account elsewhere = fixtures.person(other, "elders-" + UUID.randomUUID() + "@example.nl", "Elders", Role.COACH);
		accounts.bindExternalSubject(elsewhere.id(), ISSUER + " app someone");
		// That the address is known at another organisation is not told (decisions 0095 and 0101), nor mailed.
		assertThat(signIns.signIn(organisation, vouched("app", "sub-3", elsewhere.email(), true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.ConfirmByMail(elsewhere.email(), null));
		assertThat(signIns.signIn(organisation, vouched("app", "someone", "x@example.nl", true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("failed"));

		Account disabled = fixtures.person(organisation, "uit-" + UUID.randomUUID() + "@example.nl", "Uit", Role.COACH);
		accounts.bindExternalSubject(disabled.id(), ISSUER + " app sub-4");
		jdbc.sql("update account set enabled = false where id = :id").param("id", disabled.id()).update();
		// Told as an address the provider did not vouch for is (decision 0111): a subject bound here learns nothing more.
		assertThat(signIns.signIn(organisation, vouched("app", "sub-4", disabled.email(), true), DUTCH))
			.isEqualTo(signIns.signIn(organisation, vouched("app", "sub-5", "onbevestigd@example.nl", false), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("refused"));

		assertThat(signIns.signIn(organisation, vouched("app", "", "leeg@example.nl", true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.Refused("failed"));
	}

	/**
	 * A participant's account is never bound to nor signed in through the employer's provider (decision 0101),
	 * found by its address or by a subject bound before: the page every first sign-in gets, nothing mailed.
	 */
	@Test
	void aParticipantsAccountIsNeitherBoundNorSignedInNorMailed() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		Account participant = fixtures.person(organisation, "deelnemer-" + UUID.randomUUID() + "@example.nl", "Deelnemer",
				Role.PARTICIPANT);
		assertThat(signIns.signIn(organisation, vouched("app", "it-department", participant.email(), true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.ConfirmByMail(participant.email(), null));
		assertThat(linksOf(participant)).isZero();
		assertThat(accounts.externalSubjectOf(participant.id())).isEmpty();

		accounts.bindExternalSubject(participant.id(), ISSUER + " app sub-p");
		String other = "ander-" + UUID.randomUUID() + "@example.nl";
		assertThat(signIns.signIn(organisation, vouched("app", "sub-p", other, true), DUTCH))
			.isEqualTo(new ExternalSignIns.Outcome.ConfirmByMail(other, null));
		assertThat(signIns.signIn(organisation, vouched("app", "sub-p", participant.email(), true), DUTCH))
			.isNotInstanceOf(ExternalSignIns.Outcome.SignedIn.class);
		assertThat(linksOf(participant)).isZero();
	}

	/** The participant's role, when it comes, takes the binding and every link that would bind with it (decision 0101). */
	@Test
	void grantingTheParticipantsRoleClearsTheBindingAndItsLinks() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		Account coach = fixtures.person(organisation, "coach-" + UUID.randomUUID() + "@example.nl", "Coach", Role.COACH);
		accounts.bindExternalSubject(coach.id(), ISSUER + " app sub-c");
		signIns.signIn(organisation, vouched("app-2", "sub-c2", coach.email(), true), DUTCH);
		assertThat(linksOf(coach)).isOne();
		accounts.addRole(coach.id(), Role.PARTICIPANT);
		assertThat(accounts.externalSubjectOf(coach.id())).isEmpty();
		assertThat(linksOf(coach)).isZero();
	}

	/**
	 * An address without an account gets no account at its first sign-in: a link is mailed to it that makes one
	 * when confirmed (decision 0101). Its answer is the page a colleague's or another organisation's address gets.
	 */
	@Test
	void anUnknownAddressGetsNoAccountBeforeItsOwnerConfirmsAndTheSamePageAsAnyOther() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		String unknown = "onbekend-" + UUID.randomUUID() + "@example.nl";
		var outcome = signIns.signIn(organisation, vouched("app", "sub-new", unknown, true), DUTCH);
		assertThat(outcome).isInstanceOf(ExternalSignIns.Outcome.ConfirmByMail.class);
		assertThat(((ExternalSignIns.Outcome.ConfirmByMail) outcome).address()).isEqualTo(unknown);
		assertThat(((ExternalSignIns.Outcome.ConfirmByMail) outcome).linkHash()).isNotNull();
		assertThat(accounts.byEmail(unknown)).isEmpty();
		assertThat(jdbc.sql("select external_subject from single_sign_on_link where email = :email and account_id is null")
			.param("email", unknown).query(String.class).single()).isEqualTo(ISSUER + " app sub-new");
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, unknown,
				mail -> Mailboxes.subject(mail).contains("Bevestig de koppeling")))).contains("/login/organisation/link?token=");

		Account colleague = fixtures.person(organisation, "collega-" + UUID.randomUUID() + "@example.nl", "Collega", Role.COACH);
		UUID other = organisations.create("Andere gemeente " + UUID.randomUUID()).id();
		Account elsewhere = fixtures.person(other, "elders-" + UUID.randomUUID() + "@example.nl", "Elders", Role.COACH);
		assertThat(signIns.signIn(organisation, vouched("app", "sub-col", colleague.email(), true), DUTCH))
			.isInstanceOf(ExternalSignIns.Outcome.ConfirmByMail.class);
		assertThat(signIns.signIn(organisation, vouched("app", "sub-els", elsewhere.email(), true), DUTCH))
			.isInstanceOf(ExternalSignIns.Outcome.ConfirmByMail.class);
	}

	/**
	 * The name the provider gives is shown to whoever is asked to confirm the binding, on the page and in the mail:
	 * an override in it turned the address after it around. The link keeps it cleaned, as every name is stored.
	 */
	@Test
	void theProvidersNameIsKeptWithoutDirectionOverridesOrInvisibleMarks() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		String unknown = "richting-" + UUID.randomUUID() + "@example.nl";
		signIns.signIn(organisation, new ExternalSignIns.Vouched(ISSUER, "app", "sub-rlo", unknown, true,
				"Anna \u202ESmit\u200B\u2069", false), DUTCH);
		assertThat(jdbc.sql("select display_name from single_sign_on_link where email = :email").param("email", unknown)
			.query(String.class).single()).isEqualTo("Anna Smit");
		assertThat(Mailboxes.text(Mailboxes.awaitMail(mailServer, unknown,
				mail -> Mailboxes.subject(mail).contains("Bevestig de koppeling")))).contains("Anna Smit").doesNotContain("\u202E");

		String marksAlone = "leeg-" + UUID.randomUUID() + "@example.nl";
		signIns.signIn(organisation, new ExternalSignIns.Vouched(ISSUER, "app", "sub-marks", marksAlone, true, "\u200B\u200F", false),
				DUTCH);
		assertThat(jdbc.sql("select display_name from single_sign_on_link where email = :email").param("email", marksAlone)
			.query(String.class).single()).as("no name but marks: the address stands for it").isEqualTo(marksAlone);
	}

	/** The address and name a link for a new account keeps are forgotten a day after it ran out (decision 0101). */
	@Test
	void aLinkThatWouldHaveMadeAnAccountIsForgottenAfterItRanOut() {
		UUID organisation = organisations.create("Gemeente " + UUID.randomUUID()).id();
		String unknown = "vergeten-" + UUID.randomUUID() + "@example.nl";
		signIns.signIn(organisation, vouched("app", "sub-gone", unknown, true), DUTCH);
		var kept = "select count(*) from single_sign_on_link where email = :email";
		links.forgetUnconfirmedAccountsBefore(OffsetDateTime.now());
		assertThat(jdbc.sql(kept).param("email", unknown).query(Integer.class).single()).isEqualTo(1);
		links.forgetUnconfirmedAccountsBefore(OffsetDateTime.now().plusDays(1));
		assertThat(jdbc.sql(kept).param("email", unknown).query(Integer.class).single()).isZero();
	}

	private int linksOf(Account account) {
		return jdbc.sql("select count(*) from single_sign_on_link where account_id = :account")
			.param("account", account.id()).query(Integer.class).single();
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
