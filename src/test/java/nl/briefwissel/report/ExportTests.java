package nl.briefwissel.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.mail.MailAttachment;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The participant's export holds their whole record: the PDF, every attachment, and all data as JSON. */
@BriefwisselTest
class ExportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryLifecycle lifecycle;

	@Test
	void theExportZipHoldsTheRecordTheAttachmentsAndTheData() throws Exception {
		var running = fixtures.runningTrajectory(true);
		conversations.coachWrites(running.id(), running.coach().id(), "Wat geeft je energie in je werk?");
		byte[] photo = { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9 };
		conversations.participantWrites(running.id(), running.participant().id(), "Lesgeven geeft me energie, zie de foto.",
				List.of(MailAttachment.received("klas.jpg", "image/jpeg", new ByteArrayInputStream(photo))));

		lifecycle.extend(running.id(), running.coach().id(), 2, nl.briefwissel.trajectory.Reason.MORE_TIME_NEEDED,
				"Twee weken extra voor het sollicitatiegesprek");

		var response = mvc.perform(get("/participant/export").with(fixtures.as(running.participant()))).andReturn().getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("application/zip");
		Map<String, byte[]> entries = new HashMap<>();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.getContentAsByteArray()))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		assertThat(entries).containsKeys("gegevens.json", "traject-1/verslag.pdf");
		String json = new String(entries.get("gegevens.json"), StandardCharsets.UTF_8);
		assertThat(json).contains(running.participant().email()).contains("Lesgeven geeft me energie")
			.contains("Wat geeft je energie in je werk?").contains("klas.jpg")
			.contains("Twee weken extra voor het sollicitatiegesprek");
		assertThat(entries.entrySet()).anySatisfy(e -> {
			assertThat(e.getKey()).startsWith("traject-1/bijlagen/").endsWith("-klas.jpg");
			assertThat(e.getValue()).isEqualTo(photo);
		});
		try (PDDocument pdf = Loader.loadPDF(entries.get("traject-1/verslag.pdf"))) {
			assertThat(new PDFTextStripper().getText(pdf)).contains("Lesgeven geeft me energie");
		}
	}
}
