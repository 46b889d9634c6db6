package nl.briefwissel.conversation;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import nl.briefwissel.Today;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The issue's own story, end to end over HTTP and real mail: a programme manager creates a
 * programme and invites a participant; the participant completes the intake from the mail; the
 * manager matches a coach who accepts and writes; a contact moment passes without an answer and
 * exactly one reminder arrives; the participant answers and is at the top of the coach's list.
 */
@BriefwisselTest
class NewProgrammeJourneyTests {

	private static final Pattern LINK = Pattern.compile("(/intake/complete/[A-Za-z0-9_-]{43})");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Accounts accounts;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Reminders reminders;

	@Autowired
	Workspace workspace;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void fromANewProgrammeToAParticipantWaitingAtTheTopOfTheCoachsList() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		var organisation = organisations.create("Gemeente Reis " + suffix);
		Account manager = fixtures.person(organisation.id(), "pm-" + suffix + "@example.nl", "Petra Manager",
				Role.PROGRAMME_MANAGER);
		Account coach = fixtures.person(organisation.id(), "coach-" + suffix + "@example.nl", "Carla Coach", Role.COACH);
		profiles.changeMatching(coach.id(), 10, true, "NOLOC", List.of("GROWTH"));
		var asManager = user(users.loadUserByUsername(manager.email()));
		var asCoach = user(users.loadUserByUsername(coach.email()));

		// The manager creates a programme and invites a participant.
		mvc.perform(post("/programme/programmes").with(csrf()).with(asManager).param("name", "Groeien " + suffix));
		Programme programme = programmes.ofOrganisation(organisation.id()).get(0);
		String email = "nina-" + suffix + "@example.nl";
		mvc.perform(post("/programme/programmes/{id}/invitations", programme.id()).with(csrf()).with(asManager)
			.param("name", "Nina Vos").param("email", email).param("language", "nl"));

		// The participant completes the intake from the invitation in her mailbox.
		MimeMessage invitation = Mailboxes.awaitMail(mailServer, email, m -> true);
		Matcher link = LINK.matcher(Mailboxes.text(invitation));
		assertThat(link.find()).isTrue();
		String done = new WebSession(port).post(link.group(1), "displayName=Nina+Vos&email=" + email
				+ "&question=Ik+wil+groeien+in+mijn+werk+maar+weet+niet+hoe&theme=GROWTH&writesComfortably=YES"
				+ "&motivated=YES&hasTime=YES&expectations=true&consent=true").body();
		assertThat(done).contains("Je aanmelding is binnen");
		Account participant = accounts.byEmail(email).orElseThrow();
		UUID trajectory = trajectories.ofParticipant(participant.id()).get(0).id();

		// The manager matches the proposed coach, who accepts and writes.
		LocalDate start = Today.date();
		mvc.perform(post("/programme/trajectories/{id}/propose", trajectory).with(csrf()).with(asManager)
			.param("coach", coach.id().toString()).param("startOn", start.toString()));
		mvc.perform(post("/coach/proposals/{id}/accept", trajectory).with(csrf()).with(asCoach)
			.param("startOn", start.toString()).param("letter", "Beste Nina,\n\nWelkom! Waar wil je over zes weken staan?"));
		TrajectoryOverview running = trajectories.byId(trajectory).orElseThrow();
		assertThat(running.status()).isEqualTo(TrajectoryStatus.RUNNING);
		MimeMessage welcome = Mailboxes.awaitMail(mailServer, email, m -> Mailboxes.subject(m).contains("Carla"));

		// A contact moment passes without an answer: exactly one reminder, however often the job runs.
		LocalDate afterFirstMoment = running.plan().orElseThrow().dueDates().get(0).plusDays(1);
		reminders.remind(running, afterFirstMoment);
		reminders.remind(running, afterFirstMoment);
		await().until(() -> Mailboxes.read(mailServer, email, Mailboxes.PASSWORD).stream()
			.anyMatch(m -> Mailboxes.subject(m).startsWith("Even een herinnering")));
		assertThat(Mailboxes.read(mailServer, email, Mailboxes.PASSWORD).stream()
			.filter(m -> Mailboxes.subject(m).startsWith("Even een herinnering"))).hasSize(1);

		// She answers from her mail client; now she waits for the coach and is on top of the list.
		var other = trajectories.record(programme.id(), fixtures.person(organisation.id(), "ander-" + suffix + "@example.nl",
				"Anders", Role.PARTICIPANT).id(), coach.id(), TrajectoryStatus.RUNNING, "GROWTH", start, null);
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(email);
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, welcome.getReplyTo());
		reply.setSubject("Re: " + welcome.getSubject());
		reply.setHeader("In-Reply-To", welcome.getMessageID());
		reply.setText("Over zes weken wil ik weten welke opleiding bij me past.", "UTF-8");
		Transport.send(reply);
		await().until(() -> conversations.of(trajectory).stream().anyMatch(m -> m.author() == Author.PARTICIPANT));
		List<Workspace.Entry> list = workspace.of(coach.id());
		assertThat(list).extracting(e -> e.trajectory().id()).containsExactly(trajectory, other);
		assertThat(list.get(0).need()).isEqualTo(Workspace.Need.WAITING_FOR_REPLY);
	}


}
