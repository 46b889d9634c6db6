package nl.briefwissel.mail;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar briefwissel.jar mail inspect FILE.eml}: prints as one JSON object what the
 * pipeline makes of a mail, without a database. Answers an administrator's "why did my reply look
 * like this?". Exit code 0 for a readable mail, 2 for a missing file or a mail that cannot be read,
 * 1 for wrong usage.
 */
public final class MailCommand {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private MailCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 3 || !"mail".equals(args[0]) || !"inspect".equals(args[1])) {
			err.println("Usage: java -jar briefwissel.jar mail inspect FILE.eml");
			return 1;
		}
		Path file = Path.of(args[2]);
		byte[] raw;
		try {
			if (!Files.isRegularFile(file)) {
				err.println("Cannot read " + file + ": no such file.");
				return 2;
			}
			raw = Files.readAllBytes(file);
		}
		catch (IOException | SecurityException e) {
			err.println("Cannot read " + file + ": " + e.getMessage());
			return 2;
		}
		ReadMail mail = MailReader.read(raw);
		out.println(JSON.writeValueAsString(describe(mail)));
		if (mail.kind() == MailKind.UNREADABLE) {
			err.println(file + " is not a mail Briefwissel can read: " + mail.problem());
			return 2;
		}
		return 0;
	}

	static Map<String, Object> describe(ReadMail mail) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", mail.kind().code());
		json.put("text", mail.text());
		json.put("attachments", mail.attachments().stream().map(MailCommand::describe).toList());
		json.put("replyToken", mail.replyToken());
		json.put("problem", mail.problem());
		json.put("messageId", mail.messageId());
		json.put("from", mail.from());
		json.put("subject", mail.subject());
		json.put("inReplyTo", mail.inReplyTo());
		json.put("references", mail.references());
		json.put("failedRecipient", mail.failedRecipient());
		json.put("cut", mail.cutText());
		return json;
	}

	private static Map<String, Object> describe(MailAttachment attachment) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", attachment.name());
		json.put("type", attachment.contentType());
		json.put("size", attachment.size());
		json.put("refused", attachment.refusal());
		return json;
	}
}
