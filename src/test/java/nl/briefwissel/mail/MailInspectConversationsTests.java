package nl.briefwissel.mail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.trajectory.ConversationAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mail inspect --conversations} on the application's database: each reply token of a mail with the
 * conversation it belongs to, or "unknown", so an administrator sees where a mail to two addresses could go.
 */
@BriefwisselTest
class MailInspectConversationsTests {

	@TempDir
	Path folder;

	@Autowired
	Fixtures fixtures;

	@Autowired
	ConversationAddress addresses;

	@Value("${spring.datasource.url}")
	String url;

	@Value("${spring.datasource.username:}")
	String user;

	@Value("${spring.datasource.password:}")
	String password;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void eachReplyTokenIsListedWithItsConversationOrUnknown() throws Exception {
		var trajectory = fixtures.runningTrajectory(true);
		String known = addresses.replyTo(trajectory.id(), trajectory.participant().id());
		Path mail = mail(known, "reply+aaaaaaaaaaaaaaaaaaaaaaaaaa@briefwissel.test");

		int exit = run("mail", "inspect", mail.toString(), "--conversations", "--briefwissel.db.url=" + url,
				"--briefwissel.db.user=" + user, "--briefwissel.db.password=" + password);

		assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
		JsonNode tokens = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8)).get("replyTokens");
		assertThat(tokens.size()).isEqualTo(2);
		assertThat(tokens.get(0).get("token").asString()).isEqualTo(known.substring("reply+".length(), known.indexOf('@')));
		assertThat(tokens.get(0).get("conversation").asString()).isEqualTo(trajectory.id().toString());
		assertThat(tokens.get(1).get("token").asString()).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaaa");
		assertThat(tokens.get(1).get("conversation").asString()).isEqualTo("unknown");
	}

	/** A database without Briefwissel's tables (a wrong address): said, exit code 2, and the mail still described. */
	@Test
	void aDatabaseThatCannotBeReadIsSaidWithExitCodeTwo() throws Exception {
		Path mail = mail("reply+aaaaaaaaaaaaaaaaaaaaaaaaaa@briefwissel.test", "reply+bbbbbbbbbbbbbbbbbbbbbbbbbb@briefwissel.test");

		int exit = run("mail", "inspect", mail.toString(), "--conversations",
				"--briefwissel.db.url=jdbc:h2:mem:empty-" + UUID.randomUUID(), "--briefwissel.db.user=sa", "--briefwissel.db.password=");

		assertThat(exit).isEqualTo(2);
		// The innermost cause says what is wrong; the exceptions around it say only that the query failed.
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read the conversations from the database")
			.contains("reply_token").doesNotContain("Exception");
		JsonNode tokens = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8)).get("replyTokens");
		assertThat(tokens.size()).isEqualTo(2);
		assertThat(tokens.get(1).get("conversation").asString()).isEqualTo("not read: the database could not be read");
	}

	private Path mail(String to, String cc) throws Exception {
		Path mail = folder.resolve(UUID.randomUUID() + ".eml");
		Files.writeString(mail, "From: Sanne Bakker <sanne@example.nl>\nTo: " + to + "\nCc: " + cc
				+ "\nSubject: Voor wie\nMessage-ID: <" + UUID.randomUUID() + "@example.nl>\n"
				+ "Content-Type: text/plain; charset=UTF-8\n\nVoor wie is dit?\n", StandardCharsets.UTF_8);
		return mail;
	}

	private int run(String... args) {
		return MailCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}
}
