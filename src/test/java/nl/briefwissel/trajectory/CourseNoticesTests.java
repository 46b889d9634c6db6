package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A participant who writes only by mail hears of a pause, an extension and a stop in their mailbox: what changes
 * for them (until when, the next contact moment, the new end, how long the record stays), once, in their language,
 * without the coach's reason or words (decision 0077).
 */
@BriefwisselTest
class CourseNoticesTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Autowired
	Fixtures fixtures;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Trajectories trajectories;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Test
	void aPauseIsMailedWithItsEndTheNextMomentAndThatWritingGoesOnByMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		LocalDate until = Today.date().plusWeeks(2);
		lifecycle.pause(running.id(), running.coach().id(), until, Reason.PERSONAL_CIRCUMSTANCES, "Haar moeder is ernstig ziek");
		LocalDate next = trajectories.byId(running.id()).orElseThrow().progressOn(Today.date()).orElseThrow().nextDue();

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).contains("gepauzeerd"));
		assertThat(Mailboxes.text(mail)).contains("Beste " + running.participant().displayName().split(" ")[0] + ",",
				running.coach().displayName(),
				day(until, DUTCH), day(next, DUTCH), "Je kunt tijdens de pauze gewoon schrijven", "antwoord op deze mail")
			// the coach's words and reason are for the record, behind the sign-in, not for a mailbox
			.doesNotContain("moeder").doesNotContain("Persoonlijke omstandigheden").doesNotContain("omstandigheden");
		assertThat(replyTo(running.participant().email(), "gepauzeerd")).as("a reply reaches the conversation").startsWith("reply+");
		assertThat(subjectsTo(running.participant().email())).filteredOn(s -> s.contains("gepauzeerd")).hasSize(1);
	}

	/** The English pause mail read "reply to this mail, it reaches Anja de Vries, or to any other mail from Anja de Vries". */
	@Test
	void theEnglishPauseMailSaysPlainlyThatAnswersReachTheCoach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		accounts.changeLanguage(running.participant().id(), Locale.ENGLISH);
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(2), Reason.PERSONAL_CIRCUMSTANCES, null);

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).contains("paused"));
		String coach = running.coach().displayName();
		assertThat(Mailboxes.text(mail).replaceAll("\\s+", " ")).contains("You can still write during the pause: reply to this mail or to any "
				+ "other mail from " + coach + ", and your message will reach " + coach + ".").doesNotContain(", it reaches");
	}

	/**
	 * The coach ends the pause early: the contact moments come sooner than the pause notice said, so the participant hears
	 * the next one. A pause that runs its course mails nothing (its notice said until when).
	 */
	@Test
	void anEarlyResumeIsMailedWithTheNextMomentAndAPauseThatRanItsCourseIsNot() throws Exception {
		var early = fixtures.runningTrajectory(true);
		lifecycle.pause(early.id(), early.coach().id(), Today.date().plusWeeks(2), Reason.PERSONAL_CIRCUMSTANCES, "Verhuizing");
		lifecycle.resume(early.id(), early.coach().id());
		LocalDate next = trajectories.byId(early.id()).orElseThrow().progressOn(Today.date()).orElseThrow().nextDue();
		List<LocalDate> moments = trajectories.byId(early.id()).orElseThrow().plan().orElseThrow().dueDates();

		MimeMessage mail = Mailboxes.awaitMail(mailServer, early.participant().email(), m -> Mailboxes.subject(m).contains("loopt weer"));
		// The end moved too: an extension's mail named the last moment as it stood then.
		assertThat(Mailboxes.text(mail).replaceAll("\\s+", " ")).contains(early.coach().displayName(), "eerder beëindigd", day(Today.date(), DUTCH),
				"Je volgende contactmoment is op " + day(next, DUTCH), "Je laatste contactmoment is nu op " + day(moments.get(moments.size() - 1), DUTCH),
				"antwoord op de mails").doesNotContain("Verhuizing");
		assertThat(replyTo(early.participant().email(), "loopt weer")).startsWith("reply+");

		var ranItsCourse = fixtures.runningTrajectory(true);
		LocalDate until = Today.date().plusWeeks(1);
		lifecycle.pause(ranItsCourse.id(), ranItsCourse.coach().id(), until, Reason.NO_TIME, null);
		assertThat(lifecycle.endPause(ranItsCourse.id(), until)).isTrue();
		Mailboxes.awaitMail(mailServer, ranItsCourse.participant().email(), m -> Mailboxes.subject(m).contains("gepauzeerd"));
		assertThat(subjectsTo(ranItsCourse.participant().email())).noneMatch(s -> s.contains("loopt weer"));
		assertThat(subjectsTo(early.participant().email())).filteredOn(s -> s.contains("loopt weer")).hasSize(1);
	}

	/**
	 * Resumed early with only the last contact moment to come, the mail named that day twice: "Je volgende
	 * contactmoment is op X. Je laatste contactmoment is nu op X." It names it once.
	 */
	@Test
	void anEarlyResumeBeforeTheLastMomentNamesItOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		// Started so long ago that the next contact moment is the last one.
		LocalDate next = null;
		LocalDate last = null;
		for (int daysAgo = 0; daysAgo < 100 && (next == null || !next.equals(last)); daysAgo++) {
			jdbc.sql("update trajectory set started_on = :on where id = :t").param("on", Today.date().minusDays(daysAgo))
				.param("t", running.id()).update();
			TrajectoryOverview overview = trajectories.byId(running.id()).orElseThrow();
			next = overview.progressOn(Today.date()).orElseThrow().nextDue();
			List<LocalDate> moments = overview.plan().orElseThrow().dueDates();
			last = moments.get(moments.size() - 1);
		}
		assertThat(next).isNotNull().isEqualTo(last);
		lifecycle.pause(running.id(), running.coach().id(), Today.date().plusWeeks(1), Reason.PERSONAL_CIRCUMSTANCES, null);
		lifecycle.resume(running.id(), running.coach().id());

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).contains("loopt weer"));
		assertThat(Mailboxes.text(mail).replaceAll("\\s+", " ")).contains("Je volgende contactmoment is op " + day(last, DUTCH) + ".")
			.doesNotContain("Je laatste contactmoment");
	}

	@Test
	void anExtensionIsMailedWithTheNewEndOnceForADoubleClick() throws Exception {
		var running = fixtures.runningTrajectory(true);
		for (int click = 0; click < 2; click++) {
			lifecycle.extendFrom(running.id(), running.coach().id(), 6, 2, Reason.MORE_TIME_NEEDED, null);
		}
		TrajectoryOverview extended = trajectories.byId(running.id()).orElseThrow();
		List<LocalDate> moments = extended.plan().orElseThrow().dueDates();
		LocalDate next = extended.progressOn(Today.date()).orElseThrow().nextDue();

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).contains("verlengd"));
		assertThat(Mailboxes.text(mail)).contains("8 weken", day(moments.get(moments.size() - 1), DUTCH), day(next, DUTCH))
			.doesNotContain("Meer tijd nodig");
		assertThat(subjectsTo(running.participant().email())).filteredOn(s -> s.contains("verlengd")).hasSize(1);
	}

	@Test
	void aStopIsMailedWithHowLongTheRecordCanBeReadAndDownloaded() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, "Ze reageert al weken niet, vermoedelijk ziek");
		assertThatThrownBy(() -> lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, null))
			.isInstanceOf(IllegalTransitionException.class);

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).contains("gestopt"));
		assertThat(Mailboxes.text(mail)).contains(running.coach().displayName(), "downloaden", day(Today.date().plusMonths(24), DUTCH),
				"/participant/report", "Wil je dat het eerder weg is? Vraag dan bij Mijn gegevens om je gegevens te verwijderen"
						+ " (al je gegevens, ook van een ander traject dat nog loopt).")
			.doesNotContain("reageert").doesNotContain("Geen reactie");
		assertThat(subjectsTo(running.participant().email())).filteredOn(s -> s.contains("gestopt")).hasSize(1);
	}

	/** The stop mail says the record may go sooner than the date it names, in the participant's language (decision 0138). */
	@Test
	void aStopMailSaysErasureCanBeAskedForSoonerInTheParticipantsLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		accounts.changeLanguage(running.participant().id(), Locale.ENGLISH);
		lifecycle.stop(running.id(), running.coach().id(), Reason.NO_RESPONSE, null);

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).contains("stopped"));
		assertThat(Mailboxes.text(mail)).contains(day(Today.date().plusMonths(24), Locale.ENGLISH),
				"Would you like it gone sooner? Then ask at My data for your data to be erased"
						+ " (all your data, also that of another trajectory still running).");
	}

	/**
	 * A programme that keeps letters out of ordinary mail still tells of the course (no letter is in it), but does not ask
	 * for answers by mail; in the participant's language.
	 */
	@Test
	void inNotificationModeTheNoticeGoesInTheParticipantsLanguageWithoutAskingForAnswersByMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", running.programmeId()).update();
		accounts.changeLanguage(running.participant().id(), Locale.ENGLISH);
		LocalDate until = Today.date().plusWeeks(3);
		lifecycle.pause(running.id(), running.coach().id(), until, Reason.NO_TIME, null);

		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).contains("paused"));
		assertThat(Mailboxes.text(mail)).contains(day(until, Locale.ENGLISH), "sign in", "please do not reply to this mail")
			.doesNotContain("reply to this mail, it");
		// one that replies all the same is read in the conversation, as with a handover's notice, not quarantined
		assertThat(replyTo(running.participant().email(), "paused")).startsWith("reply+");
	}

	private static String day(LocalDate date, Locale language) {
		return DateTimeFormatter.ofPattern("d MMMM yyyy", language).format(date);
	}

	private List<String> subjectsTo(String address) {
		return jdbc.sql("select subject from outbound_mail where recipient = :to order by created_at").param("to", address)
			.query(String.class).list();
	}

	private String replyTo(String address, String subject) {
		return jdbc.sql("select reply_to from outbound_mail where recipient = :to and subject like :subject")
			.param("to", address).param("subject", "%" + subject + "%")
			.query(String.class).single();
	}
}
