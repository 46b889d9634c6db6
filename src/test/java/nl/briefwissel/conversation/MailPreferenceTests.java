package nl.briefwissel.conversation;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.Today;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Full text by mail or a notification with a link: the programme sets the limit, the participant chooses within it. */
@BriefwisselTest
class MailPreferenceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	CoachProfiles profiles;

	@Autowired
	UserDetailsService users;

	@Autowired
	Conversations conversations;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts accounts;

	@Autowired
	Trajectories trajectories;

	@Autowired
	nl.briefwissel.trajectory.Handovers handovers;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle;

	@Test
	void aParticipantWhoChoosesANotificationGetsNoTextByMail() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/mail-preference").param("trajectory", running.id().toString())
			.param("fullText", "false").with(csrf()).with(user(users.loadUserByUsername(running.participant().email()))));

		conversations.coachWrites(running.id(), running.coach().id(), "Een gevoelige vraag over je gezondheid.");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(text(mail)).doesNotContain("gevoelige vraag").contains("na inloggen", "/participant/conversation");
	}

	/** Another participant's trajectory: not found, and its preference is left as it is. */
	@Test
	void anotherParticipantsTrajectoryIsNotFound() throws Exception {
		var mine = fixtures.runningTrajectory(true);
		var theirs = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/mail-preference").param("trajectory", theirs.id().toString()).param("fullText", "false")
			.with(csrf()).with(user(users.loadUserByUsername(mine.participant().email()))))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
		assertThat(trajectories.wantsFullText(theirs.id())).isTrue();
	}

	@Test
	void aProgrammeInNotificationModeNeverMailsTheTextAndOffersNoChoice() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", running.programmeId()).update();

		String page = mvc.perform(get("/participant").with(user(users.loadUserByUsername(running.participant().email()))))
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("Je programma stuurt berichten niet in hun geheel per mail").doesNotContain("name=\"fullText\"")
			// Nor does any text on the participant's pages ask for answers by ordinary mail.
			.doesNotContain("Antwoord op de mail van je coach").contains("je leest en antwoordt na het inloggen");
		String conversation = mvc.perform(get("/participant/conversation")
			.with(user(users.loadUserByUsername(running.participant().email())))).andReturn().getResponse().getContentAsString();
		assertThat(conversation).doesNotContain("Je kunt ook gewoon antwoorden op de mail").contains("je antwoordt hier");

		conversations.coachWrites(running.id(), running.coach().id(), "Alleen na inloggen te lezen.");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(text(mail)).doesNotContain("Alleen na inloggen te lezen.")
			// Nor does it ask for the answer by ordinary mail.
			.doesNotContain("Antwoord gewoon op deze mail").contains("lees en beantwoord ze in Briefwissel");

		// The coach's page says a notice went, not the letter by mail.
		var written = mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).param("text", "Via het formulier.")
			.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(flash().attribute("sent", "notice")).andReturn();
		assertThat(mvc.perform(get("/coach/trajectories/{id}", running.id()).cookie(written.getResponse().getCookies())
			.with(fixtures.as(running.coach()))).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
			.contains("De deelnemer krijgt er een melding van per mail").doesNotContain("gaat per mail naar de deelnemer");

		// A coach's first letter, from the standard template, does not ask for an answer to "this mail" either.
		var proposal = fixtures.proposal(running);
		assertThat(Jsoup.parse(mvc.perform(get("/coach/proposals/{id}", proposal.trajectoryId()).with(fixtures.as(proposal.coach())))
			.andReturn().getResponse().getContentAsString()).select("textarea").text())
			.doesNotContain("je antwoordt gewoon op deze mail").contains("je leest en antwoordt in Briefwissel");
		// Nor does a coach's own template: made from the standard one ({antwoorden}), or saved before it
		// had that placeholder, with the by-mail sentence written out.
		for (String own : List.of("Hoi {naam}! {antwoorden}\n\nGroet, {coach}",
				"Hoi {naam}! Je hoeft niets te installeren: je antwoordt gewoon op deze mail, wanneer het jou uitkomt.")) {
			profiles.changeOwn(proposal.coach().id(), own, false);
			assertThat(Jsoup.parse(mvc.perform(get("/coach/proposals/{id}", proposal.trajectoryId()).with(fixtures.as(proposal.coach())))
				.andReturn().getResponse().getContentAsString()).select("textarea").text())
				.doesNotContain("op deze mail").doesNotContain("{antwoorden}").contains("je leest en antwoordt in Briefwissel");
		}

		// A new coach: the participant is told to go on writing in Briefwissel, not by replying to mails.
		handovers.handOver(running.id(), fixtures.secondCoachInPool(running).id(), nl.briefwissel.trajectory.Reason.COACH_UNAVAILABLE,
				fixtures.managerOf(running).id());
		MimeMessage handover = Mailboxes.awaitMail(mailServer, running.participant().email(),
				m -> Mailboxes.subject(m).startsWith("Je nieuwe e-coach"));
		assertThat(text(handover)).doesNotContain("antwoord op de mails die je krijgt").contains("in Briefwissel");
	}

	/**
	 * The participant chooses the language of their mails (it was fixed at the application: a Dutch
	 * account read Dutch mail for good, and each mail's link switched the site back to Dutch).
	 */
	@Test
	void aParticipantChoosesTheLanguageOfTheirMails() throws Exception {
		var running = fixtures.runningTrajectory(true);
		mvc.perform(post("/participant/language").param("language", "en").with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(redirectedUrl("/participant?lang=en#language-saved"));
		assertThat(accounts.byId(running.participant().id()).orElseThrow().language()).isEqualTo(Locale.ENGLISH);

		conversations.coachWrites(running.id(), running.coach().id(), "How are things going?");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(text(mail)).contains("/participant/conversation?lang=en");
		Document page = Jsoup.parse(mvc.perform(get("/participant").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(page.getElementById("language-en").hasAttr("checked")).isTrue();
		assertThat(page.getElementById("language-nl").hasAttr("checked")).isFalse();

		// A language the form does not offer is refused as a bad mail preference is, and changes nothing.
		mvc.perform(post("/participant/language").param("language", "de").with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().isBadRequest())
			.andExpect(flash().attributeCount(0));
		assertThat(accounts.byId(running.participant().id()).orElseThrow().language()).isEqualTo(Locale.ENGLISH);
		mvc.perform(post("/participant/mail-preference").param("trajectory", running.id().toString()).param("fullText", "maybe")
			.with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().isBadRequest());
	}

	/**
	 * The link in the notification opens the conversation in the participant's language: it is often
	 * opened in a browser that has never been to Briefwissel, which would show Dutch.
	 */
	@Test
	void anEnglishParticipantsNotificationLinksToTheConversationInEnglish() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update programme set mail_mode = 'NOTIFICATION' where id = :id").param("id", running.programmeId()).update();
		accounts.changeLanguage(running.participant().id(), Locale.ENGLISH);

		conversations.coachWrites(running.id(), running.coach().id(), "Only to be read after signing in.");
		MimeMessage mail = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(text(mail)).doesNotContain("Only to be read after signing in.")
			.contains("/participant/conversation?lang=en");
	}

	/**
	 * A participant with an ended trajectory and a running one: the confirmation shows at the card of
	 * the one they saved only, and the page opens at it (a phone shows the other card first).
	 */
	@Test
	void theConfirmationShowsAtTheTrajectoryThatWasSavedOnly() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID ended = trajectories.record(running.programmeId(), running.participant().id(), running.coach().id(),
				TrajectoryStatus.COMPLETED, "NEXT_STEP", Today.date().minusWeeks(20), Today.date().minusWeeks(8));
		var saved = mvc.perform(post("/participant/mail-preference").param("trajectory", running.id().toString())
			.param("fullText", "false").with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(redirectedUrl("/participant#preference-saved-" + running.id()))
			.andReturn();

		// The flash message travels with the session, as in a browser.
		String html = mvc.perform(get("/participant").cookie(saved.getResponse().getCookies()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString();
		assertThat(html).containsOnlyOnce("Je voorkeur is opgeslagen.");
		Document page = Jsoup.parse(html);
		Element status = page.getElementById("preference-saved-" + running.id());
		assertThat(status).as("at the running trajectory's card").isNotNull();
		assertThat(status.attr("tabindex")).as("the page opens there and it takes the focus").isEqualTo("-1");
		assertThat(page.getElementById("preference-saved-" + ended)).isNull();
	}

	/**
	 * After the end the page offers no choice, and a form sent from a page opened before it changes
	 * nothing either: refused, said at the trajectory's card in the participant's language. Before, the
	 * choice was saved and the page said so.
	 */
	@Test
	void aPreferenceSentAfterTheEndIsRefusedAndSaidOnThePage() throws Exception {
		var completed = fixtures.runningTrajectory(true);
		lifecycle.complete(completed.id(), completed.coach().id(), nl.briefwissel.trajectory.Reason.QUESTION_ANSWERED, null);
		var stopped = fixtures.runningTrajectory(true);
		lifecycle.stop(stopped.id(), stopped.coach().id(), nl.briefwissel.trajectory.Reason.NO_RESPONSE, null);

		for (var ended : List.of(completed, stopped)) {
			var refused = mvc.perform(post("/participant/mail-preference").param("trajectory", ended.id().toString())
				.param("fullText", "false").with(csrf()).with(fixtures.as(ended.participant())))
				.andExpect(redirectedUrl("/participant#preference-ended-" + ended.id()))
				.andExpect(flash().attribute("preferenceEnded", ended.id()))
				.andReturn();
			assertThat(trajectories.wantsFullText(ended.id())).as("nothing changed").isTrue();

			// The state in the way, nothing chosen was wrong: the page after the redirect answers 409 (decision 0139, amended).
			Document page = Jsoup.parse(mvc.perform(get("/participant").cookie(refused.getResponse().getCookies())
				.with(fixtures.as(ended.participant())))
				.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isConflict())
				.andReturn().getResponse().getContentAsString());
			assertThat(page.title()).startsWith("Fout:");
			Element said = page.getElementById("preference-ended-" + ended.id());
			assertThat(said).as("at the card").isNotNull();
			assertThat(said.text()).isEqualTo("Dit traject is afgelopen: je voorkeur voor de berichten van je e-coach is niet gewijzigd.");
			assertThat(said.attr("tabindex")).isEqualTo("-1");
			assertThat(page.text()).doesNotContain("Je voorkeur is opgeslagen.");
		}

		var inEnglish = mvc.perform(post("/participant/mail-preference").param("trajectory", completed.id().toString())
			.param("fullText", "false").with(csrf()).with(fixtures.as(completed.participant())))
			.andReturn();
		Document english = Jsoup.parse(mvc.perform(get("/participant").param("lang", "en").cookie(inEnglish.getResponse().getCookies())
			.with(fixtures.as(completed.participant()))).andReturn().getResponse().getContentAsString());
		assertThat(english.getElementById("preference-ended-" + completed.id()).text())
			.isEqualTo("This trajectory has ended: your preference for your e-coach's messages has not been changed.");

		// Someone else's ended trajectory is still not found, and not said to have ended.
		mvc.perform(post("/participant/mail-preference").param("trajectory", completed.id().toString()).param("fullText", "false")
			.with(csrf()).with(fixtures.as(stopped.participant())))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
	}

	private static String text(MimeMessage mail) throws Exception {
		StringBuilder text = new StringBuilder();
		collect(mail.getContent(), text);
		return text.toString();
	}

	private static void collect(Object content, StringBuilder text) throws Exception {
		if (content instanceof MimeMultipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i).getContent(), text);
			}
		}
		else {
			text.append(content);
		}
	}
}
