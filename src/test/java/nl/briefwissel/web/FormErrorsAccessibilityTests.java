package nl.briefwissel.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.LinkTokens;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.Programmes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static nl.briefwissel.Accessible.describedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What a screen reader hears at a control in error: the sentence is tied to the control
 * (aria-describedby to an element that exists, aria-invalid), the summary links to it, a radio shows
 * its checked state (Utrecht's radio only draws it with the --html-input modifier), and words in
 * another language than the page say so (WCAG 1.3.1, 3.1.2, 3.3.1).
 */
@BriefwisselTest
class FormErrorsAccessibilityTests {

	private static final String HTML_RADIO = "utrecht-radio-button--html-input";

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Organisations organisations;

	@Autowired
	Programmes programmes;

	@Autowired
	Assignments assignments;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aMissingSelfCheckAnswerIsTiedToItsQuestionAndAnUntickedBoxToItsError() throws Exception {
		String suffix = suffix();
		var programme = programmes.create(organisations.create("Gemeente Formulier " + suffix).id(), "Loopbaan " + suffix, null, null);
		Document page = refused(post("/intake/programme/{id}", programme.id()).with(csrf())
			.param("displayName", "Sam Jansen")
			.param("email", "sam-" + suffix + "@example.nl")
			.param("question", "Ik wil weten welke opleiding bij me past.")
			.param("theme", "RETRAINING")
			.param("writesComfortably", "YES")
			.param("hasTime", "YES")
			.param("consent", "true"));

		Element missing = page.getElementById("selfcheck-motivated");
		assertThat(describedBy(page, missing)).singleElement().satisfies(error -> {
			assertThat(error.text()).isNotBlank();
			assertThat(error.closest("fieldset")).isSameAs(missing);
		});
		assertThat(page.select("input[name=motivated]")).isNotEmpty()
			.allSatisfy(radio -> assertThat(radio.attr("aria-invalid")).isEqualTo("true"));
		assertThat(page.getElementById("selfcheck-hasTime").hasAttr("aria-describedby")).isFalse();
		assertThat(page.select("input[name=hasTime]")).isNotEmpty().noneMatch(radio -> radio.hasAttr("aria-invalid"));
		assertThat(page.select("#error-summary a[href=\"#selfcheck-motivated\"]")).hasSize(1);

		Element expectations = page.getElementById("expectations");
		assertThat(expectations.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, expectations)).extracting(Element::id).containsExactly("expectations-error");
		assertThat(page.getElementById("consent").hasAttr("aria-invalid")).isFalse();

		assertThat(page.select("input[type=radio]")).isNotEmpty().allMatch(radio -> radio.hasClass(HTML_RADIO));
	}

	/** The English evaluation asks "to what extent" (not "how far", the Dutch "hoe ver") and its error says what is asked. */
	@Test
	void theEnglishEvaluationReadsAsEnglish() throws Exception {
		String token = evaluationLink();
		String form = page(get("/evaluation/{token}", token).param("lang", "en")).text();
		assertThat(form).contains("To what extent was your question answered when you started?",
				"To what extent is your question answered now?").doesNotContain("How far");
		String refused = refused(post("/evaluation/{token}", token).param("lang", "en").with(csrf())
			.param("satisfaction", "8")).text();
		assertThat(refused).contains("Choose yes or no: would you recommend e-coaching to a colleague?")
			.doesNotContain("for recommending");
	}

	@Test
	void evaluationErrorsAreLinkedToTheirQuestionsAndTheSharedScoreSentenceIsSaidOnce() throws Exception {
		String token = evaluationLink();

		Document page = refused(post("/evaluation/{token}", token).with(csrf())
			.param("satisfaction", "8")
			.param("helpedMost", "REREADING"));

		Elements links = page.select("[role=alert] a[href^=\"#\"]");
		assertThat(links).extracting(a -> a.attr("href")).containsExactly("#answeredBefore", "#recommend");
		assertThat(links).extracting(Element::text).doesNotHaveDuplicates().allSatisfy(text -> assertThat(text).isNotBlank());
		for (Element link : links) {
			Element target = page.getElementById(link.attr("href").substring(1));
			assertThat(target).as(link.attr("href")).isNotNull();
			assertThat(target.tagName()).isEqualTo("fieldset");
		}

		for (String question : List.of("answeredBefore", "answeredAfter")) {
			Element fieldset = page.getElementById(question);
			assertThat(describedBy(page, fieldset)).extracting(Element::id)
				.containsExactly(question + "-help", question + "-error");
			assertThat(page.getElementById(question + "-error").text()).isNotBlank();
			assertThat(page.select("input[name=" + question + "]")).hasSize(10)
				.allSatisfy(radio -> assertThat(radio.attr("aria-invalid")).isEqualTo("true"));
		}
		assertThat(describedBy(page, page.getElementById("recommend"))).extracting(Element::id).containsExactly("recommend-error");
		assertThat(describedBy(page, page.getElementById("satisfaction"))).extracting(Element::id)
			.as("an answered question keeps its hint, without an error").containsExactly("satisfaction-help");
		assertThat(page.select("input[name=satisfaction]")).noneMatch(radio -> radio.hasAttr("aria-invalid"));
		assertThat(page.getElementById("helpedMost").hasAttr("aria-describedby")).isFalse();

		assertThat(page.select("input[type=radio]")).isNotEmpty().allMatch(radio -> radio.hasClass(HTML_RADIO));
	}

	/**
	 * A form shown again after a POST with mistakes takes the keyboard and screen reader to its error
	 * summary (WCAG 3.3.1); a form shown for the first time leaves focus where the browser puts it.
	 */
	@Test
	void theErrorSummaryTakesFocusWhenAFormComesBackWithMistakes() throws Exception {
		String suffix = suffix();
		var programme = programmes.create(organisations.create("Gemeente Focus " + suffix).id(), "Loopbaan " + suffix, null, null);
		Document intake = refused(post("/intake/programme/{id}", programme.id()).with(csrf())
			.param("displayName", "Sam Jansen")
			.param("email", "sam-" + suffix + "@example.nl"));
		assertThat(intake.select("[autofocus]")).extracting(Element::id).containsExactly("error-summary");
		assertThat(page(get("/intake/programme/{id}", programme.id())).select("[autofocus]")).isEmpty();

		String token = evaluationLink();
		Document evaluation = refused(post("/evaluation/{token}", token).with(csrf()).param("satisfaction", "8"));
		assertThat(evaluation.select("[autofocus]")).extracting(Element::id).containsExactly("error-summary");
		assertThat(page(get("/evaluation/{token}", token)).select("[autofocus]")).isEmpty();
	}

	/** After the end the goals are the record's: shown, not a form, and a form from an open tab changes nothing. */
	@Test
	void goalsStayAsTheyWereOnceTheTrajectoryEnded(@Autowired nl.briefwissel.trajectory.Trajectories trajectories)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		trajectories.changeGoals(running.id(), running.participant().id(), "Weten of ik wil omscholen.");
		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id()).update();

		Document ended = page(get("/participant").with(fixtures.as(running.participant())));
		assertThat(ended.select("form[action=/participant/goals]")).isEmpty();
		assertThat(ended.getElementById("goals-" + running.id()).tagName()).isEqualTo("h3");
		assertThat(ended.text()).contains("Weten of ik wil omscholen.");

		var late = mvc.perform(post("/participant/goals").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("goals", "Iets anders."))
			.andExpect(redirectedUrl("/participant#goals-" + running.id()))
			.andReturn();
		// The state in the way, nothing typed was wrong: the page after the redirect answers 409 (decision 0139, amended).
		Document after = Jsoup.parse(mvc.perform(get("/participant").cookie(late.getResponse().getCookies())
			.with(fixtures.as(running.participant()))).andExpect(status().isConflict()).andReturn().getResponse().getContentAsString());
		assertThat(after.title()).startsWith("Fout:");
		assertThat(after.text()).contains("Weten of ik wil omscholen.", "Dit traject is afgelopen: je doelen blijven staan")
			.doesNotContain("Iets anders.");
	}

	@Test
	void goalsThatAreTooLongAreTiedToTheirField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var refused = mvc.perform(post("/participant/goals").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString())
			.param("goals", "x".repeat(4001)))
			.andExpect(status().is3xxRedirection())
			.andReturn();

		// The flash message travels with the session, as in a browser.
		Document page = refused(get("/participant").cookie(refused.getResponse().getCookies()).with(fixtures.as(running.participant())));
		assertThat(page.title()).startsWith("Fout:");
		Element goals = page.getElementById("goals-" + running.id());
		assertThat(goals.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, goals)).extracting(Element::id)
			.containsExactly("goals-help-" + running.id(), "goals-error-" + running.id());
		assertThat(page.getElementById("goals-error-" + running.id()).text()).isNotBlank();
		assertThat(goals.text()).as("what was typed, given back to shorten").isEqualTo("x".repeat(4001));

		assertThat(page.select("input[type=radio][name=fullText]")).hasSize(2).allMatch(radio -> radio.hasClass(HTML_RADIO));
	}

	@Test
	void tooManyFilesAreTiedToTheFileField() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var request = multipart("/participant/conversation");
		for (int i = 1; i <= 6; i++) {
			request.file(new MockMultipartFile("files", "foto-" + i + ".jpg", "image/jpeg",
					new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }));
		}
		Document page = refused(request.param("text", "Hier zijn mijn foto's.").with(csrf()).with(fixtures.as(running.participant())));

		Element files = page.getElementById("files");
		assertThat(files.attr("aria-invalid")).isEqualTo("true");
		assertThat(describedBy(page, files)).extracting(Element::id).containsExactly("files-help", "files-error");
		assertThat(page.getElementById("files-error").text()).isNotBlank();
		// The page opens at the top, above every letter: the field takes the focus, or the letter seems sent.
		assertThat(page.select("[autofocus]")).extracting(Element::id).containsExactly("files");

		// Photos without words (a photo assignment): the files are what is wrong; the focus goes there only.
		var withoutText = multipart("/participant/conversation");
		for (int i = 1; i <= 6; i++) {
			withoutText.file(new MockMultipartFile("files", "foto-" + i + ".jpg", "image/jpeg",
					new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }));
		}
		Document photosOnly = refused(withoutText.param("text", "").with(csrf()).with(fixtures.as(running.participant())));
		assertThat(photosOnly.select("[autofocus]")).extracting(Element::id).containsExactly("files");
		assertThat(photosOnly.getElementById("text").hasAttr("aria-invalid")).as("photos may go without words").isFalse();

		// A text that is too long, with a photo: the text is what is wrong; the photo must only be chosen again.
		Document tooLong = refused(multipart("/participant/conversation").file(new MockMultipartFile("files", "foto.jpg", "image/jpeg",
				new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 })).param("text", "a".repeat(50_001))
			.with(csrf()).with(fixtures.as(running.participant())));
		assertThat(tooLong.select("[autofocus]")).extracting(Element::id).containsExactly("text");
	}

	/**
	 * The coach's closing summary says the language its words are in on a page read in the other (WCAG 3.1.2): by
	 * its own words, as no language is kept with it, not the participant's setting (decision 0097, amended).
	 */
	@Test
	void theClosingSummaryOnTheParticipantsPageCarriesItsLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("insert into closing (trajectory_id, summary, written_at, sent_at) values (:t, 'Je krijgt energie van lesgeven, en dat wil je ook in je werk.', :at, :at)")
			.param("t", running.id()).param("at", java.time.OffsetDateTime.now()).update();

		Document english = page(get("/participant").param("lang", "en").with(fixtures.as(running.participant())));
		Element summary = english.select(".bw-closing .bw-message__body").first();
		assertThat(summary.text()).isEqualTo("Je krijgt energie van lesgeven, en dat wil je ook in je werk.");
		assertThat(summary.attr("lang")).isEqualTo("nl");
		Document dutch = page(get("/participant").param("lang", "nl").with(fixtures.as(running.participant())));
		assertThat(dutch.select(".bw-closing .bw-message__body").first().hasAttr("lang")).isFalse();
	}

	/**
	 * What the participant wrote, given back on a page read in the other language (their goals, a letter
	 * not sent because the trajectory ended), says its language, as their question does (WCAG 3.1.2).
	 */
	@Test
	void theParticipantsOwnWordsGivenBackCarryTheirLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Document english = page(get("/participant").param("lang", "en").with(fixtures.as(running.participant())));
		assertThat(english.getElementById("goals-" + running.id()).attr("lang")).isEqualTo("nl");
		Document dutch = page(get("/participant").param("lang", "nl").with(fixtures.as(running.participant())));
		assertThat(dutch.getElementById("goals-" + running.id()).hasAttr("lang")).isFalse();

		jdbc.sql("update trajectory set status = 'COMPLETED', ended_on = started_on where id = :id").param("id", running.id()).update();
		// Not sent because the trajectory ended: the state in the way, answered 409 (decision 0139, amended).
		Document notSent = Jsoup.parse(mvc.perform(post("/participant/conversation").param("lang", "en").param("text", "Nog een vraag over mijn cv.")
			.param("trajectory", running.id().toString()).with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().isConflict()).andReturn().getResponse().getContentAsString());
		Element text = notSent.select("#not-sent .bw-message__body").first();
		assertThat(text.text()).isEqualTo("Nog een vraag over mijn cv.");
		assertThat(text.attr("lang")).isEqualTo("nl");
	}

	/** A letter and the closing summary are written in the participant's language: said so when the page is in the other (WCAG 3.1.2). */
	@Test
	void theFieldsForTheParticipantsLettersCarryTheirLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Document coachInEnglish = page(get("/coach/trajectories/{id}", running.id()).param("lang", "en").with(fixtures.as(running.coach())));
		assertThat(coachInEnglish.getElementById("text").attr("lang")).isEqualTo("nl");
		assertThat(coachInEnglish.getElementById("summary").attr("lang")).isEqualTo("nl");
		Document coachInDutch = page(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())));
		assertThat(coachInDutch.getElementById("text").hasAttr("lang")).isFalse();
		assertThat(coachInDutch.getElementById("summary").hasAttr("lang")).isFalse();
		Document participantInEnglish = page(get("/participant/conversation").param("lang", "en").with(fixtures.as(running.participant())));
		assertThat(participantInEnglish.getElementById("text").attr("lang")).isEqualTo("nl");
	}

	/** An erasure request without its box ticked, and a sign-in link asked for a wrong address: the field says so and has the focus. */
	@Test
	void theErasureBoxAndTheSignInLinksAddressTakeTheFocusWhenWrong() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Document erasure = refused(post("/participant/privacy/erasure").with(csrf()).with(fixtures.as(running.participant())));
		assertThat(erasure.select("[autofocus]")).extracting(Element::id).containsExactly("sure");

		Document login = refused(post("/login/link").param("email", "x").with(csrf()));
		assertThat(login.select("[autofocus]")).extracting(Element::id).containsExactly("link-email");
		assertThat(login.getElementById("link-email").attr("aria-describedby")).isEqualTo("link-email-error");
	}

	@Test
	void anAssignmentsOwnWordsCarryItsLanguageAndItsCardsFollowAHeadingOfTheirLevel() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String suffix = suffix();
		String title = "Letter to yourself " + suffix;
		// The trajectory's theme is NEXT_STEP: this assignment fits another, so no assignment fits.
		assignments.add(running.coach().id(), new Assignments.Draft(title, "Write a letter to yourself in five years.",
				AssignmentType.REFLECTION, List.of("GROWTH"), 20, Locale.ENGLISH));

		Document choose = page(get("/coach/trajectories/{id}/assignments", running.id()).param("q", suffix)
			.with(fixtures.as(running.coach())));
		Elements headings = choose.select("main h1, main h2, main h3");
		Element card = headings.stream().filter(h -> h.text().equals(title)).findFirst().orElseThrow();
		assertThat(card.tagName()).isEqualTo("h3");
		assertThat(headings.get(headings.indexOf(card) - 1).tagName()).as("the heading before the first card").isEqualTo("h2");
		assertThat(card.attr("lang")).isEqualTo("en");
		assertThat(card.closest("article").selectFirst(".bw-assignment__instructions").attr("lang")).isEqualTo("en");

		Document library = page(get("/coach/assignments").param("q", suffix).with(fixtures.as(running.coach())));
		Element entry = library.select("main h2").stream().filter(h -> h.text().equals(title)).findFirst().orElseThrow();
		assertThat(entry.attr("lang")).isEqualTo("en");
		assertThat(entry.closest("article").selectFirst(".bw-assignment__instructions").attr("lang")).isEqualTo("en");
	}

	@Test
	void theSecondReaderMarksTheDraftInTheLanguageItWasCheckedIn() throws Exception {
		var running = fixtures.runningTrajectory(true);
		String fragment = mvc.perform(post("/coach/trajectories/{id}/check", running.id())
			.param("text", "You must just always think first. What do you want? Why? When? With whom?")
			.header("HX-Request", "true")
			.with(csrf())
			.with(fixtures.as(running.coach())))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();

		Element draft = Jsoup.parseBodyFragment(fragment).selectFirst("p.bw-draft");
		assertThat(draft).isNotNull();
		assertThat(draft.attr("lang")).isEqualTo("en");
	}

	/** The privacy details of an organisation follow the pattern: a summary linking each wrong field in form order, each field its own sentence. */
	@Test
	void thePrivacyDetailsFormHasASummaryLinkedToEachWrongFieldInFormOrder() throws Exception {
		var organisation = organisations.create("Gemeente Samenvatting " + suffix());
		Document page = refused(post("/admin/organisations/{id}/privacy", organisation.id()).with(csrf())
			.with(fixtures.as(admin(organisation.id())))
			.param("controllerName", "")
			.param("email", "geen adres")
			.param("web", "https://localhost/x")
			.param("dpoEmail", "")
			.param("statement", ""));

		Element summary = page.getElementById("error-summary");
		assertThat(summary.attr("role")).isEqualTo("alert");
		assertThat(page.select("[autofocus]")).extracting(Element::id).containsExactly("error-summary");
		assertThat(summary.select("a")).extracting(a -> a.attr("href")).containsExactly("#privacy-email", "#privacy-web");
		assertThat(summary.select("a").get(1).text()).contains("domeinnaam");
		for (String field : List.of("email", "web")) {
			Element input = page.getElementById("privacy-" + field);
			assertThat(input.attr("aria-invalid")).isEqualTo("true");
			assertThat(describedBy(page, input)).extracting(Element::id)
				.containsExactly("privacy-" + field + "-help", "privacy-" + field + "-error");
		}
		assertThat(page.getElementById("privacy-dpoEmail").hasAttr("aria-invalid")).isFalse();
	}

	/**
	 * The assignment form (new and changed, coach and administrator) follows the pattern too: the summary
	 * links each wrong field in the order of the form, and each field reads out its own sentence only.
	 */
	@Test
	void theAssignmentFormHasASummaryLinkedToEachWrongFieldInFormOrderAndASentenceAtEach() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var admin = admin(running.organisationId());
		var refused = mvc.perform(post("/admin/assignments").with(csrf()).with(fixtures.as(admin))
			.param("title", "").param("type", "REFLECTION").param("minutes", "abc").param("language", "fr")
			.param("instructions", "Schrijf."))
			.andExpect(status().is3xxRedirection()).andReturn();
		// The flash message travels with the session, as in a browser.
		Document page = refused(get("/admin/assignments").cookie(refused.getResponse().getCookies()).with(fixtures.as(admin)));
		assertThat(page.title()).startsWith("Fout:");

		Element summary = page.getElementById("new-errors");
		assertThat(summary.hasAttr("autofocus")).isTrue();
		Elements links = summary.select("a");
		assertThat(links).extracting(a -> a.attr("href")).containsExactly("#new-title", "#new-minutes", "#new-language");
		assertThat(links.first().text()).isEqualTo("Geef de opdracht een titel van hoogstens 200 tekens.");
		for (String field : List.of("title", "minutes", "language")) {
			Element input = page.getElementById("new-" + field);
			assertThat(input.attr("aria-invalid")).as(field).isEqualTo("true");
			assertThat(describedBy(page, input)).as(field).extracting(Element::id).containsExactly("new-" + field + "-error");
			assertThat(page.getElementById("new-" + field + "-error").text()).isNotBlank();
		}
		Element instructions = page.getElementById("new-instructions");
		assertThat(instructions.hasAttr("aria-invalid")).isFalse();
		assertThat(describedBy(page, instructions)).extracting(Element::id).containsExactly("new-instructions-help");
	}

	private nl.briefwissel.account.Account admin(UUID organisation) {
		return fixtures.person(organisation, "beheer-" + suffix() + "@example.nl", "Beheer", nl.briefwissel.account.Role.ADMINISTRATOR);
	}

	private Document page(RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
	}

	/** The form again with what was wrong: answered 422, as every refused form is (decision 0139). */
	private Document refused(RequestBuilder request) throws Exception {
		return Jsoup.parse(mvc.perform(request).andExpect(status().isUnprocessableContent()).andReturn().getResponse()
			.getContentAsString());
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** The token of an evaluation link for a trajectory of its own, as the mail to its participant carries it. */
	private String evaluationLink() {
		var running = fixtures.runningTrajectory(true);
		String token = LinkTokens.create();
		jdbc.sql("insert into evaluation_request (trajectory_id, token_hash, requested_at) values (:t, :hash, :now)")
			.param("t", running.id())
			.param("hash", LinkTokens.hash(token))
			.param("now", OffsetDateTime.now())
			.update();
		return token;
	}
}
