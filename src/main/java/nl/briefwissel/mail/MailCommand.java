package nl.briefwissel.mail;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar briefwissel.jar mail inspect FILE.eml}: prints as one JSON object what the
 * pipeline makes of a mail, without a database. Answers an administrator's "why did my reply look
 * like this?". With {@code --conversations} it also reads, in the configuration's database (the same
 * environment as the application, read only, nothing migrated), which conversation each reply token of
 * the mail belongs to: a mail may go to two (decision 0059), and which one it landed in, or why neither,
 * starts there. Exit code 0 for a readable mail, 2 for a missing file, a mail that cannot be read or a
 * database that cannot be read, 1 for wrong usage.
 */
public final class MailCommand {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private static final String USAGE = "Usage: java -jar briefwissel.jar mail inspect FILE.eml [--conversations]"
			+ " (options before or after the file; database settings as --name=value)";

	/** What a token's conversation says when the database was not asked. */
	static final String NOT_LOOKED_UP = "not looked up (add --conversations)";

	/** What it says when no conversation has the token: never issued, or its conversation erased. */
	static final String UNKNOWN = "unknown";

	/**
	 * What it says when the database was asked and could not be read: "add --conversations" there read as
	 * if the option had been ignored.
	 */
	static final String NOT_READ = "not read: the database could not be read";

	private MailCommand() {
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length < 2 || !"mail".equals(args[0]) || !"inspect".equals(args[1])) {
			err.println(USAGE);
			return 1;
		}
		// Options before or after the file, as people type them: "--conversations FILE.eml" took the
		// option for the file's name and the file for a word not understood.
		boolean lookUp = false;
		List<String> settings = new ArrayList<>();
		List<String> files = new ArrayList<>();
		for (String arg : List.of(args).subList(2, args.length)) {
			if ("--conversations".equals(arg)) {
				lookUp = true;
			}
			else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
				settings.add(arg); // the database's settings, as the application takes them
			}
			else if (arg.startsWith("--")) {
				err.println("Not understood: '" + arg + "'. " + USAGE);
				return 1;
			}
			else {
				files.add(arg);
			}
		}
		if (files.isEmpty()) {
			err.println("No mail file given. " + USAGE);
			return 1;
		}
		if (files.size() > 1) {
			err.println("Not understood: '" + files.get(1) + "' (one mail file at a time). " + USAGE);
			return 1;
		}
		Path file = Path.of(files.get(0));
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
		Map<String, String> conversations = new LinkedHashMap<>();
		mail.replyTokens().forEach(token -> conversations.put(token, NOT_LOOKED_UP));
		boolean lookedUp = !lookUp || conversations.isEmpty() || lookUp(conversations, settings, err);
		if (!lookedUp) {
			conversations.replaceAll((token, none) -> NOT_READ);
		}
		out.println(JSON.writeValueAsString(describe(mail, conversations)));
		if (mail.kind() == MailKind.UNREADABLE) {
			err.println(file + " is not a mail Briefwissel can read: " + mail.problem());
			return 2;
		}
		return lookedUp ? 0 : 2;
	}

	/** Each token's conversation from the database, in a context with nothing else; false when it cannot be read. */
	private static boolean lookUp(Map<String, String> conversations, List<String> settings, PrintStream err) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandContext.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			// The JSON goes to standard output, where the log would write between its lines.
			.properties("logging.level.root=OFF")
			.run(settings.toArray(String[]::new))) {
			ReplyTokenConversations found = context.getBean(ReplyTokenConversations.class);
			conversations.replaceAll((token, none) -> found.conversationOf(token).map(Object::toString).orElse(UNKNOWN));
			return true;
		}
		catch (RuntimeException e) {
			Throwable cause = e;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			err.println("Cannot read the conversations from the database: " + cause.getMessage());
			return false;
		}
	}

	static Map<String, Object> describe(ReadMail mail) {
		return describe(mail, Map.of());
	}

	/** {@code conversations}: each reply token's conversation, or what says why there is none. */
	static Map<String, Object> describe(ReadMail mail, Map<String, String> conversations) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("kind", mail.kind().code());
		json.put("text", mail.text());
		json.put("attachments", mail.attachments().stream().map(MailCommand::describe).toList());
		json.put("replyToken", mail.replyToken());
		json.put("replyTokens", mail.replyTokens().stream().map(token -> {
			Map<String, Object> each = new LinkedHashMap<>();
			each.put("token", token);
			each.put("conversation", conversations.getOrDefault(token, NOT_LOOKED_UP));
			return each;
		}).toList());
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

	/**
	 * The database and the conversation module's answer to {@link ReplyTokenConversations}; nothing that
	 * migrates, sends mail, listens on a port or runs jobs. Deliberately not a {@code @Configuration}: the
	 * application's own component scan and {@code @SpringBootTest} must never pick it up.
	 */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			JdbcClientAutoConfiguration.class })
	@ComponentScan(basePackages = "nl.briefwissel", useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ReplyTokenConversations.class))
	static class CommandContext {
	}
}
