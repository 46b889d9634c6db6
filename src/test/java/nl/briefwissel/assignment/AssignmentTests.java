package nl.briefwissel.assignment;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The library as shipped and kept, and an assignment given, answered by mail with a photo, and in the record. */
@BriefwisselTest
class AssignmentTests {

	@Autowired
	MockMvc mvc;


	@Autowired
	Fixtures fixtures;

	@Autowired
	Assignments assignments;

	@Autowired
	nl.briefwissel.account.Accounts accounts;

	@Autowired
	GivenAssignments given;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	nl.briefwissel.conversation.Conversations conversations;

	@Test
	void theShippedLibraryCoversEveryTypeAndThemeInBothLanguages() {
		List<LibrarySeed.Entry> entries = LibrarySeed.read();
		assertThat(entries).hasSizeGreaterThanOrEqualTo(40);
		Map<String, Set<String>> languagesByKey = entries.stream()
			.collect(Collectors.groupingBy(LibrarySeed.Entry::key,
					Collectors.mapping(e -> e.draft().language().getLanguage(), Collectors.toSet())));
		assertThat(languagesByKey).hasSizeGreaterThanOrEqualTo(20).allSatisfy((key, languages) -> assertThat(languages)
			.as(key).containsExactlyInAnyOrder("nl", "en"));
		for (String language : List.of("nl", "en")) {
			List<Assignments.Draft> ofLanguage = entries.stream().map(LibrarySeed.Entry::draft)
				.filter(d -> d.language().getLanguage().equals(language)).toList();
			assertThat(ofLanguage.stream().map(Assignments.Draft::type).collect(Collectors.toSet()))
				.containsExactlyInAnyOrderElementsOf(EnumSet.allOf(AssignmentType.class));
			assertThat(ofLanguage.stream().flatMap(d -> d.themes().stream()).collect(Collectors.toSet())).containsExactlyInAnyOrder(
					"NEXT_STEP", "RETRAINING", "GROWTH", "GRIP", "SURPLUS", "MOVE_WITHIN", "NOT_SURE");
		}
		var coach = fixtures.runningTrajectory(true).coach();
		assertThat(assignments.forCoach(coach.id(), null)).hasSizeGreaterThanOrEqualTo(40);
		assertThat(assignments.forCoach(coach.id(), new Assignments.Search(null, "RETRAINING", AssignmentType.PHOTO)))
			.allSatisfy(a -> {
				assertThat(a.type()).isEqualTo(AssignmentType.PHOTO);
				assertThat(a.themes()).contains("RETRAINING");
			});
	}

	@Test
	void aPhotoAssignmentIsGivenAnsweredByMailWithAPhotoAndKeptInTheRecord() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment photo = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.PHOTO))
			.stream().filter(a -> a.language().getLanguage().equals("nl")).findFirst().orElseThrow();

		// Chosen on a page of its own, with the instructions to read first; choosing goes back to the letter.
		mvc.perform(get("/coach/trajectories/{id}/assignments", running.id()).param("type", "PHOTO").with(fixtures.as(running.coach())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(photo.title())))
			.andExpect(content().string(containsString("/coach/trajectories/" + running.id() + "?give=" + photo.id() + "#write")))
			.andExpect(content().string(not(containsString("Reflectie · "))));
		mvc.perform(get("/coach/trajectories/{id}", running.id()).param("give", photo.id().toString()).with(fixtures.as(running.coach())))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Opdracht: " + photo.title())))
			.andExpect(content().string(containsString("name=\"assignment\" value=\"" + photo.id() + "\"")));
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("text", "Beste,\n\nOpdracht: " + photo.title() + "\n\n" + photo.instructions())
			.param("assignment", photo.id().toString()))
			.andExpect(status().is3xxRedirection());
		assertThat(given.of(running.id())).singleElement().satisfies(g -> assertThat(g.answered()).isFalse());

		MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(), m -> true);
		assertThat(Mailboxes.text(letter)).contains(photo.title());
		MimeMessage reply = new MimeMessage(Mailboxes.smtp(mailServer));
		reply.setFrom(running.participant().email());
		reply.setRecipients(jakarta.mail.Message.RecipientType.TO, letter.getReplyTo());
		reply.setSubject("Re: " + letter.getSubject());
		MimeMultipart parts = new MimeMultipart();
		MimeBodyPart text = new MimeBodyPart();
		text.setText("Hier is mijn foto van de plek waar ik het best nadenk: de bank bij het raam.", "UTF-8");
		MimeBodyPart image = new MimeBodyPart();
		image.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(
				new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9 },
				"image/jpeg")));
		image.setFileName("denkplek.jpg");
		parts.addBodyPart(text);
		parts.addBodyPart(image);
		reply.setContent(parts);
		Transport.send(reply);

		await().until(() -> given.of(running.id()).get(0).answered());
		mvc.perform(get("/coach/trajectories/{id}", running.id()).with(fixtures.as(running.coach())))
			.andExpect(content().string(containsString("beantwoord op")));
		byte[] pdf = mvc.perform(get("/participant/report/{id}/pdf", running.id()).with(fixtures.as(running.participant())))
			.andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String pdfText = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
			assertThat(pdfText).contains("Opdrachten en antwoorden").contains(photo.title())
				.contains("de bank bij het raam").contains("denkplek.jpg");
		}
	}

	@Test
	void theChoicePageListsTheParticipantsLanguageFirstWithinTheFittingAndTheOtherAssignments() throws Exception {
		var running = fixtures.runningTrajectory(true);
		List<Assignment> library = assignments.forCoach(running.coach().id(), null);
		for (String language : List.of("nl", "en")) {
			accounts.changeLanguage(running.participant().id(), Locale.forLanguageTag(language));
			String page = mvc.perform(get("/coach/trajectories/{id}/assignments", running.id()).with(fixtures.as(running.coach())))
				.andExpect(status().isOk())
				.andReturn().getResponse().getContentAsString();
			// The trajectory's theme (NEXT_STEP) makes the first group; in each, the participant's language leads.
			for (boolean fitting : List.of(true, false)) {
				List<Integer> own = positions(page, library, fitting, language, true);
				List<Integer> other = positions(page, library, fitting, language, false);
				assertThat(own).as("%s, fitting %s", language, fitting).isNotEmpty();
				assertThat(other).as("%s, fitting %s", language, fitting).isNotEmpty();
				assertThat(own.stream().mapToInt(Integer::intValue).max().orElseThrow())
					.as("%s, fitting %s", language, fitting)
					.isLessThan(other.stream().mapToInt(Integer::intValue).min().orElseThrow());
			}
		}
	}

	/**
	 * For a Dutch participant "Past bij het thema" held 22 assignments: the 11 Dutch ones and their 11
	 * English twins. The theme's and the other group hold those in the participant's language; the rest
	 * stand under a heading of their own, and an assignment given in this trajectory says when.
	 */
	@Test
	void theChoicePageGroupsTheParticipantsLanguageApartAndMarksWhatWasGivenAlready() throws Exception {
		var running = fixtures.runningTrajectory(true);
		List<Assignment> library = assignments.forCoach(running.coach().id(), null);
		Assignment photo = library.stream().filter(a -> a.type() == AssignmentType.PHOTO && a.language().getLanguage().equals("nl"))
			.findFirst().orElseThrow();
		mvc.perform(post("/coach/trajectories/{id}/messages", running.id()).with(csrf()).with(fixtures.as(running.coach()))
			.param("text", "Beste,\n\nOpdracht: " + photo.title() + "\n\n" + photo.instructions())
			.param("assignment", photo.id().toString()))
			.andExpect(status().is3xxRedirection());
		for (String language : List.of("nl", "en")) {
			accounts.changeLanguage(running.participant().id(), Locale.forLanguageTag(language));
			for (String reader : List.of("nl", "en")) {
				org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/assignments", running.id())
						.param("lang", reader).with(fixtures.as(running.coach())))
					.andExpect(status().isOk())
					.andReturn().getResponse().getContentAsString());
				String as = "participant " + language + ", page " + reader;
				assertThat(cards(page, "fitting")).as(as).containsExactlyInAnyOrderElementsOf(ids(library, true, language, true));
				assertThat(cards(page, "others")).as(as).containsExactlyInAnyOrderElementsOf(ids(library, false, language, true));
				List<String> otherLanguage = new java.util.ArrayList<>(ids(library, true, language, false));
				otherLanguage.addAll(ids(library, false, language, false));
				assertThat(cards(page, "other-language")).as(as).containsExactlyInAnyOrderElementsOf(otherLanguage);
				String other = language.equals("nl") ? "en" : "nl";
				assertThat(page.getElementById("other-language").text()).as(as).isEqualTo(reader.equals("nl")
						? "In het " + (other.equals("en") ? "Engels" : "Nederlands")
						: "In " + (other.equals("en") ? "English" : "Dutch"));
				assertThat(page.getElementById("other-language").tagName()).isEqualTo("h2");

				org.jsoup.select.Elements givenMarks = page.select("article .bw-given");
				assertThat(givenMarks).as(as).hasSize(1);
				org.jsoup.nodes.Element mark = givenMarks.first();
				assertThat(mark.closest("article").attr("aria-labelledby")).isEqualTo("a-" + photo.id());
				assertThat(mark.text()).as(as).matches(reader.equals("nl") ? "Al gegeven in dit traject, op \\d{1,2} \\p{L}+ \\d{4}\\."
						: "Given in this trajectory already, on \\d{1,2} \\p{L}+ \\d{4}\\.");
				// Heard with the button that puts it in the letter, not only seen beside it.
				assertThat(mark.closest("article").selectFirst("a.utrecht-button-link").attr("aria-describedby"))
					.isEqualTo("a-" + photo.id() + " " + mark.id());
			}
		}
	}

	/** The ids of the cards under the h2 with this id, in the order they stand. */
	private static List<String> cards(org.jsoup.nodes.Document page, String heading) {
		org.jsoup.nodes.Element section = page.selectFirst("section[aria-labelledby=" + heading + "]");
		assertThat(section).as("the group headed #" + heading).isNotNull();
		return section.select("article h3").eachAttr("id").stream().map(id -> id.substring(2)).toList();
	}

	private static List<String> ids(List<Assignment> library, boolean fitting, String language, boolean inLanguage) {
		return library.stream()
			.filter(a -> a.themes().contains("NEXT_STEP") == fitting)
			.filter(a -> a.language().getLanguage().equals(language) == inLanguage)
			.map(a -> a.id().toString())
			.toList();
	}

	/** Where the cards of the fitting (or other) assignments in (or not in) a language stand on the page. */
	private static List<Integer> positions(String page, List<Assignment> library, boolean fitting, String language,
			boolean inLanguage) {
		return library.stream()
			.filter(a -> a.themes().contains("NEXT_STEP") == fitting)
			.filter(a -> a.language().getLanguage().equals(language) == inLanguage)
			.map(a -> page.indexOf("id=\"a-" + a.id() + "\""))
			.peek(at -> assertThat(at).isNotNegative())
			.toList();
	}

	@Test
	void coachesKeepTheirOwnAndAdministratorsTheSharedLibrary() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Account coach = running.coach();
		mvc.perform(post("/coach/assignments").with(csrf()).with(fixtures.as(coach)).param("title", "Mijn eigen opdracht")
			.param("type", "FREE").param("minutes", "20").param("language", "nl").param("themes", "GRIP", "ONBEKEND")
			.param("instructions", "Schrijf **drie** dingen op.<script>alert(1)</script>"))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		Assignment own = assignments.forCoach(coach.id(), new Assignments.Search("Mijn eigen opdracht", null, null)).get(0);
		assertThat(own.ownerId()).isEqualTo(coach.id());
		assertThat(own.themes()).containsExactly("GRIP");
		mvc.perform(get("/coach/assignments").param("q", "Mijn eigen opdracht").with(fixtures.as(coach)))
			.andExpect(content().string(containsString("<strong>drie</strong>")))
			.andExpect(content().string(not(containsString("<script>alert"))));

		var otherRunning = fixtures.runningTrajectory(true);
		Account otherCoach = otherRunning.coach();
		assertThat(assignments.forCoach(otherCoach.id(), new Assignments.Search("Mijn eigen opdracht", null, null))).isEmpty();
		// The choice page of a conversation: the coach's own among the library, not another coach's.
		mvc.perform(get("/coach/trajectories/{id}/assignments", running.id()).with(fixtures.as(coach)))
			.andExpect(content().string(containsString("Mijn eigen opdracht")))
			.andExpect(content().string(containsString("give=" + own.id())));
		mvc.perform(get("/coach/trajectories/{id}/assignments", otherRunning.id()).with(fixtures.as(otherCoach)))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("Mijn eigen opdracht"))));
		mvc.perform(get("/coach/trajectories/{id}/assignments", running.id()).with(fixtures.as(otherCoach)))
			.andExpect(status().isNotFound());
		mvc.perform(post("/coach/assignments/{id}/archive", own.id()).with(csrf()).with(fixtures.as(otherCoach)).param("archived", "true"))
			.andExpect(status().isNotFound());
		mvc.perform(post("/coach/assignments/{id}/archive", own.id()).with(csrf()).with(fixtures.as(coach)).param("archived", "true"))
			.andExpect(flash().attribute("saved", "assignments.archived"));
		assertThat(assignments.forCoach(coach.id(), new Assignments.Search("Mijn eigen opdracht", null, null))).isEmpty();
		// Not to choose from any more, but still on the coach's own library page, to put back.
		mvc.perform(get("/coach/assignments").param("q", "Mijn eigen opdracht").with(fixtures.as(coach)))
			.andExpect(content().string(containsString("Mijn eigen opdracht")))
			.andExpect(content().string(containsString("name=\"archived\" value=\"false\"")));
		mvc.perform(post("/coach/assignments/{id}/archive", own.id()).with(csrf()).with(fixtures.as(coach)).param("archived", "false"))
			.andExpect(flash().attribute("saved", "assignments.restored"));
		assertThat(assignments.forCoach(coach.id(), new Assignments.Search("Mijn eigen opdracht", null, null))).hasSize(1);
		mvc.perform(post("/coach/assignments/{id}/archive", own.id()).with(csrf()).with(fixtures.as(coach)).param("archived", "true"));
		mvc.perform(get("/coach/trajectories/{id}/assignments", running.id()).with(fixtures.as(coach)))
			.andExpect(content().string(not(containsString("Mijn eigen opdracht"))));

		var refused = mvc.perform(post("/coach/assignments").with(csrf()).with(fixtures.as(coach)).param("title", "")
			.param("minutes", "99999999999").param("type", "REFLECTION").param("language", "nl")
			.param("instructions", "Lange instructies die niet verloren mogen gaan."))
			.andExpect(flash().attributeExists("formErrors"))
			.andReturn();
		// Shown again as typed, with what is wrong in the coach's language (also for a number too large to read).
		String again = mvc.perform(get("/coach/assignments").with(fixtures.as(coach)).cookie(refused.getResponse().getCookies()))
			.andReturn().getResponse().getContentAsString();
		assertThat(again).contains(">Lange instructies die niet verloren mogen gaan.</textarea>")
			.doesNotContain("Failed to convert").doesNotContain("NumberFormatException");
		// Said at the new assignment's form, where the page opens, the wrong fields marked and tied to it.
		assertThat(refused.getResponse().getRedirectedUrl()).endsWith("#new-errors");
		org.jsoup.nodes.Document form = org.jsoup.Jsoup.parse(again);
		assertThat(form.getElementById("new-errors").hasAttr("autofocus")).isTrue();
		// A number that cannot be read no longer stops the rest of the check: the empty title is said at once too.
		assertThat(form.getElementById("new-minutes").attr("aria-invalid")).isEqualTo("true");
		// Tied to its own sentence, not to the whole summary (which read every error out at every field).
		assertThat(form.getElementById("new-minutes").attr("aria-describedby")).isEqualTo("new-minutes-error");
		assertThat(form.getElementById("new-title").attr("aria-invalid")).isEqualTo("true");
		assertThat(form.getElementById("new-instructions").attr("aria-invalid")).isEmpty();

		// 8,000 characters as the browser's field counts them, sent with CR LF line breaks (8,020 bytes of text).
		String filled = ("x".repeat(399) + "\r\n").repeat(20);
		mvc.perform(post("/coach/assignments").with(csrf()).with(fixtures.as(coach)).param("title", "Vol tot de laatste letter")
			.param("type", "REFLECTION").param("minutes", "15").param("language", "nl").param("instructions", filled))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(assignments.forCoach(coach.id(), new Assignments.Search("Vol tot de laatste letter", null, null)))
			.singleElement().satisfies(a -> assertThat(a.instructions()).isEqualTo(filled.replace("\r\n", "\n").strip()));

		Account admin = fixtures.person(running.organisationId(), "beheer-" + UUID.randomUUID() + "@example.nl", "Beheer",
				Role.ADMINISTRATOR);
		mvc.perform(post("/admin/assignments").with(csrf()).with(fixtures.as(admin)).param("title", "Gedeelde opdracht " + own.id())
			.param("type", "REFLECTION").param("minutes", "15").param("language", "en").param("instructions", "Write."))
			.andExpect(flash().attribute("saved", "assignments.saved"));
		assertThat(assignments.forCoach(otherCoach.id(), new Assignments.Search("Gedeelde opdracht " + own.id(), null, null)))
			.singleElement().satisfies(a -> assertThat(a.language()).isEqualTo(Locale.ENGLISH));
		mvc.perform(post("/admin/assignments").with(csrf()).with(fixtures.as(coach)).param("title", "x")).andExpect(status().isForbidden());
		mvc.perform(get("/admin/assignments").with(fixtures.as(admin))).andExpect(status().isOk());
	}



	@Test
	void aPhotoUploadedOnTheWebAnswersTooAndProgramsAreRefused() throws Exception {
		var running = fixtures.runningTrajectory(true);
		Assignment photo = assignments.forCoach(running.coach().id(), new Assignments.Search(null, null, AssignmentType.PHOTO))
			.get(0);
		given.give(running.id(), photo.id(), conversations.coachWrites(running.id(), running.coach().id(), "Maak een foto."));
		mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/participant/conversation")
			.file(new org.springframework.mock.web.MockMultipartFile("files", "mijn plek.jpg", "image/jpeg",
					new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 }))
			.file(new org.springframework.mock.web.MockMultipartFile("files", "virus.exe", "application/octet-stream",
					new byte[] { 'M', 'Z' }))
			.param("text", "Hier is de foto van mijn plek.")
			.with(csrf()).with(fixtures.as(running.participant())))
			.andExpect(status().is3xxRedirection());
		assertThat(given.of(running.id()).get(0).answered()).isTrue();
		var answer = conversations.of(running.id()).stream()
			.filter(m -> m.author() == nl.briefwissel.conversation.Author.PARTICIPANT).findFirst().orElseThrow();
		assertThat(answer.attachments()).extracting(nl.briefwissel.conversation.Attachment::fileName)
			.containsExactlyInAnyOrder("mijn plek.jpg", "virus.exe");
		assertThat(answer.attachments()).filteredOn(a -> a.fileName().equals("virus.exe"))
			.singleElement().satisfies(a -> assertThat(a.available()).isFalse());
		assertThat(photo.asLetterText("Opdracht", "")).doesNotContain("**").doesNotContain("](");
	}

	@Test
	void aHeadingInACoachsOwnAssignmentIsABoldLineOnThePageAndAPlainLineInTheLetter() {
		String instructions = "## Stap 1 ##\nSchrijf je beste werkdag op.\n\n### Stap 2\nLees het terug.";
		assertThat(new Markdown().html(instructions)).contains("<p><strong>Stap 1</strong></p>", "<p><strong>Stap 2</strong></p>")
			.doesNotContain("<h2", "<h3");
		var assignment = new Assignment(java.util.UUID.randomUUID(), null, "Twee stappen", instructions,
				AssignmentType.REFLECTION, java.util.List.of(), 20, java.util.Locale.forLanguageTag("nl"), false);
		assertThat(assignment.asLetterText("Opdracht", "Dit kost je 20 minuten."))
			.contains("\nStap 1\nSchrijf je beste werkdag op.", "\nStap 2\nLees het terug.")
			.doesNotContain("#");
	}
}
