package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.mail.EmbeddedMailServer;
import nl.briefwissel.mail.InboundMails;
import org.awaitility.Awaitility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The original mail lists every file that came with it, kept or not: an Outlook reply that read
 * 'Schermafdruk:' above a pasted small screenshot showed nothing after the colon, as the image was
 * taken for a signature's logo and dropped without a trace, and the files not kept were named nowhere
 * on this page either. Read from the raw mail each time the page opens, as its text is: nothing more is stored.
 */
@BriefwisselTest
class OriginalMailFilesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Test
	void theOriginalListsEveryFileOfTheMailAndWhetherItWasKeptWithTheLetter(@Autowired EmbeddedMailServer mailServer,
			@Autowired InboundMails inbound) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Hoe ziet je rooster eruit?");
		jakarta.mail.internet.MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(), mail -> true);
		String answer = "Schermafdruk " + UUID.randomUUID();
		String screenshot = Base64.getMimeEncoder().encodeToString(new byte[3000]);
		String cv = Base64.getMimeEncoder().encodeToString("%PDF-1.4 mijn cv".getBytes(StandardCharsets.US_ASCII));
		String program = Base64.getMimeEncoder().encodeToString(new byte[500]);
		byte[] raw = ("From: " + running.participant().email() + "\r\nTo: " + letter.getReplyTo()[0] + "\r\nSubject: Re: "
				+ letter.getSubject() + "\r\nIn-Reply-To: " + letter.getMessageID() + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"mixed\"\r\n\r\n"
				+ "--mixed\r\nContent-Type: multipart/related; boundary=\"related\"\r\n\r\n"
				+ "--related\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>" + answer + ":</p><p><img src=\"cid:image001.png@01DB\"></p>\r\n"
				+ "--related\r\nContent-Type: image/png; name=\"image001.png\"\r\nContent-Disposition: inline; filename=\"image001.png\"\r\n"
				+ "Content-ID: <image001.png@01DB>\r\nContent-Transfer-Encoding: base64\r\n\r\n" + screenshot + "\r\n--related--\r\n"
				+ "--mixed\r\nContent-Type: application/pdf; name=\"cv.pdf\"\r\nContent-Disposition: attachment; filename=\"cv.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n" + cv + "\r\n"
				+ "--mixed\r\nContent-Type: application/octet-stream; name=\"rooster.exe\"\r\nContent-Disposition: attachment; filename=\"rooster.exe\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n" + program + "\r\n--mixed--\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, running.participant().email(), List.of());
		UUID arrived = Awaitility.await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).stream().filter(m -> m.body() != null && m.body().startsWith(answer)).findFirst(),
					Optional::isPresent)
			.orElseThrow()
			.id();

		Document nl = original(running, arrived, "nl");
		assertThat(rows(nl)).containsExactly(
				List.of("cv.pdf", "application/pdf", "16 bytes", "Bewaard bij de brief"),
				List.of("rooster.exe", "application/octet-stream", "500 bytes", "Niet bewaard: een programma (.exe)."),
				List.of("image001.png", "image/png", "2,9 kB",
						"Niet bewaard: een kleine afbeelding in de tekst van de mail, zoals een logo in een handtekening. "
								+ "Was het een schermafdruk of foto, vraag de deelnemer dan die als bijlage opnieuw te sturen."));
		Document en = original(running, arrived, "en");
		assertThat(rows(en)).containsExactly(
				List.of("cv.pdf", "application/pdf", "16 bytes", "Kept with the letter"),
				List.of("rooster.exe", "application/octet-stream", "500 bytes", "Not kept: a program (.exe)."),
				List.of("image001.png", "image/png", "2.9 kB",
						"Not kept: a small image in the text of the mail, such as a logo in a signature. "
								+ "If it was a screenshot or a photo, ask the participant to send it again as an attachment."));
		assertThat(en.getElementById("original-files-title").text()).isEqualTo("Files in the mail");
	}

	@Test
	void aMailWithoutFilesSaysSo(@Autowired EmbeddedMailServer mailServer, @Autowired InboundMails inbound) throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie?");
		jakarta.mail.internet.MimeMessage letter = Mailboxes.awaitMail(mailServer, running.participant().email(), mail -> true);
		String answer = "Zonder bestanden " + UUID.randomUUID();
		byte[] raw = ("From: " + running.participant().email() + "\r\nTo: " + letter.getReplyTo()[0] + "\r\nSubject: Re: "
				+ letter.getSubject() + "\r\nIn-Reply-To: " + letter.getMessageID() + "\r\nMessage-ID: <" + UUID.randomUUID()
				+ "@example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + answer + "\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, running.participant().email(), List.of());
		UUID arrived = Awaitility.await().atMost(Duration.ofSeconds(15))
			.until(() -> conversations.of(running.id()).stream().filter(m -> answer.equals(m.body())).findFirst(), Optional::isPresent)
			.orElseThrow()
			.id();
		Document page = original(running, arrived, "nl");
		assertThat(page.getElementById("original-files")).isNull();
		assertThat(page.getElementById("original-no-files").text()).isEqualTo("Er zaten geen bestanden in de mail.");
	}

	private Document original(Fixtures.RunningTrajectory running, UUID message, String language) throws Exception {
		return Jsoup.parse(mvc.perform(get("/coach/trajectories/{id}/messages/{m}/original", running.id(), message)
			.param("lang", language)
			.with(fixtures.as(running.coach()))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private static List<List<String>> rows(Document page) {
		Element table = page.getElementById("original-files");
		assertThat(table).as("the table of files").isNotNull();
		return table.select("tbody tr").stream().map(row -> row.select("th, td").stream().map(Element::text).toList()).toList();
	}
}
