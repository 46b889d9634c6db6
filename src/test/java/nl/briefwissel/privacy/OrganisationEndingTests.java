package nl.briefwissel.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SingleSignOn;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.housestyle.Colour;
import nl.briefwissel.housestyle.HouseStyle;
import nl.briefwissel.housestyle.HouseStyles;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Ending an organisation when its contract ends (AVG article 28(3)(g), decision 0073): every person's data
 * of it goes, on the real database, and another organisation's stays as it was.
 */
@BriefwisselTest
class OrganisationEndingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	CoachPool pool;

	@Autowired
	Conversations conversations;

	@Autowired
	CoachDesk desk;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Intakes intakes;

	@Autowired
	AuditTrail audit;

	@Autowired
	OrganisationEndings endings;

	@Autowired
	Trajectories trajectoryRecords;

	@Autowired
	HouseStyles houseStyles;

	@Autowired
	SingleSignOn singleSignOn;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void endingAnOrganisationLeavesNothingPersonalOfItAndLeavesAnotherOrganisationAsItWas() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		String suffix = ended.participant().email().substring("deelnemer-".length(), "deelnemer-".length() + 8);
		Account manager = fixtures.managerOf(ended);
		// A coach of the ended organisation who also coaches in the other one's programme keeps their account.
		Account shared = fixtures.person(ended.organisationId(), "gedeeld-" + suffix + "@example.nl", "Gedeelde " + suffix, Role.COACH);
		pool.set(other.programmeId(), List.of(other.coach().id(), shared.id()));
		pool.set(ended.programmeId(), List.of(ended.coach().id(), shared.id()));

		String letter = "Schrijfopdracht-" + suffix + " over je loopbaan";
		conversations.coachWrites(ended.id(), ended.coach().id(), letter);
		mvc.perform(multipart("/participant/conversation").file(new MockMultipartFile("files", "foto-" + suffix + ".jpg", "image/jpeg",
				new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3 }))
			.param("text", "Antwoord-" + suffix + " met mijn foto.").with(fixtures.as(ended.participant())).with(csrf()))
			.andExpect(status().is3xxRedirection());
		desk.addNote(ended.id(), ended.coach().id(), "Notitie-" + suffix + " over de deelnemer");
		String employer = "hr-" + suffix + "@example.nl";
		String intakeAddress = "aanmelden-" + suffix + "@example.nl";
		programmes.changeEmployerContact(ended.programmeId(), employer);
		programmes.changeSettings(ended.programmeId(), new Programmes.Settings(6, 2, 2, 24, MailMode.FULL_TEXT, intakeAddress));
		String invited = "uitgenodigd-" + suffix + "@example.nl";
		intakes.invite(programmes.byId(ended.programmeId()).orElseThrow(), invited, "Uitgenodigde " + suffix, Locale.forLanguageTag("nl"),
				manager.id());
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);

		String otherLetter = "Andere-brief-" + suffix;
		conversations.coachWrites(other.id(), other.coach().id(), otherLetter);
		Account administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow();
		String name = organisations.byId(ended.organisationId()).orElseThrow().name();

		OrganisationEndings.Ending outcome = endings.end(ended.organisationId(), administrator.id());

		assertThat(outcome).isInstanceOf(OrganisationEndings.Ended.class);
		List<String> personal = List.of(ended.participant().displayName(), ended.participant().email(), ended.coach().displayName(),
				ended.coach().email(), manager.displayName(), manager.email(), "Uitgenodigde " + suffix, invited, employer,
				intakeAddress, "Schrijfopdracht-" + suffix, "Antwoord-" + suffix, "Notitie-" + suffix, "foto-" + suffix);
		assertThat(textsHolding(personal)).as("text columns still holding personal data of the ended organisation").isEmpty();
		assertThat(conversations.of(ended.id())).extracting(Message::body).isNotEmpty().allMatch(String::isEmpty);
		assertThat(count("select count(*) from message_attachment a join message m on m.id = a.message_id where m.trajectory_id = :id",
				ended.id())).isZero();
		assertThat(count("select count(*) from coach_note where trajectory_id = :id", ended.id())).isZero();
		assertThat(count("select count(*) from intake i join programme p on p.id = i.programme_id where p.organisation_id = :id "
				+ "and (i.question is not null or i.display_name is not null or i.token_hash is not null)", ended.organisationId())).isZero();
		assertThat(pool.of(ended.programmeId())).isEmpty();
		for (Account gone : List.of(ended.participant(), ended.coach(), manager)) {
			Account now = accounts.byId(gone.id()).orElseThrow();
			assertThat(now.enabled()).isFalse();
			assertThat(now.email()).endsWith("@briefwissel.invalid");
		}
		// The anonymous skeleton stays for the figures (decision 0010).
		assertThat(jdbc.sql("select status from trajectory where id = :id and erased_at is not null").param("id", ended.id())
			.query(String.class).single()).isEqualTo("COMPLETED");

		assertThat(organisations.byId(ended.organisationId())).isEmpty();
		assertThat(organisations.all()).extracting(o -> o.id()).doesNotContain(ended.organisationId());
		assertThat(audit.search(AuditTrail.Search.everything()))
			.anyMatch(entry -> entry.actorId().equals(administrator.id()) && entry.details() != null
					&& entry.details().contains(ended.organisationId().toString()) && entry.details().contains(name));

		Account keeps = accounts.byId(shared.id()).orElseThrow();
		assertThat(keeps.enabled()).isTrue();
		assertThat(keeps.displayName()).isEqualTo(shared.displayName());
		assertThat(pool.of(other.programmeId())).contains(shared.id());
		assertThat(conversations.of(other.id())).extracting(Message::body).anyMatch(body -> body.contains(otherLetter));
		assertThat(accounts.byId(other.participant().id()).orElseThrow().displayName()).isEqualTo(other.participant().displayName());
		assertThat(organisations.byId(other.organisationId())).isPresent();
	}

	@Test
	void anOrganisationWithRunningPausedOrProposedTrajectoriesIsNotEnded() {
		var running = fixtures.runningTrajectory(true);
		fixtures.proposal(running);
		Account administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow();

		OrganisationEndings.Ending outcome = endings.end(running.organisationId(), administrator.id());

		assertThat(outcome).isEqualTo(new OrganisationEndings.Unfinished(1, 0, 1));
		assertThat(organisations.byId(running.organisationId())).isPresent();
		assertThat(accounts.byId(running.participant().id()).orElseThrow().enabled()).isTrue();
		assertThat(conversations.of(running.id())).isNotNull();
	}

	/**
	 * A programme manager who also takes part elsewhere, and an administrator of the ended organisation, keep
	 * their account but nothing of its power: no manager role, their organisation the one of their remaining
	 * work (or none), signed out everywhere, and a session from before the ending refused on its pages.
	 */
	@Test
	void accountsKeptForOtherWorkLoseTheEndedOrganisationsPowersAndSessions() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account manager = fixtures.managerOf(ended);
		accounts.addRole(manager.id(), Role.PARTICIPANT);
		trajectoryRecords.record(other.programmeId(), manager.id(), other.coach().id(), TrajectoryStatus.RUNNING, "NEXT_STEP",
				Today.date(), null);
		Account administrator = fixtures.person(ended.organisationId(), "beheer-" + suffix + "@example.nl", "Beheerder " + suffix,
				Role.ADMINISTRATOR);
		RequestPostProcessor managerBefore = fixtures.as(manager);
		RequestPostProcessor administratorBefore = fixtures.as(administrator);
		signedIn(manager.email());
		signedIn(administrator.email());

		assertThat(endings.end(ended.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id()))
			.isInstanceOf(OrganisationEndings.Ended.class);

		Account managerNow = accounts.byId(manager.id()).orElseThrow();
		assertThat(managerNow.enabled()).isTrue();
		assertThat(managerNow.roles()).containsExactly(Role.PARTICIPANT);
		assertThat(managerNow.organisationId()).isEqualTo(other.organisationId());
		Account administratorNow = accounts.byId(administrator.id()).orElseThrow();
		assertThat(administratorNow.roles()).containsExactly(Role.ADMINISTRATOR);
		assertThat(administratorNow.organisationId()).isNull();
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name in (:emails)")
			.param("emails", List.of(manager.email(), administrator.email())).query(Long.class).single()).isZero();

		assertThat(mvc.perform(get("/programme").with(managerBefore)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/admin/sign-in").with(administratorBefore)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/programme").with(fixtures.as(managerNow))).andReturn().getResponse().getStatus()).isEqualTo(403);
		mvc.perform(post("/admin/sign-in").param("label", "Inloggen").param("issuer", "https://login.example.nl/")
			.param("clientId", "briefwissel").param("clientSecret", "geheim").param("enabled", "true")
			.with(fixtures.as(administratorNow)).with(csrf()));
		assertThat(singleSignOn.of(ended.organisationId())).isEmpty();
	}

	/**
	 * An administrator of the ended organisation who also coaches in another one's pool does not become that
	 * organisation's (its single sign-on page and identity provider would reach a platform administrator), and
	 * a coach in the pools of two other organisations is not handed to whichever sorts first: both belong to
	 * no organisation; a coach with work at exactly one other organisation moves there.
	 */
	@Test
	void anAdministratorOrACoachOfSeveralOtherOrganisationsMovesToNoOrganisation() {
		var ended = fixtures.runningTrajectory(true);
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account administrator = fixtures.person(ended.organisationId(), "beheer-coach-" + suffix + "@example.nl", "Beheerder " + suffix,
				Role.ADMINISTRATOR);
		accounts.addRole(administrator.id(), Role.COACH);
		Account twice = fixtures.person(ended.organisationId(), "twee-" + suffix + "@example.nl", "Twee " + suffix, Role.COACH);
		Account once = fixtures.person(ended.organisationId(), "een-" + suffix + "@example.nl", "Een " + suffix, Role.COACH);
		pool.set(first.programmeId(), List.of(first.coach().id(), administrator.id(), twice.id(), once.id()));
		pool.set(second.programmeId(), List.of(second.coach().id(), twice.id()));

		assertThat(endings.end(ended.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id()))
			.isInstanceOf(OrganisationEndings.Ended.class);

		Account administratorNow = accounts.byId(administrator.id()).orElseThrow();
		assertThat(administratorNow.organisationId()).isNull();
		assertThat(administratorNow.roles()).contains(Role.ADMINISTRATOR, Role.COACH);
		Account twiceNow = accounts.byId(twice.id()).orElseThrow();
		assertThat(twiceNow.organisationId()).isNull();
		assertThat(twiceNow.roles()).containsExactly(Role.COACH);
		assertThat(accounts.byId(once.id()).orElseThrow().organisationId()).isEqualTo(first.organisationId());
	}

	/**
	 * Someone of the ended organisation who takes part and also coaches there, and works nowhere else, is
	 * counted once: as staff removed, not also among the participants erased, on the page as in the outcome.
	 */
	@Test
	void aParticipantWhoAlsoCoachesIsCountedOnceAsStaff() {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		OrganisationEndings.Preview before = endings.preview(ended.organisationId()).orElseThrow();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account both = fixtures.person(ended.organisationId(), "beide-" + suffix + "@example.nl", "Beide " + suffix, Role.COACH);
		accounts.addRole(both.id(), Role.PARTICIPANT);

		OrganisationEndings.Preview preview = endings.preview(ended.organisationId()).orElseThrow();
		assertThat(preview.participants()).isEqualTo(before.participants());
		assertThat(preview.staffRemoved()).isEqualTo(before.staffRemoved() + 1);

		var outcome = (OrganisationEndings.Ended) endings.end(ended.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id());
		assertThat(outcome.participants()).isEqualTo(preview.participants());
		assertThat(outcome.staffRemoved()).isEqualTo(preview.staffRemoved());
	}

	/**
	 * An application completed in the moment its organisation's ending commits (the ending read its people
	 * before): the application reads the organisation's row with a shared lock and finds it ended, so no
	 * account and no trajectory of it are made that the ending would leave behind.
	 */
	@Test
	void anApplicationToAnEndedOrganisationsProgrammeMakesNoTrajectory() {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		String email = "te-laat-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		var invited = intakes.invite(programmes.byId(ended.programmeId()).orElseThrow(), email, "Te Laat", Locale.forLanguageTag("nl"),
				fixtures.managerOf(ended).id());
		String token = nl.briefwissel.account.LinkTokens.create();
		jdbc.sql("update intake set token_hash = :hash, token_expires_at = :expires where id = :id")
			.param("hash", nl.briefwissel.account.LinkTokens.hash(token))
			.param("expires", java.time.OffsetDateTime.now().plusDays(1))
			.param("id", invited.id())
			.update();
		// The ending committed after this application was opened but before it is sent.
		jdbc.sql("update organisation set ended_at = :now where id = :id").param("now", java.time.OffsetDateTime.now())
			.param("id", ended.organisationId()).update();

		var outcome = intakes.complete(token, new nl.briefwissel.trajectory.IntakeForm("Te Laat", email, "Een vraag", "NEXT_STEP",
				new nl.briefwissel.trajectory.Intake.SelfCheck(nl.briefwissel.trajectory.Intake.Answer.YES,
						nl.briefwissel.trajectory.Intake.Answer.YES, nl.briefwissel.trajectory.Intake.Answer.YES), true, true),
				Locale.forLanguageTag("nl"));

		assertThat(outcome).isEmpty();
		assertThat(accounts.byEmail(email)).isEmpty();
		assertThat(jdbc.sql("select count(*) from trajectory where programme_id = :id and status = 'INTAKE'").param("id", ended.programmeId())
			.query(Long.class).single()).isZero();
	}

	/**
	 * A session opened before the ending holds the ended organisation: the other pages that act for the
	 * account's own organisation (its coaches, its themes in the library, its processing register) refuse it too.
	 */
	@Test
	void theOwnOrganisationsPagesRefuseASessionOfAnEndedOrganisation() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account administrator = fixtures.person(ended.organisationId(), "beheer-oud-" + suffix + "@example.nl", "Beheerder " + suffix,
				Role.ADMINISTRATOR);
		accounts.addRole(administrator.id(), Role.COACH);
		RequestPostProcessor before = fixtures.as(accounts.byId(administrator.id()).orElseThrow());
		assertThat(mvc.perform(get("/admin/coaches").with(before)).andReturn().getResponse().getStatus()).isEqualTo(200);

		assertThat(endings.end(ended.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id()))
			.isInstanceOf(OrganisationEndings.Ended.class);

		for (String page : List.of("/admin/coaches", "/admin/assignments", "/coach/assignments", "/admin/processing")) {
			assertThat(mvc.perform(get(page).with(before)).andReturn().getResponse().getStatus()).as(page).isEqualTo(403);
		}
	}

	/** Someone invited by another organisation keeps that invitation, and with it their account. */
	@Test
	void aParticipantWithAnOpenInvitationOfAnotherOrganisationKeepsItAndTheirAccount() {
		var ended = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		Account otherManager = fixtures.managerOf(other);
		intakes.invite(programmes.byId(other.programmeId()).orElseThrow(), ended.participant().email(), ended.participant().displayName(),
				Locale.forLanguageTag("nl"), otherManager.id());

		assertThat(endings.end(ended.organisationId(), otherManager.id())).isInstanceOf(OrganisationEndings.Ended.class);

		assertThat(jdbc.sql("select count(*) from intake where programme_id = :programme and lower(email) = lower(:email) and status = 'INVITED'")
			.param("programme", other.programmeId()).param("email", ended.participant().email()).query(Long.class).single()).isOne();
		Account now = accounts.byId(ended.participant().id()).orElseThrow();
		assertThat(now.email()).isEqualTo(ended.participant().email());
		assertThat(now.enabled()).isTrue();
		assertThat(now.organisationId()).isEqualTo(other.organisationId());
		assertThat(count("select count(*) from trajectory where id = :id and erased_at is not null", ended.id())).isOne();
	}

	@Test
	void theHouseStyleOfAnEndedOrganisationGoes() {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		houseStyles.save(ended.organisationId(), new HouseStyle(Colour.parse("#5115ef").orElseThrow(), Colour.parse("#ffffff").orElseThrow(),
				Colour.parse("#00568b").orElseThrow(), Colour.parse("#ffffff").orElseThrow(), Colour.parse("#001a40").orElseThrow(), "Gemeente"));
		assertThat(houseStyles.current(ended.organisationId())).isPresent();

		endings.end(ended.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id());

		assertThat(count("select count(*) from organisation_house_style where organisation_id = :id", ended.organisationId())).isZero();
		assertThat(houseStyles.current(ended.organisationId())).isEmpty();
	}

	/** A style saved in the moment of ending (its page was open) is not worn: an ended organisation has none. */
	@Test
	void anEndedOrganisationWearsNoHouseStyleEvenOneSavedAfterwards() {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		endings.end(ended.organisationId(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id());

		houseStyles.save(ended.organisationId(), new HouseStyle(Colour.parse("#5115ef").orElseThrow(), Colour.parse("#ffffff").orElseThrow(),
				Colour.parse("#00568b").orElseThrow(), Colour.parse("#ffffff").orElseThrow(), Colour.parse("#001a40").orElseThrow(), "Gemeente"));

		assertThat(houseStyles.current(ended.organisationId())).isEmpty();
	}

	/**
	 * A waiting participant matched while the ending runs: the matching holds the trajectory's row and the
	 * ending, which read the organisation as finished, finds it proposed once it gets the row, and ends nothing.
	 */
	@Test
	void aTrajectoryMatchedWhileTheEndingRunsRefusesTheEnding() throws Exception {
		var ended = fixtures.runningTrajectory(true);
		lifecycle.complete(ended.id(), ended.coach().id(), Reason.QUESTION_ANSWERED, null);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Account waiting = fixtures.person(ended.organisationId(), "wacht-" + suffix + "@example.nl", "Wachtende " + suffix, Role.PARTICIPANT);
		UUID trajectory = trajectoryRecords.record(ended.programmeId(), waiting.id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP", null,
				null);
		UUID administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
		CountDownLatch matched = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		CompletableFuture<Void> matching = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			jdbc.sql("update trajectory set status = 'MATCHING' where id = :id").param("id", trajectory).update();
			matched.countDown();
			try {
				commit.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
			}
		}));
		assertThat(matched.await(10, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<OrganisationEndings.Ending> ending = CompletableFuture.supplyAsync(() -> endings.end(ended.organisationId(),
				administrator));
		Thread.sleep(400);
		commit.countDown();
		matching.get(10, TimeUnit.SECONDS);

		assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo(new OrganisationEndings.Unfinished(0, 0, 1));
		assertThat(organisations.byId(ended.organisationId())).isPresent();
		assertThat(accounts.byId(waiting.id()).orElseThrow().enabled()).isTrue();
		assertThat(count("select count(*) from trajectory where id = :id and erased_at is null and status = 'MATCHING'", trajectory)).isOne();
	}

	/** The intake address stays the platform's while an ending that rolled back left the programme as it was. */
	@Test
	void anIntakeAddressStaysAliasedWhenForgettingTheSettingsRollsBack() {
		var ended = fixtures.runningTrajectory(true);
		String address = "aanmelden-" + UUID.randomUUID().toString().substring(0, 8) + "@example.nl";
		programmes.changeSettings(ended.programmeId(), new Programmes.Settings(6, 2, 2, 24, MailMode.FULL_TEXT, address));
		assertThat(mailServer.deliversToPlatform(address)).isTrue();

		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			programmes.forgetSettingsOf(ended.programmeId());
			tx.setRollbackOnly();
		});

		assertThat(programmes.byIntakeAddress(address)).isPresent();
		assertThat(mailServer.deliversToPlatform(address)).isTrue();
	}

	/**
	 * One programme gives up an intake address and another takes it in the moment between the first's commit
	 * and its dropping of the old alias: the address still reaches the platform's mailbox.
	 */
	@Test
	void anIntakeAddressTakenByAnotherProgrammeMeanwhileStaysAliased() {
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String address = "overgenomen-" + suffix + "@example.nl";
		programmes.changeSettings(first.programmeId(), new Programmes.Settings(6, 2, 2, 24, MailMode.FULL_TEXT, address));
		TransactionTemplate separately = new TransactionTemplate(transactions);
		separately.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {
					@Override
					public void afterCommit() {
						separately.executeWithoutResult(other -> programmes.changeSettings(second.programmeId(),
								new Programmes.Settings(6, 2, 2, 24, MailMode.FULL_TEXT, address)));
					}
				});
			programmes.changeSettings(first.programmeId(),
					new Programmes.Settings(6, 2, 2, 24, MailMode.FULL_TEXT, "nieuw-" + suffix + "@example.nl"));
		});

		assertThat(programmes.byIntakeAddress(address).orElseThrow().id()).isEqualTo(second.programmeId());
		assertThat(mailServer.deliversToPlatform(address)).isTrue();
	}

	/** A session in the database for this person, as a sign-in on another node leaves it. */
	private void signedIn(String email) {
		long now = System.currentTimeMillis();
		jdbc.sql("""
				insert into spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval, expiry_time, principal_name)
				values (:primary, :session, :now, :now, 1800, :expiry, :email)""")
			.param("primary", UUID.randomUUID().toString())
			.param("session", UUID.randomUUID().toString())
			.param("now", now)
			.param("expiry", now + 1_800_000)
			.param("email", email)
			.update();
	}

	/** Every text column of every table of the application that holds one of these words, as "table.column: word". */
	private List<String> textsHolding(List<String> words) {
		record Column(String table, String column) {
		}
		List<Column> columns = jdbc.sql("""
				select table_name, column_name from information_schema.columns
				where lower(table_schema) = 'public' and lower(data_type) in ('character varying', 'text', 'character large object', 'character')
				  and lower(table_name) <> 'flyway_schema_history'""")
			.query((rs, n) -> new Column(rs.getString(1), rs.getString(2)))
			.list();
		List<String> found = new ArrayList<>();
		for (Column column : columns) {
			for (String word : words) {
				long hits = jdbc.sql("select count(*) from \"" + column.table() + "\" where lower(cast(\"" + column.column()
						+ "\" as varchar)) like :word")
					.param("word", "%" + word.toLowerCase(Locale.ROOT) + "%")
					.query(Long.class)
					.single();
				if (hits > 0) {
					found.add(column.table() + "." + column.column() + ": " + word);
				}
			}
		}
		return found;
	}

	private long count(String sql, UUID id) {
		return jdbc.sql(sql).param("id", id).query(Long.class).single();
	}
}
