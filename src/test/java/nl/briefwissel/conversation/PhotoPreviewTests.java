package nl.briefwissel.conversation;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.imageio.ImageIO;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.mail.MailAttachment;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A photo assignment's answers are seen where they are read: a small preview of each photo in the
 * letter, on the coach's page and the participant's, linking to the photo itself. What a file is
 * shown as comes from its bytes, never from what the sender said it was.
 */
@BriefwisselTest
class PhotoPreviewTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	JdbcClient jdbc;

	/**
	 * The box a preview takes before its photo has loaded: without it a lazy photo that loads while the page is
	 * read pushes the letters below it down (layout shift). The style sheet fits the photo inside it.
	 */
	private static final String BOX = " width=\"192\" height=\"144\"";

	@Test
	void photosFromTheWebFormAreShownAsWhatTheirBytesAreAndPreviewedInTheLetter() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor participant = fixtures.as(running.participant());
		RequestPostProcessor coach = fixtures.as(running.coach());
		byte[] jpeg = image("jpg");
		byte[] png = image("png");
		byte[] html = "<!doctype html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII);
		mvc.perform(multipart("/participant/conversation")
			.file(new MockMultipartFile("files", "werkplek.jpg", "image/jpeg", jpeg))
			.file(new MockMultipartFile("files", "scan.png", "application/octet-stream", png))
			.file(new MockMultipartFile("files", "page.png", "image/png", html))
			.file(new MockMultipartFile("files", "setup.exe", "image/jpeg", jpeg))
			.param("text", "Mijn werkplek.").param("submission", UUID.randomUUID().toString())
			.with(csrf()).with(participant)).andExpect(status().is3xxRedirection());
		UUID photo = file(running.id(), "werkplek.jpg");
		UUID scan = file(running.id(), "scan.png");
		UUID page = file(running.id(), "page.png");
		UUID program = file(running.id(), "setup.exe");
		assertThat(type(photo)).isEqualTo("image/jpeg");
		assertThat(type(scan)).isEqualTo("image/png");
		assertThat(type(page)).isEqualTo("application/octet-stream");

		String coachFiles = "/coach/trajectories/" + running.id() + "/attachments/";
		String participantFiles = "/participant/attachments/" + running.id() + "/";
		assertInline(download(coachFiles + photo, coach), "image/jpeg", jpeg);
		assertInline(download(participantFiles + photo, participant), "image/jpeg", jpeg);
		assertInline(download(coachFiles + scan, coach), "image/png", png);
		MockHttpServletResponse hostile = download(coachFiles + page, coach);
		assertThat(hostile.getContentType()).isEqualTo("application/octet-stream");
		assertThat(hostile.getHeader("Content-Disposition")).startsWith("attachment");
		assertThat(hostile.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");

		String coachPage = page("/coach/trajectories/" + running.id(), coach);
		// One link per file, its name its name; the photo small inside it, from the preview address.
		assertThat(coachPage)
			.contains("<a class=\"utrecht-link\" href=\"" + coachFiles + photo + "\"><img class=\"bw-attachment__photo\" src=\""
					+ coachFiles + photo + "/preview\"" + BOX + " alt=\"\" loading=\"lazy\" decoding=\"async\"> werkplek.jpg (")
			.contains("src=\"" + coachFiles + scan + "/preview\"")
			.doesNotContain("src=\"" + coachFiles + page + "/preview\"").contains(coachFiles + page + "\">page.png (")
			.doesNotContain(program.toString()).contains("setup.exe: niet bewaard");
		String participantPage = page("/participant/conversation?trajectory=" + running.id(), participant);
		assertThat(participantPage)
			.contains("<a class=\"utrecht-link\" href=\"" + participantFiles + photo
					+ "\"><img class=\"bw-attachment__photo\" src=\"" + participantFiles + photo
					+ "/preview\"" + BOX + " alt=\"\" loading=\"lazy\" decoding=\"async\"> werkplek.jpg (")
			.doesNotContain("src=\"" + participantFiles + page + "/preview\"")
			.doesNotContain(coachFiles);
	}

	/**
	 * The preview is the photo without an audit entry: the conversation page that shows it is on the trail, and an entry
	 * per photo on every view read as if each had been opened on purpose. Opening the photo is on the trail; a file that
	 * is no photo has no preview; another trajectory's file none either.
	 */
	@Test
	void thePreviewIsThePhotoWithoutAnAuditEntryAndOnlyForAPhoto() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		byte[] jpeg = image("jpg");
		mvc.perform(multipart("/participant/conversation")
			.file(new MockMultipartFile("files", "bureau.jpg", "image/jpeg", jpeg))
			.file(new MockMultipartFile("files", "cv.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))
			.param("text", "Mijn plek").param("submission", UUID.randomUUID().toString())
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());
		UUID photo = file(running.id(), "bureau.jpg");
		UUID pdf = file(running.id(), "cv.pdf");
		String files = "/coach/trajectories/" + running.id() + "/attachments/";
		RequestPostProcessor coach = fixtures.as(running.coach());

		long before = audited(running.id());
		assertInline(download(files + photo + "/preview", coach), "image/jpeg", jpeg);
		assertInline(download("/participant/attachments/" + running.id() + "/" + photo + "/preview", fixtures.as(running.participant())),
				"image/jpeg", jpeg);
		assertThat(audited(running.id())).as("no entry for a preview").isEqualTo(before);
		download(files + photo, coach);
		assertThat(audited(running.id())).as("one for opening it").isEqualTo(before + 1);

		mvc.perform(get(files + pdf + "/preview").with(coach)).andExpect(status().isNotFound());
		mvc.perform(get(files + photo + "/preview").with(fixtures.as(other.coach()))).andExpect(status().isNotFound());
		mvc.perform(get("/participant/attachments/" + running.id() + "/" + photo + "/preview").with(fixtures.as(other.participant())))
			.andExpect(status().isNotFound());
	}

	private long audited(UUID trajectory) {
		return jdbc.sql("select count(*) from audit_entry where trajectory_id = :t").param("t", trajectory).query(Long.class).single();
	}

	/**
	 * Files kept before their type was read from their bytes: a JPEG that came as
	 * application/octet-stream is shown as the photo it is, an HTML page kept as image/png is a download.
	 */
	@Test
	void aFileIsServedAsWhatItsBytesAreWhateverTypeItWasKeptWith() throws Exception {
		var running = fixtures.runningTrajectory(true);
		RequestPostProcessor coach = fixtures.as(running.coach());
		byte[] jpeg = image("jpg");
		byte[] html = "<html><body onload=alert(1)>".getBytes(StandardCharsets.US_ASCII);
		mvc.perform(multipart("/participant/conversation")
			.file(new MockMultipartFile("files", "IMG_0001.jpg", "image/jpeg", jpeg))
			.file(new MockMultipartFile("files", "oud.png", "text/html", html))
			.param("text", "Foto's").param("submission", UUID.randomUUID().toString())
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());
		UUID photo = file(running.id(), "IMG_0001.jpg");
		UUID old = file(running.id(), "oud.png");
		jdbc.sql("update message_attachment set content_type = 'application/octet-stream' where id = :id").param("id", photo).update();
		jdbc.sql("update message_attachment set content_type = 'image/png' where id = :id").param("id", old).update();

		String files = "/coach/trajectories/" + running.id() + "/attachments/";
		assertInline(download(files + photo, coach), "image/jpeg", jpeg);
		MockHttpServletResponse hostile = download(files + old, coach);
		assertThat(hostile.getContentType()).isEqualTo("application/octet-stream");
		assertThat(hostile.getHeader("Content-Disposition")).startsWith("attachment");
		assertThat(hostile.getContentAsByteArray()).isEqualTo(html);
	}

	/**
	 * The preview's box is fixed in the style sheet as well, the photo fitted inside it (not stretched, not cut), so the
	 * page does not move as the photos load, whatever their size.
	 */
	@Test
	void thePreviewHasAFixedBoxThePhotoIsFittedIn() throws Exception {
		String css = mvc.perform(get("/css/briefwissel.css")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		String rule = css.substring(css.indexOf(".bw-attachment__photo {"));
		rule = rule.substring(0, rule.indexOf('}'));
		assertThat(rule).contains("object-fit: contain").contains("inline-size: 12rem").contains("block-size: 9rem")
			.doesNotContain("inline-size: auto").doesNotContain("block-size: auto");
	}

	/**
	 * A letter's files are listed by name as a person reads it, whatever the case of its first letter: "b.pdf"
	 * stood after "Z.pdf", as the database orders bytes.
	 */
	@Test
	void aLettersFilesAreListedByNameWhateverTheirCase() throws Exception {
		var running = fixtures.runningTrajectory(true);
		byte[] pdf = "%PDF-1.4".getBytes(StandardCharsets.US_ASCII);
		mvc.perform(multipart("/participant/conversation")
			.file(new MockMultipartFile("files", "Zomer.pdf", "application/pdf", pdf))
			.file(new MockMultipartFile("files", "begin.pdf", "application/pdf", pdf))
			.file(new MockMultipartFile("files", "Afspraken.pdf", "application/pdf", pdf))
			.file(new MockMultipartFile("files", "écht.pdf", "application/pdf", pdf))
			.param("text", "Vier bestanden").param("submission", UUID.randomUUID().toString())
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());

		for (String[] reader : new String[][] { { "/coach/trajectories/" + running.id(), "coach" },
				{ "/participant/conversation?trajectory=" + running.id(), "participant" } }) {
			var who = reader[1].equals("coach") ? fixtures.as(running.coach()) : fixtures.as(running.participant());
			org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(page(reader[0], who));
			assertThat(page.select(".bw-attachments li a")).as(reader[1])
				.extracting(link -> link.text().substring(0, link.text().indexOf(" (")))
				.containsExactly("Afspraken.pdf", "begin.pdf", "écht.pdf", "Zomer.pdf");
		}
	}

	/**
	 * Files of the same name (a phone sends every photo as image.jpg) stood in no order of their own: the page
	 * and the mail could list them differently from one reading to the next. Ties go by the file's id.
	 */
	@Test
	void filesOfTheSameNameAreListedByTheirId() {
		UUID message = UUID.randomUUID();
		Attachment later = new Attachment(UUID.fromString("ffffffff-0000-0000-0000-000000000000"), message, "image.jpg", "image/jpeg", 1, null);
		Attachment earlier = new Attachment(UUID.fromString("00000000-0000-0000-0000-000000000001"), message, "image.jpg", "image/jpeg", 1, null);
		Attachment first = new Attachment(UUID.randomUUID(), message, "begin.pdf", "application/pdf", 1, null);
		Attachment last = new Attachment(UUID.randomUUID(), message, "Zomer.pdf", "application/pdf", 1, null);
		assertThat(java.util.stream.Stream.of(last, later, first, earlier).sorted(Messages.AS_LISTED).toList())
			.containsExactly(first, earlier, later, last);
	}

	/** The failed mail's notice names the files kept, as the letter lists them: by name, not the database's order. */
	@Test
	@org.springframework.transaction.annotation.Transactional
	void theFilesAMailNamesAreThoseKeptInTheLettersOrder(@Autowired Messages messages) {
		var running = fixtures.runningTrajectory(true);
		byte[] pdf = "%PDF-1.4".getBytes(StandardCharsets.US_ASCII);
		UUID letter = messages.add(running.id(), running.participant().id(), Author.PARTICIPANT, MessageKind.MESSAGE, "Drie bestanden",
				Channel.WEB, null, java.util.List.of(new MailAttachment("Zomer.pdf", "application/pdf", pdf.length, pdf, null),
						new MailAttachment("begin.pdf", "application/pdf", pdf.length, pdf, null),
						new MailAttachment("Afspraken.pdf", "application/pdf", pdf.length, null, "te groot"),
						new MailAttachment("écht.pdf", "application/pdf", pdf.length, pdf, null)));
		assertThat(messages.acceptedFileNames(letter)).containsExactly("begin.pdf", "écht.pdf", "Zomer.pdf");
	}

	/** A photo that was not kept (too big) has nothing to preview: its name and why, no image. */
	@Test
	void aRefusedPhotoGetsNoPreview() throws Exception {
		var running = fixtures.runningTrajectory(true);
		byte[] big = new byte[15 * 1024 * 1024 + 10];
		System.arraycopy(image("jpg"), 0, big, 0, 3);
		mvc.perform(multipart("/participant/conversation")
			.file(new MockMultipartFile("files", "groot.jpg", "image/jpeg", big))
			.param("text", "Een grote foto").param("submission", UUID.randomUUID().toString())
			.with(csrf()).with(fixtures.as(running.participant()))).andExpect(status().is3xxRedirection());
		assertThat(type(file(running.id(), "groot.jpg"))).isEqualTo("image/jpeg");

		String coachPage = page("/coach/trajectories/" + running.id(), fixtures.as(running.coach()));
		assertThat(coachPage).contains("groot.jpg: niet bewaard").doesNotContain("bw-attachment__photo");
		assertThat(page("/participant/conversation?trajectory=" + running.id(), fixtures.as(running.participant())))
			.contains("groot.jpg: niet bewaard").doesNotContain("bw-attachment__photo");
	}

	private static void assertInline(MockHttpServletResponse response, String type, byte[] content) {
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo(type);
		assertThat(response.getHeader("Content-Disposition")).startsWith("inline");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("Content-Security-Policy")).isEqualTo("default-src 'none'; sandbox");
		assertThat(response.getContentAsByteArray()).isEqualTo(content);
	}

	private MockHttpServletResponse download(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andReturn().getResponse();
	}

	private String page(String path, RequestPostProcessor who) throws Exception {
		return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private UUID file(UUID trajectory, String name) {
		return jdbc.sql("""
				select a.id from message_attachment a join message m on m.id = a.message_id
				where m.trajectory_id = :t and a.file_name = :name""").param("t", trajectory).param("name", name)
			.query(UUID.class).single();
	}

	private String type(UUID file) {
		return jdbc.sql("select content_type from message_attachment where id = :id").param("id", file).query(String.class).single();
	}

	/** A real image of two by two pixels, as ImageIO writes it. */
	private static byte[] image(String format) throws IOException {
		BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).isTrue();
		return out.toByteArray();
	}
}
