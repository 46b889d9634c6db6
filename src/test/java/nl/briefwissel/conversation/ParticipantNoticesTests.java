package nl.briefwissel.conversation;

import java.time.OffsetDateTime;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Handovers;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A participant's notices read as one product, whichever module sends them: a held-back mail's notice
 * (decision 0075), a pause's (decision 0077) and a handover's greet by first name, as the coach's letters and the
 * reminders do, and end alike, in the text and in the HTML part (decision 0081).
 */
@BriefwisselTest
class ParticipantNoticesTests {

	private static final String ENDING = "\n\nHartelijke groet,\nBriefwissel\n\n(Dit is een automatisch bericht.)";

	@Autowired
	Fixtures fixtures;

	@Autowired
	HeldBackNotices heldBack;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Trajectories trajectories;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	Handovers handovers;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void heldBackCourseAndHandoverNoticesGreetByFirstNameAndEndAlike() throws Exception {
		var running = fixtures.runningTrajectory(true);
		heldBack.tooBig(trajectories.byId(running.id()).orElseThrow(), OffsetDateTime.now());
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2), Reason.NO_TIME, null);

		var handedOver = fixtures.runningTrajectory(true);
		handovers.handOver(handedOver.id(), fixtures.secondCoachInPool(handedOver).id(), Reason.COACH_UNAVAILABLE,
				fixtures.managerOf(handedOver).id());

		MimeMessage held = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je mail was te groot"));
		MimeMessage paused = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).contains("gepauzeerd"));

		MimeMessage newCoach = Mailboxes.awaitMail(mailServer, handedOver.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je nieuwe e-coach"));

		for (MimeMessage notice : java.util.List.of(held, paused, newCoach)) {
			var to = notice == newCoach ? handedOver : running;
			String firstName = to.participant().displayName().split(" ")[0];
			String text = Mailboxes.text(notice).replace("\r\n", "\n").strip();
			assertThat(text).as(Mailboxes.subject(notice)).startsWith("Beste " + firstName + ",\n\n")
				.doesNotContain(to.participant().displayName())
				.endsWith(ENDING);
			// The link to the conversation comes last, on a line of its own under its button's words, before the ending.
			String beforeEnding = text.substring(0, text.length() - ENDING.length());
			String[] lines = beforeEnding.split("\n");
			assertThat(lines[lines.length - 2]).as(Mailboxes.subject(notice)).endsWith(":");
			assertThat(lines[lines.length - 1]).as(Mailboxes.subject(notice))
				.startsWith("http")
				.contains("/participant/conversation?")
				.contains("trajectory=" + to.id());

			Document html = Jsoup.parse(Mailboxes.html(notice));
			assertThat(html.select("p").first().text()).as(Mailboxes.subject(notice)).isEqualTo("Beste " + firstName + ",");
			assertThat(html.select("p").last().text()).as(Mailboxes.subject(notice)).isEqualTo("(Dit is een automatisch bericht.)");
			assertThat(html.select("a[href]")).as(Mailboxes.subject(notice)).hasSize(1)
				.allSatisfy(link -> assertThat(link.attr("href")).contains("/participant/conversation"));
		}
	}

	/**
	 * Every notice to a participant keeps what it is, whichever module sent it and in whatever words: it is found
	 * again by that, not by its subject (decision 0093).
	 */
	@Test
	void everyNoticeToAParticipantKeepsItsKind() {
		var running = fixtures.runningTrajectory(true);
		heldBack.tooBig(trajectories.byId(running.id()).orElseThrow(), OffsetDateTime.now());
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2), Reason.NO_TIME, null);
		var handedOver = fixtures.runningTrajectory(true);
		handovers.handOver(handedOver.id(), fixtures.secondCoachInPool(handedOver).id(), Reason.COACH_UNAVAILABLE,
				fixtures.managerOf(handedOver).id());

		assertThat(kindsTo(running.participant().email())).containsExactlyInAnyOrder("MAIL_TOO_BIG", "PAUSED");
		assertThat(kindsTo(handedOver.participant().email())).containsExactly("HANDED_OVER");
	}

	private java.util.List<String> kindsTo(String participant) {
		return jdbc.sql("select notice_kind from outbound_mail where recipient = :to and notice_kind is not null")
			.param("to", participant)
			.query(String.class)
			.list();
	}
}
