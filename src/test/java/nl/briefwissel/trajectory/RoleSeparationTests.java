package nl.briefwissel.trajectory;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.CoachPool;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Decision 0145: who manages a programme never reads its letters, so one account is not both programme manager and
 * e-coach. The hole a tester found: an administrator gave a manager the coach role, she put herself in the pool and
 * handed a trajectory over to herself, and read the whole correspondence.
 */
@BriefwisselTest
class RoleSeparationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachPool pool;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Handovers handovers;

	@Autowired
	Matching matching;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.springframework.context.MessageSource messages;

	@Autowired
	nl.briefwissel.conversation.Conversations conversations;

	@Autowired
	nl.briefwissel.conversation.Quarantine quarantine;

	@Autowired
	nl.briefwissel.mail.EmbeddedMailServer mailServer;

	Fixtures.RunningTrajectory running;

	Account manager;

	Account coach;

	@BeforeEach
	void aRunningTrajectoryAManagerAndASecondCoach() {
		running = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		manager = fixtures.person(running.organisationId(), "pm-" + suffix + "@example.nl", "Ingrid " + suffix,
				Role.PROGRAMME_MANAGER);
		coach = fixtures.person(running.organisationId(), "coach-" + suffix + "@example.nl", "Coach " + suffix, Role.COACH);
		profiles.changeMatching(running.coach().id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
	}

	/** The hole as the tester found it, for an account that holds both roles from before this decision. */
	@Test
	void aManagerWhoIsAlsoACoachCannotHandATrajectoryToHerselfNorReadIt() throws Exception {
		Account both = combined(manager);
		profiles.changeMatching(both.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), both.id()));

		String form = mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(both)))
			.andReturn().getResponse().getContentAsString();
		// Listed, as a coach who cannot be chosen is, but not to be chosen, and why.
		var option = org.jsoup.Jsoup.parse(form).select("option[value=" + both.id() + "]");
		assertThat(option.hasAttr("disabled")).isTrue();
		assertThat(option.text()).endsWith(", ook programmamanager");

		String refused = mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(both)).with(csrf())
			.param("coach", both.id().toString())
			.param("reason", "COACH_UNAVAILABLE")
			.param("why", "")
			.param("confirmed", "true"))
			.andExpect(status().isUnprocessableEntity())
			.andReturn().getResponse().getContentAsString();
		// Its own page again, saying why: not a redirect as if handed over, nor an error page.
		assertThat(org.jsoup.Jsoup.parse(refused).select("form[action$=/handover]")).isNotEmpty();
		assertThat(refused).contains(messages.getMessage("handover.illegal.programmeManager", null, java.util.Locale.forLanguageTag("nl")));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());

		// Whatever way the trajectory came to her: the coach's pages are closed to a manager.
		jdbc.sql("update trajectory set coach_id = :coach where id = :id").param("coach", both.id()).param("id", running.id()).update();
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(both))).andExpect(status().isForbidden());
		mvc.perform(get("/coach").with(fixtures.as(both))).andExpect(status().isForbidden());
	}

	/** The service refuses it too, whoever calls it. */
	@Test
	void theDomainRefusesAProgrammeManagerAsCoach() {
		Account both = combined(manager);
		profiles.changeMatching(both.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), both.id()));

		assertThatThrownBy(() -> handovers.handOver(running.id(), both.id(), Reason.COACH_UNAVAILABLE, manager.id()))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("handover.illegal.programmeManager"));
		assertThatThrownBy(() -> handovers.wouldHandOver(running.id(), both.id(), Reason.COACH_UNAVAILABLE, null, false))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("handover.illegal.programmeManager"));

		Account participant = fixtures.person(running.organisationId(), "d-" + UUID.randomUUID() + "@example.nl", "Deelnemer",
				Role.PARTICIPANT);
		UUID intake = trajectories.record(running.programmeId(), participant.id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP",
				null, null);
		assertThatThrownBy(() -> matching.proposeCoach(intake, both.id(), Today.date().plusDays(1), manager.id()))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("matching.illegal.programmeManager"));
		// Nor is she the best fit the page proposes.
		assertThat(matching.candidates(trajectories.byId(intake).orElseThrow()))
			.filteredOn(candidate -> candidate.coach().id().equals(both.id()))
			.allSatisfy(candidate -> assertThat(candidate.eligible()).isFalse());

		// A proposal made before she became a manager is not accepted.
		pool.set(running.programmeId(), List.of(running.coach().id(), coach.id()));
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		matching.proposeCoach(intake, coach.id(), Today.date().plusDays(1), manager.id());
		Account coachNowManager = combined(coach);
		assertThatThrownBy(() -> matching.accept(intake, coachNowManager.id(), Today.date().plusDays(1)))
			.isInstanceOfSatisfying(IllegalTransitionException.class,
					refused -> assertThat(refused.messageKey()).isEqualTo("matching.illegal.programmeManager"));
	}

	/** The administrator is told, in the page's language, and the role is not given: either way round. */
	@Test
	void anAdministratorCannotGiveTheOtherRole() throws Exception {
		var admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		mvc.perform(post("/admin/accounts/" + manager.id() + "/roles").param("role", "COACH").param("grant", "true")
			.with(admin).with(csrf()))
			.andExpect(redirectedUrl("/admin"))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.separatedRoles"));
		mvc.perform(post("/admin/accounts/" + coach.id() + "/roles").param("role", "PROGRAMME_MANAGER").param("grant", "true")
			.with(admin).with(csrf()))
			.andExpect(flash().attribute("roleProblemWhy", "admin.accounts.separatedRoles"));
		assertThat(accounts.byId(manager.id()).orElseThrow().roles()).containsExactly(Role.PROGRAMME_MANAGER);
		assertThat(accounts.byId(coach.id()).orElseThrow().roles()).containsExactly(Role.COACH);

		// Said as the page says the form's other refusals (#{${roleProblemWhy}(${roleProblemCount})}), in both languages.
		assertThat(messages.getMessage("admin.accounts.separatedRoles", new Object[] { 0 }, java.util.Locale.forLanguageTag("nl")))
			.startsWith("Dit account krijgt deze rol niet. Wie een programma beheert, leest de brieven niet");
		assertThat(messages.getMessage("admin.accounts.separatedRoles", new Object[] { 0 }, java.util.Locale.ENGLISH))
			.startsWith("This account does not get this role. Whoever manages a programme does not read its letters");
		// The service refuses it too, for a caller that did not ask.
		assertThatThrownBy(() -> accounts.addRole(manager.id(), Role.COACH)).isInstanceOf(Accounts.SeparatedRolesException.class);
		assertThat(accounts.byId(manager.id()).orElseThrow().roles()).containsExactly(Role.PROGRAMME_MANAGER);
	}

	/** An account that holds both from before is marked on the administrator's list, to take one back. */
	@Test
	void anAccountHoldingBothIsMarkedForTheAdministrator() throws Exception {
		Account both = combined(manager);
		var admin = fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow());
		String row = org.jsoup.Jsoup.parse(mvc.perform(get("/admin").param("search", both.email()).with(admin))
			.andReturn().getResponse().getContentAsString()).select("tbody tr").text();
		assertThat(row).contains("Programmamanager en e-coach tegelijk: trek een van beide rollen in.");
		assertThat(accounts.holdingSeparatedRoles()).contains(both.id());
	}

	/**
	 * A coach's letter by mail goes to the participant as the web form's does: an account that is programme manager
	 * too writes no letter that way either. Held, said why, and not lost.
	 */
	@Test
	void aCombinedAccountsLetterByMailIsHeldNotSent() throws Exception {
		conversations.coachWrites(running.id(), running.coach().id(), "Wat gaf je vandaag energie?");
		jakarta.mail.internet.MimeMessage mailed = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> nl.briefwissel.Mailboxes.text(m).contains("Wat gaf je vandaag energie"));
		combined(running.coach());

		jakarta.mail.internet.MimeMessage reply = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
		reply.setFrom(new jakarta.mail.internet.InternetAddress(running.coach().email()));
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, mailed.getReplyTo());
		reply.setSubject("Re: " + mailed.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", mailed.getMessageID());
		reply.setText("Hoe ging het gesprek met je leidinggevende?", "UTF-8");
		jakarta.mail.Transport.send(reply);

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> !quarantine.heldFor(running.id()).isEmpty());
		var entry = quarantine.heldFor(running.id()).get(0);
		assertThat(entry.why().code()).isEqualTo("managingCoach");
		assertThat(entry.why().attachable()).isFalse();
		assertThat(conversations.of(running.id())).extracting(m -> m.body())
			.noneMatch(text -> text.contains("leidinggevende"));
		assertThat(messages.getMessage("quarantine.reason.managingCoach", new Object[] { running.coach().email(), 0 },
				java.util.Locale.forLanguageTag("nl"))).contains("ook programmamanager")
			// Read after a handover too, or once a role was taken back: what was so when it came, not what is now.
			.startsWith("Toen deze mail binnenkwam, was de afzender " + running.coach().email() + " e-coach van dit traject")
			.doesNotContain(" is de e-coach");
		assertThat(messages.getMessage("quarantine.reason.managingCoach", new Object[] { running.coach().email(), 0 },
				java.util.Locale.ENGLISH)).contains("also a programme manager")
			.startsWith("When this mail came in, the sender " + running.coach().email() + " was the e-coach of this trajectory")
			.doesNotContain(" is the e-coach");
		String admin = "quarantine.reason.admin.managingCoach";
		assertThat(messages.getMessage(admin, new Object[] { running.coach().email(), 0 }, java.util.Locale.forLanguageTag("nl")))
			.startsWith("Toen deze mail binnenkwam,").doesNotContain(" is de e-coach");
		assertThat(messages.getMessage(admin, new Object[] { running.coach().email(), 0 }, java.util.Locale.ENGLISH))
			.startsWith("When this mail came in,").doesNotContain(" is the e-coach");
	}

	/**
	 * Signing in with a coach's page named to go back to ({@code /login?next=}) led a combined account to "not for
	 * your role": it lands on its start page, the manager's, which offers no coach's page.
	 */
	@Test
	void aCombinedAccountSignsInOnItsStartPageWithNoWayToTheCoachsPages() throws Exception {
		String password = "een lang wachtwoord";
		Account both = combined(accounts.register(new nl.briefwissel.account.NewAccount(running.organisationId(),
				"pmc-" + UUID.randomUUID() + "@example.nl", "Ingrid Beide", java.util.Locale.forLanguageTag("nl"),
				java.util.Set.of(Role.PROGRAMME_MANAGER), password)));
		nl.briefwissel.Browser browser = new nl.briefwissel.Browser(mvc);
		browser.perform(get("/login").param("next", "/coach/writing"));
		// With an authenticator app, as a manager signs in: the RFC 6238 test key.
		long step = java.time.Instant.now().getEpochSecond() / 30;
		jdbc.sql("""
				update account set totp_secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', totp_confirmed_at = current_timestamp,
				    totp_last_step = :step where id = :id""").param("step", step - 2).param("id", both.id()).update();
		browser.perform(post("/login").param("email", both.email()).param("password", password).with(csrf()))
			.andExpect(redirectedUrl("/login/code"));
		browser.perform(post("/login/code").param("code", totp("12345678901234567890".getBytes(), step)).with(csrf()))
			.andExpect(redirectedUrl("/"));
		browser.perform(get("/")).andExpect(redirectedUrl("/programme"));
		String start = mvc.perform(get("/programme").with(fixtures.as(both))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(org.jsoup.Jsoup.parse(start).select("a[href^=/coach]")).isEmpty();
	}

	/** The rule closes the coach's pages to a manager only: a coach who is a participant or an administrator too keeps them. */
	@Test
	void aCoachWhoIsAlsoAParticipantOrAnAdministratorStillOpensTheCoachsPages() throws Exception {
		for (Role other : List.of(Role.PARTICIPANT, Role.ADMINISTRATOR)) {
			Account another = fixtures.person(running.organisationId(), "c-" + UUID.randomUUID() + "@example.nl", "Coach En", Role.COACH);
			jdbc.sql("insert into account_role (account_id, role) values (:id, :role)").param("id", another.id())
				.param("role", other.name()).update();
			Account withBoth = accounts.byId(another.id()).orElseThrow();
			assertThat(withBoth.roles()).containsExactlyInAnyOrder(Role.COACH, other);
			mvc.perform(get("/coach").with(fixtures.as(withBoth))).andExpect(status().isOk());
			mvc.perform(get("/coach/writing").with(fixtures.as(withBoth))).andExpect(status().isOk());
		}
	}

	/**
	 * A proposal made before the coach became a manager too waited for an answer that could not come (the coach's
	 * pages are closed to them): the manager's list says so, with the way out it already had, taking it back.
	 */
	@Test
	void aProposalToACoachNowCombinedIsShownAsNeedingAnotherCoach() throws Exception {
		pool.set(running.programmeId(), List.of(running.coach().id(), coach.id()));
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		Account participant = fixtures.person(running.organisationId(), "d-" + UUID.randomUUID() + "@example.nl", "Deelnemer",
				Role.PARTICIPANT);
		UUID intake = trajectories.record(running.programmeId(), participant.id(), null, TrajectoryStatus.INTAKE, "NEXT_STEP",
				null, null);
		matching.proposeCoach(intake, coach.id(), Today.date().plusDays(1), manager.id());
		combined(coach);

		var item = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/intakes").with(fixtures.as(manager)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).getElementById("proposal-" + intake);
		assertThat(item).isNotNull();
		assertThat(item.text()).contains("is ook programmamanager en kan dit voorstel niet aannemen");
		assertThat(item.select("form[action$=/withdraw-proposal]")).isNotEmpty();
		assertThat(messages.getMessage("intakes.asked.coachManages", new Object[] { "X" }, java.util.Locale.ENGLISH))
			.contains("is also a programme manager and cannot accept");
		assertThat(matching.proposalsWaitingOnSeparatedRoles(accounts.holdingSeparatedRoles())).isGreaterThanOrEqualTo(1);
	}

	private static String totp(byte[] key, long step) throws Exception {
		javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
		mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA1"));
		byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
				| (hash[offset + 3] & 0xff);
		return String.format(java.util.Locale.ROOT, "%06d", binary % 1_000_000);
	}

	/** As it was before this decision: the coach role beside the manager's, written as the old grant did. */
	private Account combined(Account account) {
		Role other = account.roles().contains(Role.COACH) ? Role.PROGRAMME_MANAGER : Role.COACH;
		jdbc.sql("insert into account_role (account_id, role) values (:id, :role)")
			.param("id", account.id())
			.param("role", other.name())
			.update();
		return accounts.byId(account.id()).orElseThrow();
	}
}
