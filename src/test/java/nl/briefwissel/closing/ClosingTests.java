package nl.briefwissel.closing;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.WebSession;
import nl.briefwissel.account.Account;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The closing summary with the participant's reaction, and the evaluation asked once with one reminder. */
@BriefwisselTest
class ClosingTests {

	private static final Pattern LINK = Pattern.compile("(/evaluation/[A-Za-z0-9_-]{43})");

	@LocalServerPort
	int port;

	@Autowired
	MockMvc mvc;


	@Autowired
	Fixtures fixtures;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	Evaluations evaluations;

	@Autowired
	java.time.Clock clock;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryErasure erasure;

	@Autowired
	nl.briefwissel.audit.AuditTrail trail;

	/** The reads of the trajectory recorded for a route: a refused summary or reaction shows content (decision 0139). */
	private long reads(java.util.UUID trajectory, String route) {
		return trail.ofTrajectory(trajectory).stream()
			.filter(entry -> entry.action() == nl.briefwissel.audit.AuditAction.READ && entry.route().equals(route))
			.count();
	}

	@Test
	void theCoachSummarisesTheParticipantReactsAndBothStayInTheRecord() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Te vroeg"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.noSummary"));

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven. Volgende stap: een meeloopdag.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("samenvatting van jullie traject"));
		assertThat(Mailboxes.text(notice)).contains("/participant").doesNotContain("meeloopdag");
		// How to sign in as the other mails to a participant have it: with a link, no password needed (it sent
		// them to 'Wachtwoord vergeten' only), and the address of the sign-in page.
		assertThat(Mailboxes.text(notice)).contains("Inloggen kan met een link, zonder wachtwoord", "/login?lang=nl")
			.doesNotContain("Wachtwoord vergeten");
		// Answered by mail, it is a letter to the coach (it came from the no-reply address).
		assertThat(notice.getReplyTo()).extracting(Object::toString).singleElement().asString().startsWith("reply+");

		mvc.perform(get("/participant").with(fixtures.as(running.participant())))
			.andExpect(content().string(containsString("Volgende stap: een meeloopdag.")));
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Dank je, ik plan die meeloopdag in maart."))
			.andExpect(flash().attribute("reactionSaved", running.id()))
			.andExpect(redirectedUrl("/participant#reaction-saved-" + running.id()));
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(content().string(containsString("ik plan die meeloopdag in maart")));

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		// After the end the coach reads the summary and the reaction, not how to write a summary.
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(content().string(containsString("Volgende stap: een meeloopdag.")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Schrijf aan het eind een samenvatting"))))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("geen samenvatting geschreven"))));
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Nog iets"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.ended"));
		byte[] pdf = mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", " ")).contains("Afsluiting")
				.contains("een meeloopdag").contains("ik plan die meeloopdag in maart");
		}
	}

	/**
	 * The mail that the summary is there stands in the conversation's thread in the participant's mail program, as
	 * read from their mailbox: the letters' subject, answering the last letter, and referring to the thread's
	 * letters (Gmail and Outlook group by subject and References, Thunderbird by References alone).
	 */
	@Test
	void theClosingMailAnswersTheLastLetterInTheConversationsThread() throws Exception {
		var running = fixtures.runningTrajectory(true);
		for (String letter : java.util.List.of("Wat geeft je energie?", "En wat kost je energie?")) {
			mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).with(csrf()).with(fixtures.as(running.coach()))
				.param("text", letter));
		}
		MimeMessage first = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("Wat geeft je energie?"));
		MimeMessage last = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("En wat kost je energie?"));

		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("samenvatting van jullie traject"));

		assertThat(notice.getHeader("In-Reply-To", null)).isEqualTo(last.getMessageID());
		assertThat(notice.getHeader("References", null)).isNotNull();
		assertThat(notice.getHeader("References", null).strip().split("\\s+")).containsExactly(first.getMessageID(), last.getMessageID());
		assertThat(notice.getSubject()).isEqualTo(last.getSubject());
		assertThat(notice.getReplyTo()).extracting(Object::toString).isEqualTo(
				java.util.Arrays.stream(last.getReplyTo()).map(Object::toString).toList());
	}

	/**
	 * The closing mail keeps the thread's subject, or Gmail and Outlook would begin a new thread (decision 0097): a
	 * subject of its own, as mail.closing.subject was meant to be, was never sent. So the first words after the greeting,
	 * which the inbox shows beside the subject, say that this mail is the closing of the e-coaching; they said only that
	 * a summary was written, in both languages.
	 */
	@Test
	void theClosingMailSaysWhereTheInboxShowsItThatItClosesTheECoaching() throws Exception {
		for (String language : java.util.List.of("nl", "en")) {
			var running = fixtures.runningTrajectory(true);
			jdbc.sql("update account set preferred_language = :language where id = :id").param("language", language)
				.param("id", running.participant().id()).update();
			mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).with(csrf()).with(fixtures.as(running.coach()))
				.param("text", "Wat geeft je energie?"));
			MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(),
					m -> Mailboxes.text(m).contains("Wat geeft je energie?"));
			mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
				.param("summary", "Lesgeven geeft je energie.").param("send", "true"))
				.andExpect(flash().attribute("closingDone", "closing.sent"));
			String name = running.coach().displayName();
			MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
					m -> Mailboxes.text(m).contains("een samenvatting van jullie traject")
							|| Mailboxes.text(m).contains("wrote a summary of your trajectory"));

			assertThat(notice.getSubject()).as("the thread's subject").isEqualTo(letter.getSubject());
			assertThat(notice.getHeader("In-Reply-To", null)).isEqualTo(letter.getMessageID());
			String opening = "nl".equals(language) ? "Ter afsluiting van je e-coaching heeft " + name + " een samenvatting"
					: "To close your e-coaching, " + name + " wrote a summary";
			String[] paragraphs = Mailboxes.text(notice).replace("\r\n", "\n").split("\n\n");
			assertThat(paragraphs[1]).as(language + ": the first words after the greeting").startsWith(opening);
			assertThat(Jsoup.parse(Mailboxes.html(notice)).select("p").get(1).text()).startsWith(opening);
		}
	}

	/**
	 * The participant is invited to react below while the trajectory runs, in English that reads as English;
	 * after the end the page no longer points to a form that is gone, and names the reaction as theirs.
	 */
	@Test
	void theParticipantIsInvitedToReactOnlyWhileTheTrajectoryRuns() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"));
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Dank je wel."));
		String name = running.coach().displayName();
		MimeMessage notice = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.text(m).contains("wrote a summary of your trajectory")); // the letters' subject (0097)
		assertThat(Mailboxes.text(notice)).contains("You can sign in with a link, without a password", "/login?lang=en")
			.doesNotContain("Forgot password");
		// Its HTML part titled with the subject that went, the letters' (decision 0097, amended): it was its own.
		assertThat(org.jsoup.Jsoup.parse(Mailboxes.html(notice)).title()).isEqualTo(notice.getSubject())
			.isEqualTo("Your e-coaching with " + name);
		String whileRunning = org.jsoup.Jsoup.parse(mvc.perform(get("/participant").param("lang", "en")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(whileRunning).contains(name + " wrote a summary of your trajectory. Would you like to respond? "
				+ "You can do so below while the trajectory is running.", "Save reaction");

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		String ended = org.jsoup.Jsoup.parse(mvc.perform(get("/participant").param("lang", "en")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(ended).contains(name + " wrote this summary of your trajectory. We ontdekten",
				"Your reaction: Dank je wel.").doesNotContain("Would you like to respond", "Save reaction");
		String endedInDutch = org.jsoup.Jsoup.parse(mvc.perform(get("/participant").param("lang", "nl")
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString()).text();
		assertThat(endedInDutch).contains(name + " schreef deze samenvatting van jullie traject.", "Jouw reactie: Dank je wel.")
			.doesNotContain("Dat kan hieronder");
	}

	@Test
	void aTrajectoryEndedWithoutASummarySaysSoOnTheCoachsPage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(content().string(containsString("Schrijf aan het eind een samenvatting")));
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(content().string(containsString("Bij dit traject is geen samenvatting geschreven.")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("Schrijf aan het eind een samenvatting"))));
	}

	/**
	 * A refused summary comes back with the page, not a redirect (decision 0139): too long is 422, in its field with
	 * the error at it and in a headed list above the form that takes the focus; ended in another tab is 409, the
	 * state in the way, to copy. It was a redirect with the refusal flashed, answered 200 by the page after it.
	 */
	@Test
	void aRefusedSummaryComesBackWithWhatWasTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String tooLong = "Lang verhaal. ".repeat(1500);
		var refused = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", tooLong).param("send", "true"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("closingProblem", "closing.error.summary"))
			.andReturn().getResponse();
		Document page = Jsoup.parse(refused.getContentAsString());
		assertThat(page.title()).startsWith("Fout: ");
		Element field = page.getElementById("summary");
		assertThat(field.text()).startsWith("Lang verhaal.");
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.attr("aria-describedby")).isEqualTo("summary-error");
		assertThat(page.getElementById("summary-error").text()).isEqualTo("Je samenvatting mag hoogstens 20.000 tekens lang zijn.");
		Element list = page.getElementById("closing-problem");
		assertThat(list.hasAttr("autofocus")).as("the list takes the focus: no #closing to open the page at").isTrue();
		assertThat(list.select("h3").text()).isEqualTo("Nog niet alles is goed ingevuld");
		assertThat(list.select("li a").attr("href")).isEqualTo("#summary");
		assertThat(page.select("[autofocus]")).as("one focus").hasSize(1);
		String route = "POST /coach/trajectories/{id}/closing";
		assertThat(reads(running.id(), route)).as("the refusal shows the conversation: a read").isOne();

		// As a browser sends it: 20,000 characters with 1,000 line ends as two; the field counted each as one.
		String lines = ("x".repeat(19) + "\r\n").repeat(1000);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", lines).param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"))
			.andExpect(redirectedUrl("/coach/trajectories/" + running.id() + "#closing"));
		assertThat(reads(running.id(), route)).as("kept, a redirect: no page shown, nothing read").isOne();

		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		var ended = mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "Geschreven in een ander tabblad.").param("send", "true"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("closingProblem", "closing.error.ended"))
			.andReturn().getResponse();
		page = Jsoup.parse(ended.getContentAsString());
		assertThat(page.getElementById("summary")).isNull();
		assertThat(page.getElementById("closing-problem").select("h3").text()).as("nothing typed is wrong")
			.isEqualTo("Deze wijziging kan nu niet");
		assertThat(page.getElementById("closing-problem").select("a")).as("no field to go to").isEmpty();
		assertThat(page.getElementById("closing-problem").text()).contains("Geschreven in een ander tabblad.");
		assertThat(reads(running.id(), route)).isEqualTo(2);
	}

	/**
	 * A summary from a tab opened before "afronden" in another is refused for the ended trajectory, whatever was typed:
	 * empty, too long or with a placeholder it was 422 "Nog niet alles is goed ingevuld" with a link to a field the
	 * ended page no longer has. The state is in the way first: 409, the words to copy, no link.
	 */
	@Test
	void aSummaryFromATabOpenedBeforeTheEndIsRefusedForTheEndWhateverWasTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		for (String typed : new String[] { " ", "Lang verhaal. ".repeat(1500), "Beste {voornaam}, dit bereikten we." }) {
			for (String send : new String[] { "true", "false" }) {
				Document page = Jsoup.parse(mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf())
					.with(fixtures.as(running.coach())).param("summary", typed).param("send", send))
					.andExpect(status().isConflict())
					.andExpect(model().attribute("closingProblem", "closing.error.ended"))
					.andReturn().getResponse().getContentAsString());
				assertThat(page.getElementById("summary")).isNull();
				Element problem = page.getElementById("closing-problem");
				assertThat(problem.select("h3").text()).isEqualTo("Deze wijziging kan nu niet");
				assertThat(problem.select("a")).as("no field to go to").isEmpty();
			}
		}
	}

	/** Saved as a draft in a tab opened before it was sent in another: refused for that, whatever was typed. */
	@Test
	void aDraftSummaryAfterItWasSentIsRefusedForThatWhateverWasTyped() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "").param("send", "false"))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("closingProblem", "closing.error.sentAlready"));
	}

	/**
	 * "Afronden" in one tab while the summary is sent from another: the page's check saw a running
	 * trajectory, but the summary (and its mail) must not come after the end.
	 */
	@Test
	void aSummaryOrReactionThatArrivesAfterTheEndIsRefused(@Autowired ClosingDesk desk,
			@Autowired nl.briefwissel.trajectory.Trajectories trajectories) throws Exception {
		var running = fixtures.runningTrajectory(true);
		var seenRunning = trajectories.byId(running.id()).orElseThrow();
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		assertThat(desk.write(seenRunning, running.coach().id(), "Wat we bereikten.", true)).isEqualTo(ClosingDesk.Written.ENDED);
		assertThat(desk.write(seenRunning, running.coach().id(), "Wat we bereikten.", false)).isEqualTo(ClosingDesk.Written.ENDED);
		assertThat(desk.react(seenRunning, running.participant().id(), "Dank je.")).isEqualTo(ClosingDesk.Reacted.ENDED);
		assertThat(jdbc.sql("select count(*) from closing where trajectory_id = :t").param("t", running.id())
			.query(Long.class).single()).isZero();
	}

	@Test
	void aCompletedTrajectoryIsEvaluatedOnceWithOneReminderAndWithoutIdentity() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		MimeMessage asked = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Hoe was"));
		String first = link(asked);
		// Written as plain text, sent with an HTML part too, the link clickable there.
		assertThat(asked.getContent()).isInstanceOf(jakarta.mail.internet.MimeMultipart.class);
		assertThat(Mailboxes.html(asked)).contains("<a href=\"").contains(first);

		evaluations.remindDue(OffsetDateTime.now());
		assertThat(reminders(running.participant())).as("not before five days").isZero();
		evaluations.remindDue(OffsetDateTime.now().plusDays(6));
		evaluations.remindDue(OffsetDateTime.now().plusDays(7));
		assertThat(reminders(running.participant())).as("one reminder only").isEqualTo(1);
		MimeMessage reminder = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Nog even"));
		String second = link(reminder);
		// The reminder's link is the latest: the last day counts from the reminder's day, as the page's does.
		assertThat(Mailboxes.text(reminder)).contains("De link werkt tot en met " + OffsetDateTime.now().plusDays(6)
			.atZoneSameInstant(clock.getZone()).toLocalDate().plusDays(60)
			.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))) + ".");
		assertThat(evaluations.openUntil(running.id())).contains(OffsetDateTime.now().plusDays(6)
			.atZoneSameInstant(clock.getZone()).toLocalDate().plusDays(60));

		WebSession browser = new WebSession(port);
		// The form opened from the first mail still counts after the reminder went.
		assertThat(browser.get(first).body()).contains("Hoe tevreden ben je");
		assertThat(browser.get(second).body()).contains("Hoe tevreden ben je");
		HttpResponse<String> wrong = browser.post(second, "satisfaction=11&answeredBefore=3");
		assertThat(wrong.body()).contains("Kies bij elke vraag een cijfer van 1 tot en met 10.").contains("Kies wat je het meest hielp.");

		long before = jdbc.sql("select count(*) from evaluation_answer").query(Long.class).single();
		HttpResponse<String> done = browser.post(second, "satisfaction=8&answeredBefore=3&answeredAfter=7&recommend=true"
				+ "&helpedMost=REREADING&remarks=Fijn+om+alles+terug+te+lezen");
		assertThat(done.body()).contains("Dank je wel");
		// It waits for its programme's month (decision 0008), then is published with the others.
		assertThat(jdbc.sql("select count(*) from evaluation_answer").query(Long.class).single()).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from evaluation_answer_waiting where programme_id = :p")
			.param("p", running.programmeId()).query(Long.class).single()).isEqualTo(1);
		evaluations.publishWaiting(Today.date().withDayOfMonth(1).plusMonths(1).plusDays(1));
		assertThat(jdbc.sql("select count(*) from evaluation_answer_waiting where programme_id = :p")
			.param("p", running.programmeId()).query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from evaluation_answer where programme_id = :p and satisfaction = 8")
			.param("p", running.programmeId()).query(Long.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select answered_at from evaluation_request where trajectory_id = :t").param("t", running.id())
			.query(OffsetDateTime.class).single().atZoneSameInstant(clock.getZone()).toLocalTime()).as("answered on a day, not at a time")
			.isEqualTo(java.time.LocalTime.MIDNIGHT);
		// Given after the form said the manager reads it (decision 0029).
		assertThat(jdbc.sql("select remarks_shared from evaluation_answer where programme_id = :p and satisfaction = 8")
			.param("p", running.programmeId()).query(Boolean.class).single()).isTrue();
		assertThat(browser.post(second, "satisfaction=1&answeredBefore=1&answeredAfter=1&recommend=false&helpedMost=OTHER").body())
			.contains("Je hebt de evaluatie al ingevuld");
		assertThat(browser.post(first, "satisfaction=1&answeredBefore=1&answeredAfter=1&recommend=false&helpedMost=OTHER").body())
			.as("answered once, by either link").contains("Je hebt de evaluatie al ingevuld");
	}

	/**
	 * The reminder said "Een paar dagen geleden vroegen we" also when the first mail went four weeks before it (a
	 * request of 9 November reminded on 7 December): it names the day of the first mail, in Dutch and in English.
	 */
	@Test
	void theReminderNamesTheDayOfTheFirstRequest(@Autowired nl.briefwissel.account.Accounts accounts) throws Exception {
		for (String language : java.util.List.of("nl", "en")) {
			java.util.Locale locale = java.util.Locale.forLanguageTag(language);
			var running = fixtures.runningTrajectory(true);
			accounts.changeLanguage(running.participant().id(), locale);
			lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
			Mailboxes.awaitMail(mailServer, running.participant().email(),
					m -> Mailboxes.subject(m).startsWith("nl".equals(language) ? "Hoe was" : "How was"));
			OffsetDateTime firstAsked = OffsetDateTime.now().minusDays(28);
			jdbc.sql("update evaluation_request set requested_at = :at where trajectory_id = :t")
				.param("at", firstAsked).param("t", running.id()).update();

			evaluations.remindDue(OffsetDateTime.now());

			MimeMessage reminder = Mailboxes.awaitMail(mailServer, running.participant().email(),
					m -> Mailboxes.subject(m).startsWith("nl".equals(language) ? "Nog even" : "A quick reminder"));
			java.time.LocalDate day = firstAsked.atZoneSameInstant(clock.getZone()).toLocalDate();
			String named = day.format(java.time.format.DateTimeFormatter.ofPattern(
					day.getYear() == java.time.LocalDate.now(clock).getYear() ? "d MMMM" : "d MMMM yyyy", locale));
			String text = Mailboxes.text(reminder).replace("\r\n", "\n").replaceAll("\\s+", " ");
			if ("nl".equals(language)) {
				assertThat(text).contains("Op " + named + " vroegen we hoe je e-coaching met").doesNotContain("paar dagen");
			}
			else {
				assertThat(text).contains("On " + named + " we asked how your e-coaching with").doesNotContain("few days");
			}
		}
	}

	/**
	 * The evaluation mail comes from the no-reply address: a reply to it is read by nobody. Like the other
	 * automatic mails it says it is one, and it says where a remark does reach someone (the form has room).
	 */
	@Test
	void theEvaluationMailsSayTheyAreAutomaticAndThatAReplyIsNotRead(@Autowired org.springframework.context.MessageSource texts)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		MimeMessage asked = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Hoe was"));
		evaluations.remindDue(OffsetDateTime.now().plusDays(6));
		MimeMessage reminder = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Nog even"));
		java.util.Locale dutch = java.util.Locale.forLanguageTag("nl");
		for (MimeMessage mail : java.util.List.of(asked, reminder)) {
			String text = Mailboxes.text(mail).replace("\r\n", "\n").strip();
			assertThat(text).contains(texts.getMessage("mail.evaluation.noReply", null, dutch))
				.endsWith(texts.getMessage("mail.participantNotice.footer", null, dutch));
		}
	}

	/**
	 * A link found in an old mailbox does not work for ever: to the end of the sixtieth day after the last mail that
	 * carried it. The page of a link that ran out says that period, not "two months" (which is 59 to 62 days).
	 */
	@Test
	void anEvaluationLinkWorksForTwoMonthsAfterItsLastMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		MimeMessage asked = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Hoe was"));
		// The mail names the last day the participant page names (Evaluations.openUntil), not "two months": sixty days
		// after the mail's day ended two days before the same date two months on, and the page said so.
		java.time.LocalDate lastDay = evaluations.openUntil(running.id()).orElseThrow();
		assertThat(lastDay).isEqualTo(java.time.LocalDate.now(clock).plusDays(60));
		assertThat(Mailboxes.text(asked)).contains("De link werkt tot en met "
				+ lastDay.format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.forLanguageTag("nl"))) + ".")
			.doesNotContain("twee maanden");
		String link = link(asked);
		WebSession browser = new WebSession(port);
		assertThat(browser.get(link).body()).contains("Hoe tevreden ben je");

		jdbc.sql("update evaluation_request set requested_at = :at, reminded_at = :at where trajectory_id = :t")
			.param("at", OffsetDateTime.now().minusDays(62)) // past the 60th day after its day at any hour, summer time or not
			.param("t", running.id())
			.update();
		assertThat(browser.get(link).body()).contains("Deze link werkt niet meer")
			.contains("of de link is verlopen: een link werkt tot en met 60 dagen na onze laatste mail erover.");
		assertThat(browser.post(link, "satisfaction=8&answeredBefore=3&answeredAfter=7&recommend=true&helpedMost=REREADING").body())
			.contains("Deze link werkt niet meer");
	}

	/**
	 * A reminder job that did not run for weeks does not wake a request whose link stopped working: its new link would
	 * open the evaluation for another two months (review).
	 */
	@Test
	void aRequestOlderThanItsLinkIsNotReminded() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Hoe was"));
		jdbc.sql("update evaluation_request set requested_at = :at where trajectory_id = :t")
			.param("at", OffsetDateTime.now().minusDays(62)) // past the 60th day after its day at any hour, summer time or not
			.param("t", running.id())
			.update();

		evaluations.remindDue(OffsetDateTime.now());
		assertThat(reminders(running.participant())).isZero();
		assertThat(jdbc.sql("select count(*) from evaluation_request where trajectory_id = :t and reminded_at is null")
			.param("t", running.id()).query(Long.class).single()).isOne();
		assertThat(evaluations.openFor(running.id())).isEmpty();
	}

	/** The completion's event handled again after the trajectory was erased (a restart): no link, no mail. */
	@Test
	void anErasedTrajectoryIsNotAskedForAnEvaluation() {
		var running = fixtures.runningTrajectory(true);
		erasure.erase(running.id(), null);

		evaluations.request(running.id());

		assertThat(jdbc.sql("select count(*) from evaluation_request where trajectory_id = :t").param("t", running.id())
			.query(Long.class).single()).isZero();
	}

	/** The trajectory is erased before the reminder is due: its link went with it and no new one is sent. */
	@Test
	void anErasedTrajectorysEvaluationIsNotReminded() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Hoe was"));
		erasure.erase(running.id(), null);

		evaluations.remindDue(OffsetDateTime.now().plusDays(6));

		assertThat(reminders(running.participant())).isZero();
		assertThat(jdbc.sql("select count(*) from evaluation_request where trajectory_id = :t and token_hash is not null")
			.param("t", running.id()).query(Long.class).single()).isZero();
	}

	/**
	 * A double click on “Versturen” or a reload of the thank-you page sends the same form again after
	 * the first press cleared the link: it is thanked again and stored once. Another form through the
	 * same link is still refused.
	 */
	@Test
	void theSameEvaluationFormSentTwiceIsThankedTwiceAndStoredOnce() throws Exception {
		var running = fixtures.runningTrajectory(true);
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);
		MimeMessage asked = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> Mailboxes.subject(m).startsWith("Hoe was"));
		String link = link(asked);
		WebSession browser = new WebSession(port);
		Matcher formId = Pattern.compile("name=\"submission\" value=\"([0-9a-f-]{36})\"").matcher(browser.get(link).body());
		assertThat(formId.find()).as("the form carries its own id").isTrue();
		String answers = "satisfaction=9&answeredBefore=4&answeredAfter=8&recommend=true&helpedMost=WRITING";

		assertThat(browser.post(link, answers + "&submission=" + formId.group(1)).body()).contains("Dank je wel");
		assertThat(browser.post(link, answers + "&submission=" + formId.group(1)).body()).as("the same form again")
			.contains("Dank je wel").doesNotContain("Deze link werkt niet meer");
		assertThat(jdbc.sql("select count(*) from evaluation_answer_waiting where programme_id = :p")
			.param("p", running.programmeId()).query(Long.class).single()).isEqualTo(1);

		assertThat(browser.post(link, answers + "&submission=" + java.util.UUID.randomUUID()).body()).as("another form")
			.contains("Je hebt de evaluatie al ingevuld");
		assertThat(browser.post(link, answers).body()).as("a form without its id").contains("Je hebt de evaluatie al ingevuld");
		assertThat(jdbc.sql("select count(*) from evaluation_answer_waiting where programme_id = :p")
			.param("p", running.programmeId()).query(Long.class).single()).isEqualTo(1);
	}

	/**
	 * The coach completes the trajectory while the participant types a reaction to the summary: it is
	 * not kept, but it comes back to copy with why, at that trajectory's card only, which takes the focus. The
	 * page answers, 409: the state is in the way, not the reaction (decision 0139); it was a redirect to the card.
	 */
	@Test
	void aReactionRefusedBecauseTheCoachCompletedFirstComesBackToCopyAtItsOwnCard(@Autowired Trajectories trajectories)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		// An earlier trajectory of the same participant, ended with a summary of its own: a card with a closing too.
		java.util.UUID earlier = trajectories.record(running.programmeId(), running.participant().id(), running.coach().id(),
				TrajectoryStatus.COMPLETED, "NEXT_STEP", Today.date().minusWeeks(20), Today.date().minusWeeks(8));
		jdbc.sql("insert into closing (trajectory_id, summary, written_at) values (:t, 'Een eerdere afsluiting.', :at)")
			.param("t", earlier).param("at", OffsetDateTime.now().minusWeeks(8)).update();
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"))
			.andExpect(flash().attribute("closingDone", "closing.sent"));
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		String typed = "Dank je, ik plan een meeloopdag in maart.";
		String html = mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", typed))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.ended"))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).containsOnlyOnce("Het traject is afgelopen; de afsluiting staat vast.");
		Document page = Jsoup.parse(html);
		assertThat(page.title()).startsWith("Fout: ");
		Element problem = page.getElementById("reaction-problem-" + running.id());
		assertThat(problem).as("at the card of the trajectory reacted to").isNotNull();
		assertThat(problem.attr("tabindex")).isEqualTo("-1");
		assertThat(problem.hasAttr("autofocus")).as("it takes the focus: no #reaction-problem to open the page at").isTrue();
		assertThat(page.select("[autofocus]")).as("one focus").hasSize(1);
		assertThat(problem.select("h4").text()).as("nothing typed is wrong").isEqualTo("Deze wijziging kan nu niet");
		assertThat(problem.select("a")).as("no field left to go to").isEmpty();
		assertThat(problem.text()).contains("het is niet opgeslagen").contains(typed);
		assertThat(reads(running.id(), "POST /participant/closing")).isOne();
		// Too long as well: the trajectory's end is what is in the way, as no field is left to shorten it in.
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Dank je. ".repeat(1000)))
			.andExpect(status().isConflict())
			.andExpect(model().attribute("reactionProblem", "closing.error.ended"));
		assertThat(page.getElementById("reaction-problem-" + earlier)).isNull();
		assertThat(jdbc.sql("select count(*) from closing where trajectory_id = :t and reaction is not null")
			.param("t", running.id()).query(Long.class).single()).as("not kept").isZero();
	}

	/**
	 * A reaction that is too long comes back in its field, to shorten, marked as what needs it: the page again, 422, the
	 * sentence at the field and in a headed list at the card that takes the focus (decision 0139), no longer a redirect.
	 */
	@Test
	void aReactionThatIsTooLongComesBackInItsField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"));
		String typed = "Dank je. ".repeat(1000);
		Document page = Jsoup.parse(mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", typed))
			.andExpect(status().isUnprocessableContent())
			.andExpect(model().attribute("reactionProblem", "closing.error.reaction"))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.title()).startsWith("Fout: ");
		Element field = page.getElementById("reaction-" + running.id());
		assertThat(field.text()).as("what was typed, given back to shorten").isEqualTo(typed.strip());
		assertThat(field.attr("aria-invalid")).isEqualTo("true");
		assertThat(field.attr("aria-describedby")).isEqualTo("reaction-" + running.id() + "-error");
		assertThat(page.getElementById("reaction-" + running.id() + "-error").text())
			.isEqualTo("Je reactie mag hoogstens 8000 tekens lang zijn.");
		Element list = page.getElementById("reaction-problem-" + running.id());
		assertThat(list.hasAttr("autofocus")).isTrue();
		assertThat(list.select("h4").text()).isEqualTo("Nog niet alles is goed ingevuld");
		assertThat(list.select("li a").attr("href")).isEqualTo("#reaction-" + running.id());
		assertThat(page.select("[autofocus]")).as("one focus").hasSize(1);
		assertThat(reads(running.id(), "POST /participant/closing")).as("the refusal shows the closing: a read").isOne();
	}

	/**
	 * The reaction is optional: saved empty, it is taken away, and the page says so instead of "Your
	 * reaction was saved" (nothing was, and a reaction given before was gone).
	 */
	@Test
	void aReactionSavedEmptySaysItIsNowEmpty() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We ontdekten dat je energie krijgt van lesgeven.").param("send", "true"));
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Dank je wel."))
			.andExpect(flash().attribute("reactionSaved", running.id()));
		assertThat(reads(running.id(), "POST /participant/closing")).as("kept, a redirect: nothing read").isZero();

		var emptied = mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", " \r\n "))
			.andExpect(redirectedUrl("/participant#reaction-saved-" + running.id()))
			.andReturn();
		Document page = Jsoup.parse(mvc.perform(get("/participant").cookie(emptied.getResponse().getCookies())
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("reaction-saved-" + running.id()).text())
			.isEqualTo("Je reactie is nu leeg: je e-coach ziet geen reactie van je.");
		assertThat(jdbc.sql("select count(*) from closing where trajectory_id = :t and reaction is not null")
			.param("t", running.id()).query(Long.class).single()).isZero();

		var english = mvc.perform(post("/participant/closing").param("lang", "en").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "")).andReturn();
		assertThat(Jsoup.parse(mvc.perform(get("/participant").param("lang", "en").cookie(english.getResponse().getCookies())
			.with(fixtures.as(running.participant()))).andReturn().getResponse().getContentAsString())
			.getElementById("reaction-saved-" + running.id()).text()).isEqualTo("Your reaction is now empty: your e-coach sees no reaction from you.");
	}

	private long reminders(Account participant) {
		return jdbc.sql("select count(*) from outbound_mail where recipient = :to and subject like 'Nog even%'")
			.param("to", participant.email())
			.query(Long.class)
			.single();
	}

	private static String link(MimeMessage mail) {
		Matcher link = LINK.matcher(Mailboxes.text(mail));
		assertThat(link.find()).isTrue();
		return link.group(1);
	}


}
