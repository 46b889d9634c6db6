package nl.briefwissel.conversation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.LetterLanguage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.GivenAssignments;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Each letter keeps the language it was written in, and the mail of a conversation one subject, whatever
 * the participant chooses later (decision 0097).
 */
@BriefwisselTest
class LetterLanguageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	nl.briefwissel.encryption.Encryption encryption;

	/**
	 * WCAG 3.1.2 per letter: a Dutch participant's English reply says it is English, and after the switch to
	 * English the Dutch letters of before still say they are Dutch, on both sides of the conversation.
	 */
	@Test
	void eachLetterSaysTheLanguageItWasWrittenInAfterALanguageSwitch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(),
				"Welkom! Ik ben blij dat je er bent en ik kijk uit naar je eerste brief.");
		conversations.participantWrites(running.id(), running.participant().id(),
				"Dank je wel, ik heb er zin in en ik schrijf je deze week over mijn vraag.");
		conversations.participantWrites(running.id(), running.participant().id(),
				"Sorry, I wrote this one in English because my partner will read it with me. I have a question about the plan.");
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		conversations.coachWrites(running.id(), running.coach().id(),
				"Thank you for your letter. I am happy to write in English with you from now on.");

		assertThat(conversations.of(running.id())).extracting(Message::language)
			.containsExactly(Locale.forLanguageTag("nl"), Locale.forLanguageTag("nl"), Locale.ENGLISH, Locale.ENGLISH);
		assertThat(langs(mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString())).containsExactly("", "", "en", "en");
		assertThat(langs(mvc.perform(get("/participant/conversation").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString())).containsExactly("nl", "nl", "", "");
	}

	/**
	 * A walk found it: after the participant saved English, the coach and the participant went on in Dutch,
	 * and those letters were stored as English (the participant's setting of the moment), so on the English
	 * page they had no lang at all. A letter is the language its own words are, the coach's too; a short one
	 * the language the conversation was in, not the account's setting.
	 */
	@Test
	void lettersWrittenInDutchAfterASwitchToEnglishAreDutch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(),
				"Welkom! Ik ben blij dat je er bent en ik kijk uit naar je eerste brief.");
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		conversations.participantWrites(running.id(), running.participant().id(),
				"Dank je wel, ik heb er zin in en ik schrijf je deze week over mijn vraag.");
		conversations.coachWrites(running.id(), running.coach().id(),
				"Fijn om te lezen. Wat wil je deze week als eerste doen voor je doel?");
		conversations.participantWrites(running.id(), running.participant().id(), "Prima, tot dinsdag!");

		assertThat(conversations.of(running.id())).extracting(Message::language).containsOnly(Locale.forLanguageTag("nl"));
		assertThat(langs(mvc.perform(get("/participant/conversation").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString())).containsExactly("nl", "nl", "nl", "nl");
	}

	/**
	 * The question is the participant's words of the application, in the language they applied in: after a
	 * switch to English it is still Dutch, on the start page and in the record (the PDF is made of the same).
	 */
	@Test
	void theQuestionKeepsTheLanguageOfTheApplication(@Autowired nl.briefwissel.trajectory.Intakes intakes) throws Exception {
		var running = fixtures.runningTrajectory(true);
		intakes.record(running.programmeId(), running.participant(), running.id(), new nl.briefwissel.trajectory.IntakeForm(
				running.participant().displayName(), running.participant().email(), "Ik wil een volgende stap zetten in mijn werk.",
				"NEXT_STEP", new nl.briefwissel.trajectory.Intake.SelfCheck(nl.briefwissel.trajectory.Intake.Answer.YES,
						nl.briefwissel.trajectory.Intake.Answer.YES, nl.briefwissel.trajectory.Intake.Answer.YES), true, true, true),
				nl.briefwissel.trajectory.Intake.Source.INVITATION);
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();

		var start = Jsoup.parse(mvc.perform(get("/participant").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(start.select(".bw-message__body:contains(Ik wil een volgende stap)")).singleElement()
			.satisfies(question -> assertThat(question.attr("lang")).isEqualTo("nl"));
		var record = Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(record.select(".bw-record__text:contains(Ik wil een volgende stap)")).singleElement()
			.satisfies(question -> assertThat(question.attr("lang")).isEqualTo("nl"));
		// The coach's page in Dutch: the question is the page's language, said once by the page.
		var coach = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(coach.select(".bw-message__body:contains(Ik wil een volgende stap)")).singleElement()
			.satisfies(question -> assertThat(question.hasAttr("lang")).isFalse());
	}

	/**
	 * An application by mail is taken to be Dutch (nobody chose a language), and the question's lang came from that
	 * alone: an English question was read out with a Dutch voice. Its own words say its language, as a letter's do.
	 */
	@Test
	void theQuestionIsTaggedByItsOwnWords(@Autowired nl.briefwissel.trajectory.Intakes intakes) throws Exception {
		var running = fixtures.runningTrajectory(true);
		intakes.record(running.programmeId(), running.participant(), running.id(), new nl.briefwissel.trajectory.IntakeForm(
				running.participant().displayName(), running.participant().email(),
				"I would like to find out what the next step in my work should be, and how I can tell my manager.",
				"NEXT_STEP", new nl.briefwissel.trajectory.Intake.SelfCheck(nl.briefwissel.trajectory.Intake.Answer.YES,
						nl.briefwissel.trajectory.Intake.Answer.YES, nl.briefwissel.trajectory.Intake.Answer.YES), true, true, true),
				nl.briefwissel.trajectory.Intake.Source.INVITATION);

		var coach = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(coach.select(".bw-message__body:contains(the next step in my work)")).singleElement()
			.satisfies(question -> assertThat(question.attr("lang")).isEqualTo("en"));
	}

	/**
	 * A Dutch participant whose browser asks for English lays the cards of a Dutch deck: the letter is
	 * written in Dutch, their language, and kept as Dutch.
	 */
	@Test
	void theCardsLetterIsWrittenInTheParticipantsLanguageNotTheBrowsers(@Autowired Assignments assignments,
			@Autowired GivenAssignments given) throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment cards = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.COACH_CARDS))
			.stream().filter(a -> a.title().equals("Jouw top vijf waarden")).findFirst().orElseThrow();
		given.give(running.id(), cards.id(), conversations.coachWrites(running.id(), running.coach().id(), "Leg de kaarten."));
		UUID open = given.of(running.id()).get(0).id();

		mvc.perform(post("/participant/cards/{id}", open).with(csrf()).with(fixtures.as(running.participant()))
			.locale(Locale.ENGLISH).header("Accept-Language", "en")
			.param("place", "AUTONOMY", "GROWTH", "BALANCE", "MEANING", "LEARNING"))
			.andExpect(status().is3xxRedirection());

		Message answer = conversations.of(running.id()).stream().filter(m -> m.author() == Author.PARTICIPANT).findFirst().orElseThrow();
		assertThat(answer.body()).startsWith("Mijn top vijf coachkaarten").contains("1. Vrijheid").doesNotContain("Meaning");
		assertThat(answer.language()).isEqualTo(Locale.forLanguageTag("nl"));
	}

	/**
	 * Gmail and Outlook thread by subject: the letters keep the subject of the first after the participant
	 * switched language, and the closing summary's mail goes in the same thread, answering the last letter.
	 */
	@Test
	void theMailOfAConversationKeepsOneSubjectAndTheClosingMailAnswersTheLastLetter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID first = conversations.coachWrites(running.id(), running.coach().id(), "Welkom bij je e-coaching.");
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		UUID second = conversations.coachWrites(running.id(), running.coach().id(), "Welcome, in English from now on.");
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We found what gives you energy.").param("send", "true"))
			.andExpect(status().is3xxRedirection());

		String firstId = mailIdOf(first);
		String secondId = mailIdOf(second);
		String subject = "Je e-coaching met " + running.coach().displayName();
		assertThat(mail(firstId).get("subject")).isEqualTo(subject);
		assertThat(mail(secondId).get("subject")).isEqualTo(subject);
		Map<String, Object> closing = jdbc.sql("""
				select subject, in_reply_to, mail_references from outbound_mail
				where recipient = :to and reply_to is not null and message_id not in (:letters)""")
			.param("to", running.participant().email())
			.param("letters", List.of(firstId, secondId))
			.query()
			.singleRow();
		assertThat(closing.get("subject")).isEqualTo(subject);
		assertThat(closing.get("in_reply_to")).isEqualTo(secondId);
		assertThat(closing.get("mail_references")).isEqualTo(firstId + " " + secondId);
		// Its HTML part is titled with the subject that went, not with one of its own in the setting of today.
		String closingHtml = jdbc.sql("""
				select html_body, body_key_id from outbound_mail
				where recipient = :to and reply_to is not null and message_id not in (:letters)""")
			.param("to", running.participant().email())
			.param("letters", List.of(firstId, secondId))
			.query((rs, n) -> encryption.openText(rs.getString("body_key_id"), rs.getString("html_body")))
			.single();
		assertThat(Jsoup.parse(closingHtml).title()).isEqualTo(subject);
		assertThat(langOf(Jsoup.parse(closingHtml).selectFirst("title"))).as("a Dutch title in an English mail").isEqualTo("nl");
		assertThat(Jsoup.parse(closingHtml).selectFirst("html").attr("lang")).isEqualTo("en");
	}

	/**
	 * A walk found it: the mail of a Dutch letter to a participant set to English was marked English as a whole,
	 * the letter with it, and its HTML part was titled "Your e-coaching with…" under the subject "Je e-coaching
	 * met…" that went. The letter says its own language in the mail as on the page, the words around it stay in
	 * the participant's, and the title is the subject sent, marked with the thread's language.
	 */
	@Test
	void theMailOfALetterSaysTheLettersOwnLanguageAndIsTitledWithTheSubjectSent() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID welcome = conversations.coachWrites(running.id(), running.coach().id(),
				"Welkom! Ik ben blij dat je er bent en ik kijk uit naar je eerste brief.");
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		UUID dutch = conversations.coachWrites(running.id(), running.coach().id(),
				"Fijn om te lezen. Wat wil je deze week als eerste doen voor je doel?");
		UUID english = conversations.coachWrites(running.id(), running.coach().id(),
				"Thank you for your letter. I am happy to write in English with you from now on.");
		String subject = "Je e-coaching met " + running.coach().displayName();

		org.jsoup.nodes.Document first = Jsoup.parse(html(mailIdOf(welcome)));
		assertThat(langOf(first.selectFirst("p:containsOwn(Welkom!)"))).isEqualTo("nl");
		assertThat(first.title()).isEqualTo(subject);

		org.jsoup.nodes.Document dutchMail = Jsoup.parse(html(mailIdOf(dutch)));
		assertThat(langOf(dutchMail.selectFirst("p:containsOwn(Fijn om te lezen)"))).isEqualTo("nl");
		assertThat(dutchMail.selectFirst("html").attr("lang")).as("the words around the letter").isEqualTo("en");
		assertThat(langOf(dutchMail.select("a").last())).isEqualTo("en");
		assertThat(dutchMail.title()).isEqualTo(subject);
		assertThat(langOf(dutchMail.selectFirst("title"))).isEqualTo("nl");

		org.jsoup.nodes.Document englishMail = Jsoup.parse(html(mailIdOf(english)));
		assertThat(langOf(englishMail.selectFirst("p:containsOwn(Thank you for your letter)"))).isEqualTo("en");
		assertThat(englishMail.title()).isEqualTo(subject);
	}

	/**
	 * A Dutch letter whose mail failed, sent again by its coach after the participant chose English, is made again
	 * for today (the words around it in English) and still says the letter is Dutch: the language it is kept in,
	 * by the coach's button as by the service (decision 0097).
	 */
	@Test
	void aDutchLetterSentAgainAfterASwitchToEnglishStillSaysItIsDutch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		UUID letter = conversations.coachWrites(running.id(), running.coach().id(),
				"Fijn om te lezen. Wat wil je deze week als eerste doen voor je doel?");
		String messageId = mailIdOf(letter);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> "SENT".equals(jdbc
			.sql("select status from outbound_mail where message_id = :id").param("id", messageId).query(String.class).single()));
		// As the outbox leaves a mail after two days of a relay that was down.
		jdbc.sql("update outbound_mail set status = 'FAILED', attempts = 55, last_error = 'relay out of reach: MailConnectException' where message_id = :id")
			.param("id", messageId).update();
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();

		mvc.perform(post("/coach/trajectories/{id}/messages/{messageId}/send-again", running.id(), letter)
				.with(csrf()).with(fixtures.as(running.coach())))
			.andExpect(status().is3xxRedirection())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attributeExists("sentAgain"));

		org.jsoup.nodes.Document again = Jsoup.parse(html(messageId));
		assertThat(again.selectFirst("html").attr("lang")).as("made again: the words around the letter").isEqualTo("en");
		assertThat(langOf(again.selectFirst("p:containsOwn(Fijn om te lezen)"))).isEqualTo("nl");
	}

	/** The language an element is in: its own {@code lang}, else the nearest around it. */
	private static String langOf(Element element) {
		for (Element at = element; at != null; at = at.parent()) {
			if (at.hasAttr("lang")) {
				return at.attr("lang");
			}
		}
		return "";
	}

	private String html(String messageId) {
		return jdbc.sql("select html_body, body_key_id from outbound_mail where message_id = :id")
			.param("id", messageId)
			.query((rs, n) -> encryption.openText(rs.getString("body_key_id"), rs.getString("html_body")))
			.single();
	}

	/** The words decide only when they clearly say one language; a short or mixed letter is the participant's. */
	@Test
	void aShortOrMixedLetterIsInTheParticipantsLanguage() {
		Locale dutch = Locale.forLanguageTag("nl");
		assertThat(LetterLanguage.of("I think this is the right step for me, and I will tell my manager.", dutch))
			.isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Ik denk dat dit de goede stap is, en ik vertel het mijn leidinggevende.", Locale.ENGLISH))
			.isEqualTo(dutch);
		assertThat(LetterLanguage.of("Bedankt!", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Ik heb the plan and de doelen with you", dutch)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Ik heb the plan and de doelen with you", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
	}

	/**
	 * A short letter keeps the participant's language unless its words clearly say otherwise: "of" and "want"
	 * are Dutch too, "die", "van", "met", "ben" and "dan" English too, and "i.v.m." is no English "I". These
	 * came out English (or Dutch) on three words and a two-to-one majority, and a screen reader read them
	 * with the wrong voice.
	 */
	@Test
	void aShortLetterIsNotTakenForTheOtherLanguageByWordsBothHave() {
		Locale dutch = Locale.forLanguageTag("nl");
		assertThat(LetterLanguage.of("Maandag of dinsdag? Want woensdag lukt niet.", dutch)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Dan ben ik er. Van die tijd tot vier, of is dat te laat? Want dan moet ik weg.", dutch))
			.isEqualTo(dutch);
		assertThat(LetterLanguage.of("Het lukt niet i.v.m. werk, a.s. maandag wel. Do 12 mei kan ook.", dutch)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Met Ben and Dan in the van.", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Thanks, I will be there at ten.", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Yes, that works for me.", dutch)).isEqualTo(dutch);
		// Mixed, even at five words or more: no three-to-one majority, the participant's.
		assertThat(LetterLanguage.of("Ik vind the meeting with jou en de coach very goed", dutch)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Ik vind the meeting with jou en de coach very goed", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
		// Clearly the other language, also when short: five words of one, none of the other.
		assertThat(LetterLanguage.of("Thank you, I think that is fine with me.", dutch)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Dank je wel, ik vind dat het goed is zo.", Locale.ENGLISH)).isEqualTo(dutch);
	}

	/**
	 * A walk found Sanne's short Dutch thanks marked English: two of its words counted, too few, and it took the
	 * language of the letter before. The little words of a short thanks or yes tell it now, both ways; a few
	 * words or a mix still do not.
	 */
	@Test
	void aShortDutchOrEnglishSentenceIsToldByItsLittleWords() {
		Locale dutch = Locale.forLanguageTag("nl");
		assertThat(LetterLanguage.of("Dank je Anja, mooie samenvatting. Ik ga solliciteren!", Locale.ENGLISH)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Ja, dat is goed. Tot morgen!", Locale.ENGLISH)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Fijn, ik weet het nu. Groetjes!", Locale.ENGLISH)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Thanks, I'm looking forward to it!", dutch)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Yes, good, see you there!", dutch)).isEqualTo(Locale.ENGLISH);
		// As a phone types it, with the curly apostrophe.
		assertThat(LetterLanguage.of("I\u2019m fine, I don\u2019t mind. That\u2019s it!", dutch)).isEqualTo(Locale.ENGLISH);
		// Too few to tell: the fallback, or nothing where none is given.
		assertThat(LetterLanguage.of("Prima, tot dinsdag!", Locale.ENGLISH)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Prima, tot dinsdag!", null)).isNull();
		assertThat(LetterLanguage.of("Great, see you!", dutch)).isEqualTo(dutch);
		assertThat(LetterLanguage.of("Meer rust in mijn week", null)).isNull();
		// No word of the other language taken for one: English with "dank" or "tot" and Dutch with English loans.
		assertThat(LetterLanguage.of("The dank cellar was no place for a tot, you see, and it was cold.", null)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("Ik heb een meeting met de manager, die is goed gegaan.", null)).isEqualTo(dutch);
	}

	/**
	 * Where a short letter's words do not tell, the conversation's language is used only where it is sure: the
	 * latest letters of both in one language. After the participant's English letter to a coach who writes Dutch,
	 * a short Dutch one was stored as English; now it has no language, and no lang on either page.
	 */
	@Test
	void aShortLetterAfterTheConversationChangedLanguageHasNone() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(),
				"Welkom! Ik ben blij dat je er bent en ik kijk uit naar je eerste brief.");
		conversations.participantWrites(running.id(), running.participant().id(),
				"Sorry, I wrote this one in English because my partner will read it with me. I have a question about the plan.");
		conversations.participantWrites(running.id(), running.participant().id(), "Prima, tot dinsdag!");

		assertThat(conversations.of(running.id())).extracting(Message::language)
			.containsExactly(Locale.forLanguageTag("nl"), Locale.ENGLISH, null);
		assertThat(langs(mvc.perform(get("/participant/conversation").param("lang", "nl").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString())).containsExactly("", "en", "");
		assertThat(langs(mvc.perform(get("/participant/conversation").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString())).containsExactly("nl", "", "");
	}

	/**
	 * Sanne's thanks after her one English letter, in a conversation of English letters: its own words say Dutch.
	 */
	@Test
	void aShortDutchThanksAfterEnglishLettersIsDutch() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(),
				"Thank you for your letter. I am happy to write in English with you from now on.");
		conversations.participantWrites(running.id(), running.participant().id(),
				"Thanks, I think that is the right step for me and I will tell my manager about it.");
		conversations.participantWrites(running.id(), running.participant().id(), "Dank je Anja, mooie samenvatting. Ik ga solliciteren!");

		assertThat(conversations.of(running.id())).extracting(Message::language)
			.containsExactly(Locale.ENGLISH, Locale.ENGLISH, Locale.forLanguageTag("nl"));
		assertThat(langs(mvc.perform(get("/participant/conversation").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString())).containsExactly("", "", "nl");
	}

	/**
	 * Goals, the closing summary and the reaction keep no language: after the participant switched to English
	 * their Dutch goals and their coach's Dutch summary were marked English on the Dutch pages, and had no lang on
	 * the English ones. Their own words say it now; goals too short to tell have none.
	 */
	@Test
	void goalsTheSummaryAndTheReactionSayTheLanguageOfTheirOwnWords(@Autowired nl.briefwissel.trajectory.Trajectories trajectories)
			throws Exception {
		var running = fixtures.runningTrajectory(true);
		trajectories.changeGoals(running.id(), running.participant().id(),
				"Ik wil weten of ik een andere baan zoek, en wat ik daar nu al voor kan doen.");
		mvc.perform(post("/coach/trajectories/{id}/closing", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("summary", "We hebben samen gekeken naar wat je energie geeft. Je weet nu dat je wilt solliciteren, en hoe je dat aanpakt.")
			.param("send", "true"))
			.andExpect(status().is3xxRedirection());
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();
		mvc.perform(post("/participant/closing").with(csrf()).with(fixtures.as(running.participant()))
			.param("trajectory", running.id().toString()).param("reaction", "Dank je wel, ik ga het doen en ik laat je weten hoe het gaat."))
			.andExpect(status().is3xxRedirection());

		var dutchStart = Jsoup.parse(mvc.perform(get("/participant").param("lang", "nl").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(dutchStart.select("textarea[name=goals]")).singleElement().satisfies(goals -> assertThat(goals.hasAttr("lang")).isFalse());
		assertThat(dutchStart.select(".bw-closing .bw-message__body:contains(energie geeft)")).singleElement()
			.satisfies(summary -> assertThat(summary.hasAttr("lang")).isFalse());
		assertThat(dutchStart.select("textarea[name=reaction]")).singleElement().satisfies(reaction -> assertThat(reaction.hasAttr("lang")).isFalse());
		var englishStart = Jsoup.parse(mvc.perform(get("/participant").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(englishStart.select("textarea[name=goals]")).singleElement().satisfies(goals -> assertThat(goals.attr("lang")).isEqualTo("nl"));
		assertThat(englishStart.select(".bw-closing .bw-message__body:contains(energie geeft)")).singleElement()
			.satisfies(summary -> assertThat(summary.attr("lang")).isEqualTo("nl"));
		assertThat(englishStart.select("textarea[name=reaction]")).singleElement().satisfies(reaction -> assertThat(reaction.attr("lang")).isEqualTo("nl"));

		var coach = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(coach.select(".bw-message__body:contains(andere baan)")).singleElement().satisfies(goals -> assertThat(goals.hasAttr("lang")).isFalse());
		// Reacted to, the summary stands as text, no field (decision 0146).
		assertThat(coach.select(".bw-closing .bw-message__body:contains(energie geeft)")).singleElement()
			.satisfies(summary -> assertThat(summary.hasAttr("lang")).isFalse());
		assertThat(coach.select(".bw-closing .bw-message__body:contains(laat je weten)")).singleElement()
			.satisfies(reaction -> assertThat(reaction.hasAttr("lang")).isFalse());
		var coachInEnglish = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "en").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(coachInEnglish.select(".bw-closing .bw-message__body:contains(laat je weten)")).singleElement()
			.satisfies(reaction -> assertThat(reaction.attr("lang")).isEqualTo("nl"));

		var record = Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "nl").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(record.select(".bw-record__text:contains(andere baan)")).singleElement().satisfies(goals -> assertThat(goals.hasAttr("lang")).isFalse());
		assertThat(record.select(".bw-record__text:contains(energie geeft)")).singleElement()
			.satisfies(summary -> assertThat(summary.hasAttr("lang")).isFalse());
		var englishRecord = Jsoup.parse(mvc.perform(get("/participant/report").param("lang", "en").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(englishRecord.select(".bw-record__text:contains(laat je weten)")).singleElement()
			.satisfies(reaction -> assertThat(reaction.attr("lang")).isEqualTo("nl"));

		// Too short to tell: no lang, not the setting of today.
		trajectories.changeGoals(running.id(), running.participant().id(), "Meer rust");
		var shortGoals = Jsoup.parse(mvc.perform(get("/participant").param("lang", "nl").with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsString());
		assertThat(shortGoals.select("textarea[name=goals]")).singleElement().satisfies(goals -> assertThat(goals.hasAttr("lang")).isFalse());
	}

	/**
	 * The box the coach writes in is marked with the language the conversation is in, which spell-check follows:
	 * after the participant switched to English the coach writing on in Dutch had a box marked English; a
	 * conversation gone English has an English box on the coach's Dutch page, whatever the setting.
	 */
	@Test
	void theCoachsWriteBoxIsInTheConversationsLanguage() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(),
				"Welkom! Ik ben blij dat je er bent en ik kijk uit naar je eerste brief.");
		jdbc.sql("update account set preferred_language = 'en' where id = :id").param("id", running.participant().id()).update();

		var dutch = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(dutch.select("textarea#text")).singleElement().satisfies(box -> assertThat(box.hasAttr("lang")).isFalse());
		assertThat(dutch.select("textarea#summary")).singleElement().satisfies(box -> assertThat(box.hasAttr("lang")).isFalse());

		jdbc.sql("update account set preferred_language = 'nl' where id = :id").param("id", running.participant().id()).update();
		conversations.participantWrites(running.id(), running.participant().id(),
				"Sorry, I wrote this one in English because my partner will read it with me. I have a question about the plan.");
		var english = Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}", running.id()).param("lang", "nl").with(fixtures.as(running.coach())))
			.andReturn().getResponse().getContentAsString());
		assertThat(english.select("textarea#text")).singleElement().satisfies(box -> assertThat(box.attr("lang")).isEqualTo("en"));
		assertThat(english.select("textarea#summary")).singleElement().satisfies(box -> assertThat(box.attr("lang")).isEqualTo("en"));
	}

	/**
	 * Answers typed into the coach's letter by mail come with the coach's lines quoted around them: those are
	 * the coach's words, in the conversation's language, and must not outvote the participant's English answers.
	 */
	@Test
	void theCoachsQuotedLinesAroundInlineAnswersDoNotCount() {
		Locale dutch = Locale.forLanguageTag("nl");
		String letter = """
				> Hoe gaat het nu met je, en wat heb je deze week gedaan voor je doel?
				Good, thanks. I walked with my dog and it helped.
				> Wat wil je de coach nog vragen? Ik ben er voor je.
				Not much, to be honest.""";
		assertThat(LetterLanguage.of(letter, dutch)).isEqualTo(Locale.ENGLISH);
		assertThat(LetterLanguage.of("> Hoe gaat het nu met je, en wat heb je deze week gedaan?\nGoed!", Locale.ENGLISH))
			.isEqualTo(Locale.ENGLISH);
	}

	private String mailIdOf(UUID letter) {
		return jdbc.sql("select mail_message_id from message where id = :id").param("id", letter).query(String.class).single();
	}

	private Map<String, Object> mail(String messageId) {
		return jdbc.sql("select subject from outbound_mail where message_id = :id").param("id", messageId).query().singleRow();
	}

	private static List<String> langs(String page) {
		return Jsoup.parse(page).select("ol.bw-conversation .bw-message__body").stream().map(Element.class::cast)
			.map(body -> body.attr("lang")).toList();
	}
}
