package nl.briefwissel.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import nl.briefwissel.account.Account;
import nl.briefwissel.conversation.Attachment;
import nl.briefwissel.conversation.Conversations;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.trajectory.TrajectoryOverview;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * Everything Briefwissel keeps about a participant, as one ZIP (AVG article 15 and 20): per
 * trajectory the PDF record and every attachment, and all data as JSON in a plain structure that
 * other software can read.
 */
@Service
public class ParticipantExport {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Reports reports;

	private final ReportPdf pdf;

	private final Conversations conversations;

	ParticipantExport(Reports reports, ReportPdf pdf, Conversations conversations) {
		this.reports = reports;
		this.pdf = pdf;
		this.conversations = conversations;
	}

	public byte[] zip(Account participant, List<TrajectoryOverview> trajectories, Locale language) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("account", Map.of("name", participant.displayName(), "email", participant.email(), "language",
					participant.language().getLanguage()));
			List<Map<String, Object>> exported = new java.util.ArrayList<>();
			int number = 0;
			for (TrajectoryOverview trajectory : trajectories) {
				number++;
				String folder = "traject-" + number + "/";
				TrajectoryReport report = reports.of(trajectory, language);
				if (trajectory.startedOn() != null) {
					add(zip, folder + "verslag.pdf", pdf.render(report, language));
				}
				for (Message message : report.correspondence()) {
					for (Attachment attachment : message.attachments()) {
						if (attachment.available()) {
							byte[] content = conversations.attachmentContent(attachment.id()).orElse(new byte[0]);
							add(zip, folder + "bijlagen/" + shortId(attachment.id()) + "-" + attachment.fileName(), content);
						}
					}
				}
				exported.add(trajectoryData(report));
			}
			data.put("trajectories", exported);
			add(zip, "gegevens.json", JSON.writeValueAsBytes(data));
		}
		catch (IOException e) {
			throw new UncheckedIOException("The export could not be written", e);
		}
		return bytes.toByteArray();
	}

	private static Map<String, Object> trajectoryData(TrajectoryReport report) {
		TrajectoryOverview t = report.trajectory();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("programme", t.programmeName());
		data.put("coach", t.coachName());
		data.put("status", t.status().name());
		data.put("theme", report.themeLabel());
		data.put("startedOn", t.startedOn() == null ? null : t.startedOn().toString());
		data.put("endedOn", t.endedOn() == null ? null : t.endedOn().toString());
		data.put("question", report.question());
		data.put("goals", report.goals());
		data.put("changes", report.changes().stream().map(c -> {
			Map<String, Object> change = new LinkedHashMap<>();
			change.put("at", c.at().toString());
			change.put("from", c.from().name());
			change.put("to", c.to().name());
			change.put("reason", c.reason().name());
			change.put("why", c.why()); // in the coach's words, as the PDF shows it
			return change;
		}).toList());
		data.put("assignments", report.assignments().stream().map(a -> {
			Map<String, Object> given = new LinkedHashMap<>();
			given.put("title", a.given().title());
			given.put("givenAt", a.given().givenAt().toString());
			given.put("answeredAt", a.given().answeredAt() == null ? null : a.given().answeredAt().toString());
			return given;
		}).toList());
		data.put("highlights", report.highlights().stream().map(h -> Map.of("passage", h.passage(), "markedAt",
				h.markedAt().toString())).toList());
		if (report.closing() != null) {
			Map<String, Object> closing = new LinkedHashMap<>();
			closing.put("summary", report.closing().summary());
			closing.put("reaction", report.closing().reaction());
			data.put("closing", closing);
		}
		data.put("messages", report.correspondence().stream().map(m -> {
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("from", m.authorName());
			message.put("role", m.author().name());
			message.put("at", m.createdAt().toString());
			message.put("channel", m.channel().name());
			message.put("text", m.body());
			message.put("attachments", m.attachments().stream().map(Attachment::fileName).toList());
			return message;
		}).toList());
		return data;
	}

	private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
		zip.putNextEntry(new ZipEntry(name));
		zip.write(content);
		zip.closeEntry();
	}

	private static String shortId(UUID id) {
		return id.toString().substring(0, 8);
	}
}
