package nl.briefwissel.trajectory;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.CoachWork;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Organisations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A programme manager hands a trajectory under way over to another coach of the pool. */
@BriefwisselTest
class HandoverTests {

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
	Organisations organisations;

	@Autowired
	CoachWork coachWork;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	nl.briefwissel.conversation.Conversations conversations;

	@Autowired
	nl.briefwissel.conversation.Highlights highlights;

	@Autowired
	nl.briefwissel.conversation.Quarantine quarantine;

	@Autowired
	nl.briefwissel.account.Accounts accounts;

	@Autowired
	nl.briefwissel.mail.EmbeddedMailServer mailServer;

	Fixtures.RunningTrajectory running;

	Account manager;

	Account newCoach;

	@BeforeEach
	void aRunningTrajectoryAndASecondCoachInThePool() {
		running = fixtures.runningTrajectory(true);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		manager = fixtures.person(running.organisationId(), "pm-" + suffix + "@example.nl", "Manager " + suffix,
				Role.PROGRAMME_MANAGER);
		newCoach = fixtures.person(running.organisationId(), "nieuw-" + suffix + "@example.nl", "Nieuwe Coach " + suffix,
				Role.COACH);
		profiles.changeMatching(running.coach().id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		profiles.changeMatching(newCoach.id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), newCoach.id()));
	}

	@Test
	void theTrajectoryGoesOverWithItsRecordAndAllThreeAreToldByMail() throws Exception {
		String page = mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Andere e-coach voor " + running.participant().displayName(), newCoach.displayName())
			// the coach it has is not offered
			.doesNotContain("value=\"" + running.coach().id() + "\"");

		MvcResult done = handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE")
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()))
			.andReturn();

		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(newCoach.id());
		assertThat(trajectories.byId(running.id()).orElseThrow().status()).isEqualTo(TrajectoryStatus.RUNNING);
		// the new coach reads the conversation; the previous one no longer finds it
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(newCoach))).andExpect(status().isOk());
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(status().isNotFound());
		assertThat(coachWork.underway(running.coach().id())).isZero();

		assertThat(mailSubjectsTo(running.participant().email())).containsExactly("Je nieuwe e-coach: " + newCoach.displayName());
		assertThat(mailSubjectsTo(newCoach.email()))
			.containsExactly("Traject overgenomen: " + running.participant().displayName() + " (Programma)");
		assertThat(mailSubjectsTo(running.coach().email()))
			.containsExactly("Traject overgedragen: " + running.participant().displayName() + " (Programma)");

		List<Trajectories.Change> history = trajectories.history(running.id());
		Trajectories.Change change = history.get(history.size() - 1);
		assertThat(change.handover()).isTrue();
		assertThat(change.toCoachName()).isEqualTo(newCoach.displayName());
		assertThat(change.reason()).isEqualTo(Reason.COACH_UNAVAILABLE);

		// the programme's list says it happened, at the list
		String programme = mvc.perform(get("/programme").with(fixtures.as(manager)).cookie(done.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		assertThat(programme).contains("Het traject van " + running.participant().displayName() + " is overgedragen aan "
				+ newCoach.displayName());

		// the participant's record says from when whom wrote
		String record = mvc.perform(get("/participant/report").with(fixtures.as(running.participant())))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(record).contains("het traject ging over naar e-coach " + newCoach.displayName()
				+ ", reden: De e-coach kan het traject niet voortzetten.");
	}

	/**
	 * A handover mails the participant and both coaches at once and cannot be taken back, so the form first leads
	 * to a page that names who is concerned (the participant, the coach now and the new one; nothing of what was
	 * written) and what will happen, as completing and stopping do (WCAG 3.3.4). Only its "yes" hands over; its
	 * "back" returns to the form as it was filled in.
	 */
	@Test
	void aHandoverIsConfirmedOnAPageNamingTheParticipantAndBothCoachesFirst() throws Exception {
		var form = post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)).with(csrf())
			.param("coach", newCoach.id().toString()).param("reason", "COACH_UNAVAILABLE").param("why", "");
		org.jsoup.nodes.Document asked = org.jsoup.Jsoup.parse(mvc.perform(form).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString());
		assertThat(asked.selectFirst("h1").text()).contains(running.participant().displayName());
		assertThat(asked.text()).contains(running.coach().displayName(), newCoach.displayName(),
				"De e-coach kan het traject niet voortzetten");
		// The same yes-or-back row as completing and stopping (lifecycle :: confirmButtons).
		assertThat(asked.select("form .bw-inline-actions > button[type=submit][value=true]").eachAttr("name"))
			.containsExactly("confirmed", "back");
		assertThat(asked.select("button[name=confirmed][value=true]").hasClass("utrecht-button--primary-action")).isTrue();
		assertThat(asked.select("button[name=confirmed][value=true]").text()).isEqualTo("Ja, overdragen");
		assertThat(asked.select("button[name=back]").text()).isEqualTo("Terug");
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
		assertThat(mailSubjectsTo(running.participant().email())).isEmpty();
		assertThat(mailSubjectsTo(newCoach.email())).isEmpty();

		String english = org.jsoup.Jsoup.parse(mvc.perform(post("/programme/trajectories/{id}/handover", running.id())
			.with(fixtures.as(manager)).with(csrf()).param("lang", "en").param("coach", newCoach.id().toString())
			.param("reason", "COACH_UNAVAILABLE")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).text();
		assertThat(english).contains("Hand over", running.participant().displayName(), newCoach.displayName());

		org.jsoup.nodes.Document back = org.jsoup.Jsoup.parse(mvc.perform(post("/programme/trajectories/{id}/handover", running.id())
			.with(fixtures.as(manager)).with(csrf()).param("coach", newCoach.id().toString()).param("reason", "COACH_UNAVAILABLE")
			.param("why", "Tot de zomer").param("back", "true")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
		assertThat(back.select("#handover-coach option[selected]").val()).isEqualTo(newCoach.id().toString());
		assertThat(back.select("#handover-reason option[selected]").val()).isEqualTo("COACH_UNAVAILABLE");
		assertThat(back.getElementById("handover-why").text()).isEqualTo("Tot de zomer");
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());

		mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)).with(csrf())
			.param("coach", asked.selectFirst("input[name=coach]").val())
			.param("reason", asked.selectFirst("input[name=reason]").val())
			.param("why", asked.selectFirst("input[name=why]").val())
			.param("confirmed", "true"))
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(newCoach.id());
		assertThat(mailSubjectsTo(newCoach.email())).hasSize(1);

		// On the audit trail once as a change: the questions and the way back changed nothing.
		assertThat(jdbc.sql("select details from audit_entry where actor_id = :manager and route like '%/handover' order by at")
			.param("manager", manager.id()).query(String.class).list())
			.hasSize(4)
			.satisfies(details -> assertThat(details.subList(0, 3)).allMatch(d -> d.contains("outcome=refused")))
			.satisfies(details -> assertThat(details.get(3)).doesNotContain("refused"));
	}

	/** In English a trajectory is handed over; it does not "go over" to a coach, as the Dutch "ging over naar" does. */
	@Test
	void inEnglishTheTrajectoryIsHandedOver() throws Exception {
		String page = org.jsoup.Jsoup.parse(mvc.perform(get("/programme/trajectories/{id}/handover", running.id())
			.param("lang", "en").with(fixtures.as(manager))).andReturn().getResponse().getContentAsString()).text();
		assertThat(page).contains("The trajectory is handed over today to the e-coach you choose").doesNotContain("goes over");

		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE").andExpect(status().is3xxRedirection());
		String record = org.jsoup.Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(record).contains("the trajectory was handed over to e-coach " + newCoach.displayName()
				+ ", reason: The e-coach cannot continue the trajectory.").doesNotContain("went over");
	}

	/**
	 * The participant's mail tells them to answer the mails they get: an answer to this one reaches
	 * the new coach in the conversation (it came from the no-reply address and went nowhere).
	 */
	@Test
	void theParticipantAnswersTheHandoverMailAndTheNewCoachReadsIt() throws Exception {
		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE").andExpect(status().is3xxRedirection());
		jakarta.mail.internet.MimeMessage told = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> nl.briefwissel.Mailboxes.subject(m).startsWith("Je nieuwe e-coach"));

		jakarta.mail.internet.MimeMessage reply = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
		reply.setFrom(new jakarta.mail.internet.InternetAddress(running.participant().email()));
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, told.getReplyTo());
		reply.setSubject("Re: " + told.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", told.getMessageID());
		reply.setText("Welkom! Ik kijk uit naar onze gesprekken.", "UTF-8");
		jakarta.mail.Transport.send(reply);

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> conversations.of(running.id())
			.stream().anyMatch(m -> m.body().equals("Welkom! Ik kijk uit naar onze gesprekken.")));
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(newCoach)))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("Ik kijk uit naar onze gesprekken")));
	}

	/**
	 * The new coach's first letter, as the participant's mailbox has it: under a subject naming the new coach
	 * (decision 0097: a thread of their own in Gmail and Outlook, which the handover mail announces), and still
	 * referring to the conversation's earlier letters, so that programs that thread by References alone keep it
	 * with them and an answer without the reply address still finds the trajectory.
	 */
	@Test
	void theNewCoachsFirstLetterRefersToTheConversationUnderTheirOwnSubject() throws Exception {
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie in je werk?");
		jakarta.mail.internet.MimeMessage before = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> nl.briefwissel.Mailboxes.text(m).contains("Wat geeft je energie"));
		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE").andExpect(status().is3xxRedirection());

		conversations.coachWrites(running.id(), newCoach.id(), "Ik lees graag verder met je.");
		jakarta.mail.internet.MimeMessage first = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> nl.briefwissel.Mailboxes.text(m).contains("Ik lees graag verder"));

		assertThat(first.getSubject()).isEqualTo("Je e-coaching met " + newCoach.displayName())
			.isNotEqualTo(before.getSubject());
		assertThat(first.getHeader("References", null)).contains(before.getMessageID());
		assertThat(first.getReplyTo()).extracting(Object::toString)
			.isEqualTo(java.util.Arrays.stream(before.getReplyTo()).map(Object::toString).toList());
	}

	@Test
	void aSecondClickHandsOverOnceAndSendsNoSecondMails() throws Exception {
		handOver(manager, newCoach.id().toString(), "ANOTHER_COACH_FITS_BETTER").andExpect(status().is3xxRedirection());
		handOver(manager, newCoach.id().toString(), "ANOTHER_COACH_FITS_BETTER")
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()));
		assertThat(mailSubjectsTo(newCoach.email())).hasSize(1);
		assertThat(mailSubjectsTo(running.participant().email())).hasSize(1);
		assertThat(trajectories.history(running.id()).stream().filter(Trajectories.Change::handover)).hasSize(1);
		// On the trail once as a handover, and the second click as already done.
		assertThat(handoversOnTheTrail()).containsExactlyInAnyOrder("coach=" + newCoach.id() + ", id=" + running.id(),
				"coach=" + newCoach.id() + ", id=" + running.id() + ", outcome=already");
	}

	/**
	 * A page left open in a second tab names the coach the trajectory has now: nothing changes and nobody is mailed,
	 * and the programme's list says that, not that it was handed over and all three were mailed; nor does the trail.
	 */
	@Test
	void aPageLeftOpenNamingTheCoachItHasChangesNothingAndSaysSo() throws Exception {
		MvcResult answer = mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager))
			.with(csrf())
			.param("coach", running.coach().id().toString())
			.param("reason", "COACH_UNAVAILABLE")
			.param("why", ""))
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()))
			.andReturn();

		String programme = org.jsoup.Jsoup.parse(mvc.perform(get("/programme").param("lang", "nl").with(fixtures.as(manager))
			.cookie(answer.getResponse().getCookies())).andReturn().getResponse().getContentAsString()).text();
		assertThat(programme).contains(running.coach().displayName() + " is al de e-coach van het traject van "
				+ running.participant().displayName() + ". Er is niets meer veranderd en er is geen nieuwe mail verstuurd.")
			.doesNotContain("overgedragen aan", "Alle drie hebben een mail gekregen");
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
		assertThat(mailSubjectsTo(running.participant().email())).isEmpty();
		assertThat(mailSubjectsTo(running.coach().email())).isEmpty();
		assertThat(handoversOnTheTrail()).containsExactly("coach=" + running.coach().id() + ", id=" + running.id() + ", outcome=already");
	}

	private List<String> handoversOnTheTrail() {
		return jdbc.sql("select details from audit_entry where route = 'POST /programme/trajectories/{id}/handover' and actor_id = :manager")
			.param("manager", manager.id())
			.query(String.class)
			.list();
	}

	@Test
	void aChoiceLeftOutOrNotAllowedIsToldAtItsFieldAndChangesNothing() throws Exception {
		String empty = handOver(manager, "", "").andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
		assertThat(empty).contains("Kies de e-coach die het traject overneemt.", "Kies waarom het traject naar een andere e-coach gaat.",
				"aria-describedby=\"handover-coach-help handover-coach-error\"", "aria-describedby=\"handover-reason-error\"");

		Account outsider = fixtures.person(running.organisationId(), "buiten-" + UUID.randomUUID() + "@example.nl",
				"Buiten Pool", Role.COACH);
		String notInPool = handOver(manager, outsider.id().toString(), "OTHER").andExpect(status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString();
		assertThat(notInPool).contains("Deze e-coach hoort niet (meer) bij dit programma.")
			// the reason chosen stays chosen
			.containsPattern("<option value=\"OTHER\" selected=\"selected\"");

		profiles.changeMatching(newCoach.id(), 10, false, null, List.of());
		String notCertified = handOver(manager, newCoach.id().toString(), "OTHER").andExpect(status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString();
		assertThat(notCertified).contains("Deze e-coach is niet gecertificeerd of kan niet inloggen.");

		// a reason that is not a handover's is no reason here
		handOver(manager, newCoach.id().toString(), "MATCHED").andExpect(status().isUnprocessableContent());

		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
		assertThat(mailSubjectsTo(running.participant().email())).isEmpty();
	}

	/**
	 * A participant who is also a coach of the pool never takes over their own trajectory: refused as that, before the
	 * pool is asked (which leaves them out and would say they are not in it), at the question and at the handover.
	 */
	@Test
	void aCoachNeverTakesOverTheirOwnTrajectory(@Autowired Handovers handovers) {
		accounts.addRole(running.participant().id(), Role.COACH);
		profiles.changeMatching(running.participant().id(), 10, true, "NOLOC", List.of("NEXT_STEP"));
		pool.set(running.programmeId(), List.of(running.coach().id(), newCoach.id(), running.participant().id()));

		org.assertj.core.api.Assertions.assertThatExceptionOfType(IllegalTransitionException.class)
			.isThrownBy(() -> handovers.wouldHandOver(running.id(), running.participant().id(), Reason.COACH_UNAVAILABLE, null, false))
			.satisfies(e -> assertThat(e.messageKey()).isEqualTo("handover.illegal.ownTrajectory"));
		org.assertj.core.api.Assertions.assertThatExceptionOfType(IllegalTransitionException.class)
			.isThrownBy(() -> handovers.handOver(running.id(), running.participant().id(), Reason.COACH_UNAVAILABLE, null, manager.id(),
					true))
			.satisfies(e -> assertThat(e.messageKey()).isEqualTo("handover.illegal.ownTrajectory"));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
	}

	@Test
	void anEndedTrajectoryStaysWithItsCoach() throws Exception {
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = :today where id = :id")
			.param("today", Today.date()).param("id", running.id()).update();
		String page = mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Dit traject loopt niet meer").doesNotContain("name=\"coach\"");
		// The trajectory's state is in the way, not the choice: 409 (decision 0139, amended).
		String refused = handOver(manager, newCoach.id().toString(), "OTHER").andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("Alleen een lopend of gepauzeerd traject kan naar een andere e-coach.");
		// nor is its own coach told "handed over already"
		String own = handOver(manager, running.coach().id().toString(), "OTHER").andExpect(status().isConflict())
			.andReturn().getResponse().getContentAsString();
		assertThat(own).contains("Alleen een lopend of gepauzeerd traject kan naar een andere e-coach.");
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
	}

	@Test
	void onlyTheProgrammesOwnManagerHandsOver() throws Exception {
		var elsewhere = organisations.create("Elders " + UUID.randomUUID());
		Account otherManager = fixtures.person(elsewhere.id(), "pm-elders-" + UUID.randomUUID() + "@example.nl", "Elders",
				Role.PROGRAMME_MANAGER);
		mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(otherManager)))
			.andExpect(status().isNotFound());
		handOver(otherManager, newCoach.id().toString(), "OTHER").andExpect(status().isNotFound());
		// a coach, even the one who has it, cannot hand it over
		handOver(running.coach(), newCoach.id().toString(), "OTHER").andExpect(status().isForbidden());
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
	}

	/**
	 * A coach without room (a waiting proposal counted, as when matching) is not taken silently: the page
	 * names them with their places and asks for the box, ticked for this coach; nothing goes over before.
	 */
	@Test
	void aFullCoachIsNamedWithTheirPlacesAndTakesOverOnlyWithTheBox() throws Exception {
		fillPlacesOf(newCoach, 2);

		String warned = handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE").andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(warned).contains(newCoach.displayName() + " heeft 2 van 2 plaatsen bezet")
			.contains("id=\"handover-coach-error\"", "aria-describedby=\"handover-coach-help handover-coach-error\"")
			.contains("name=\"evenIfFull\"", "value=\"" + newCoach.id() + "\" aria-describedby=\"handover-coach-error\"")
			.contains("Toch overdragen");
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
		assertThat(mailSubjectsTo(newCoach.email())).isEmpty();

		// A box ticked for another coach does not confirm this one.
		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE", running.coach().id().toString())
			.andExpect(status().isOk());
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());

		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE", newCoach.id().toString())
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(newCoach.id());
		assertThat(mailSubjectsTo(newCoach.email()))
			.containsExactly("Traject overgenomen: " + running.participant().displayName() + " (Programma)");
	}

	/**
	 * The box ticked and the reason left out: the form comes back with the reason's sentence and the box still
	 * there and ticked, so choosing the reason is all that is left. Without a tick, a full coach is asked about
	 * together with the reason, not one after the other.
	 */
	@Test
	void aFormSentBackForTheReasonKeepsTheBoxAndItsTick() throws Exception {
		fillPlacesOf(newCoach, 2);

		org.jsoup.nodes.Document ticked = org.jsoup.Jsoup.parse(handOver(manager, newCoach.id().toString(), "",
				newCoach.id().toString()).andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(ticked.getElementById("handover-reason-error").text())
			.isEqualTo("Kies waarom het traject naar een andere e-coach gaat.");
		org.jsoup.nodes.Element box = ticked.getElementById("handover-even-if-full");
		assertThat(box).isNotNull();
		assertThat(box.hasAttr("checked")).isTrue();
		assertThat(box.attr("value")).isEqualTo(newCoach.id().toString());
		// Confirmed, the coach's places are said, not marked as a mistake; the reason takes the focus.
		assertThat(ticked.getElementById("handover-coach-error")).isNull();
		assertThat(ticked.getElementById(box.attr("aria-describedby")).text())
			.startsWith(newCoach.displayName() + " heeft 2 van 2 plaatsen bezet");
		assertThat(ticked.getElementById("handover-reason").hasAttr("autofocus")).isTrue();
		assertThat(ticked.select("#handover-coach option[selected]").attr("value")).isEqualTo(newCoach.id().toString());

		org.jsoup.nodes.Document unticked = org.jsoup.Jsoup.parse(handOver(manager, newCoach.id().toString(), "")
			.andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString());
		assertThat(unticked.getElementById("handover-coach-error").text())
			.startsWith(newCoach.displayName() + " heeft 2 van 2 plaatsen bezet");
		assertThat(unticked.getElementById("handover-reason-error")).isNotNull();
		assertThat(unticked.getElementById("handover-even-if-full").hasAttr("checked")).isFalse();
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());

		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE", box.attr("value"))
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(newCoach.id());
	}

	/** A coach with a place left takes over at once, without a box: the question is only for a full coach. */
	@Test
	void aCoachWithAPlaceLeftTakesOverWithoutTheBox() throws Exception {
		fillPlacesOf(newCoach, 3);
		String page = mvc.perform(get("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(manager)))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains(newCoach.displayName() + ": 2 van 3 bezet").doesNotContain("name=\"evenIfFull\"");

		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE")
			.andExpect(redirectedUrl("/programme#trajectories-" + running.programmeId()));
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(newCoach.id());
	}

	/** The coach gets {@code capacity} places and two are taken: a trajectory under way and a proposal waiting. */
	private void fillPlacesOf(Account coach, int capacity) {
		profiles.changeMatching(coach.id(), capacity, true, "NOLOC", List.of("NEXT_STEP"));
		for (TrajectoryStatus status : List.of(TrajectoryStatus.RUNNING, TrajectoryStatus.MATCHING)) {
			String suffix = UUID.randomUUID().toString().substring(0, 8);
			Account participant = fixtures.person(running.organisationId(), "vol-" + suffix + "@example.nl", "Deelnemer " + suffix,
					Role.PARTICIPANT);
			trajectories.record(running.programmeId(), participant.id(), coach.id(), status, "NEXT_STEP",
					status == TrajectoryStatus.RUNNING ? Today.date() : null, null);
		}
	}

	/** A coach whose role was taken back stays in the pool's list, but nothing can go to them. */
	@Test
	void aCoachWithoutTheRoleCannotTakeOver() throws Exception {
		accounts.removeRole(newCoach.id(), Role.COACH);
		String refused = handOver(manager, newCoach.id().toString(), "OTHER").andExpect(status().isUnprocessableContent())
			.andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("Deze e-coach is niet gecertificeerd of kan niet inloggen.");
		assertThat(trajectories.byId(running.id()).orElseThrow().coachId()).isEqualTo(running.coach().id());
	}

	/**
	 * What the previous coach did stays theirs in the record (a highlight names them, not the
	 * participant), and what they send after the handover does not land: a letter from a page opened
	 * before is refused, a reply by mail waits in the quarantine and cannot be added as the participant's.
	 */
	@Test
	void thePreviousCoachIsNamedForWhatTheyDidAndCanNoLongerWrite() throws Exception {
		TrajectoryOverview before = trajectories.byId(running.id()).orElseThrow();
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie in je werk?");
		highlights.mark(running.id(), letter, "Wat geeft je energie", running.coach().id());
		jakarta.mail.internet.MimeMessage mailed = nl.briefwissel.Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> nl.briefwissel.Mailboxes.text(m).contains("Wat geeft je energie"));

		handOver(manager, newCoach.id().toString(), "COACH_UNAVAILABLE").andExpect(status().is3xxRedirection());

		String record = mvc.perform(get("/participant/report").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString();
		assertThat(record).contains("door " + running.coach().displayName())
			.doesNotContain("door " + running.participant().displayName());

		org.assertj.core.api.Assertions.assertThatThrownBy(
				() -> conversations.coachWrites(before, running.coach().id(), "Nog een vraag."))
			.isInstanceOf(nl.briefwissel.conversation.Conversations.NotYourTrajectoryException.class);

		jakarta.mail.internet.MimeMessage reply = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(
				mailProperties()));
		reply.setFrom(new jakarta.mail.internet.InternetAddress(running.coach().email()));
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, mailed.getReplyTo());
		reply.setSubject("Re: " + mailed.getSubject(), "UTF-8");
		reply.setHeader("In-Reply-To", mailed.getMessageID());
		reply.setText("Ik had nog een vraag aan je.", "UTF-8");
		jakarta.mail.Transport.send(reply);

		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> !quarantine.ofCoach(newCoach.id()).isEmpty());
		var entry = quarantine.ofCoach(newCoach.id()).get(0);
		assertThat(entry.why().code()).isEqualTo("formerCoach");
		String page = mvc.perform(get("/coach/quarantine/{id}", entry.inboundMailId()).with(fixtures.as(newCoach)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("was eerder de e-coach van dit traject").doesNotContain("/attach\"");
		mvc.perform(post("/coach/quarantine/{id}/attach", entry.inboundMailId()).with(fixtures.as(newCoach)).with(csrf()))
			.andExpect(status().isConflict());
		assertThat(conversations.of(running.id()).stream()
			.filter(m -> m.author() == nl.briefwissel.conversation.Author.PARTICIPANT)).isEmpty();
	}

	private java.util.Properties mailProperties() {
		java.util.Properties properties = new java.util.Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(mailServer.smtpPort()));
		return properties;
	}

	private org.springframework.test.web.servlet.ResultActions handOver(Account as, String coach, String reason,
			String evenIfFull) throws Exception {
		return mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(as)).with(csrf())
			.param("coach", coach)
			.param("reason", reason)
			.param("why", "OTHER".equals(reason) ? "Afgesproken in het overleg" : "") // 'Anders' needs words (decision 0068)
			.param("evenIfFull", evenIfFull)
			.param("confirmed", "true"));
	}

	private org.springframework.test.web.servlet.ResultActions handOver(Account as, String coach, String reason)
			throws Exception {
		return mvc.perform(post("/programme/trajectories/{id}/handover", running.id()).with(fixtures.as(as)).with(csrf())
			.param("coach", coach)
			.param("reason", reason)
			.param("why", "OTHER".equals(reason) ? "Afgesproken in het overleg" : "") // 'Anders' needs words (decision 0068)
			.param("confirmed", "true"));
	}

	private List<String> mailSubjectsTo(String address) {
		return jdbc.sql("select subject from outbound_mail where recipient = :to order by created_at")
			.param("to", address)
			.query(String.class)
			.list();
	}
}
