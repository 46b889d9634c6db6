package nl.briefwissel.mail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MailCommandTests {

	@TempDir
	Path folder;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void printsWhatThePipelineMakesOfAReplyAsOneJsonObject() throws Exception {
		Path mail = folder.resolve("reply.eml");
		Files.writeString(mail, """
				From: Sanne Bakker <sanne@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: Re: Je e-coaching
				Message-ID: <1@example.nl>
				Content-Type: text/plain; charset=UTF-8

				Dat klopt, ik wil iets met jongeren doen.

				On Tue, 3 Nov 2026 at 10:12, Anja de Vries <noreply@briefwissel.test> wrote:
				> Wat wil je?
				""", StandardCharsets.UTF_8);

		int exit = run("mail", "inspect", mail.toString());

		assertThat(exit).isZero();
		JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
		assertThat(json.get("kind").asString()).isEqualTo("reply");
		assertThat(json.get("text").asString()).isEqualTo("Dat klopt, ik wil iets met jongeren doen.");
		assertThat(json.get("replyToken").asString()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
		assertThat(json.get("attachments").isArray()).isTrue();
	}

	/**
	 * A mail to two reply addresses (decision 0059) lists both tokens, in the order the pipeline takes
	 * them, each with its conversation: without {@code --conversations} the database is not asked, and it
	 * says so. Only the first was listed, so the other conversation of such a mail could not be found.
	 */
	@Test
	void everyReplyTokenOfTheMailIsListedWithItsConversation() throws Exception {
		Path mail = folder.resolve("two.eml");
		Files.writeString(mail, """
				From: Sanne Bakker <sanne@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Cc: Anja <reply+zyxwvutsrqponmlkjihgfedcba@briefwissel.test>, piet@example.nl
				Subject: Voor jullie allebei
				Message-ID: <2@example.nl>
				Content-Type: text/plain; charset=UTF-8

				Voor wie is dit?
				""", StandardCharsets.UTF_8);

		assertThat(run("mail", "inspect", mail.toString())).isZero();

		JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
		assertThat(json.get("replyToken").asString()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
		JsonNode tokens = json.get("replyTokens");
		assertThat(tokens.size()).isEqualTo(2);
		assertThat(tokens.get(0).get("token").asString()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
		assertThat(tokens.get(1).get("token").asString()).isEqualTo("zyxwvutsrqponmlkjihgfedcba");
		assertThat(tokens.get(1).get("conversation").asString()).isEqualTo("not looked up (add --conversations)");
	}

	@Test
	void aWordTheCommandDoesNotKnowIsRefused() throws Exception {
		Path mail = folder.resolve("one.eml");
		Files.writeString(mail, "From: a@example.nl\nSubject: x\n\ntekst\n", StandardCharsets.UTF_8);
		assertThat(run("mail", "inspect", mail.toString(), "gesprekken")).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not understood: 'gesprekken'")
			.contains("mail inspect FILE.eml [--conversations]");
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	/**
	 * Options come before or after the file: "--conversations FILE.eml" was read as a file named
	 * "--conversations", and the mail's name as a word not understood.
	 */
	@Test
	void optionsAreTakenBeforeAndAfterTheFile() throws Exception {
		Path mail = folder.resolve("one.eml");
		Files.writeString(mail, "From: a@example.nl\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\nSubject: x\n\ntekst\n",
				StandardCharsets.UTF_8);
		String unreadable = "--briefwissel.db.url=jdbc:h2:mem:empty-" + java.util.UUID.randomUUID();
		for (String[] args : new String[][] { { "mail", "inspect", "--conversations", mail.toString(), unreadable },
				{ "mail", "inspect", unreadable, mail.toString(), "--conversations" } }) {
			out.reset();
			err.reset();
			// The database is asked (and cannot be read here): the option was taken, wherever it stood.
			assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read the conversations from the database")
				.doesNotContain("Not understood");
			JsonNode token = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8)).get("replyTokens").get(0);
			// Not "add --conversations": it was added.
			assertThat(token.get("conversation").asString()).isEqualTo("not read: the database could not be read");
		}
	}

	/** No file, two files, or an option it does not know: what was wrong, and how it is used. */
	@Test
	void aCommandWithoutOneFileSaysWhatIsWrongAndHowItIsUsed() throws Exception {
		Path mail = folder.resolve("one.eml");
		Files.writeString(mail, "From: a@example.nl\nSubject: x\n\ntekst\n", StandardCharsets.UTF_8);
		assertThat(run("mail", "inspect", "--conversations")).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("No mail file given.")
			.contains("Usage: java -jar briefwissel.jar mail inspect FILE.eml [--conversations]");
		err.reset();
		assertThat(run("mail", "inspect", mail.toString(), mail.toString())).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not understood: '" + mail + "' (one mail file at a time)").contains("Usage:");
		err.reset();
		assertThat(run("mail", "inspect", "--gesprekken", mail.toString())).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not understood: '--gesprekken'").contains("Usage:");
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void aMissingFileGivesExitCodeTwoAndAClearMessage() {
		int exit = run("mail", "inspect", folder.resolve("bestaat-niet.eml").toString());
		assertThat(exit).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Cannot read").contains("no such file");
		assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void aFileThatIsNoMailGivesExitCodeTwoWithTheReasonAndStillTheJson() throws Exception {
		Path garbage = folder.resolve("garbage.eml");
		Files.write(garbage, new byte[] { 0, 1, 2, (byte) 0xff, 10, 13 });
		int exit = run("mail", "inspect", garbage.toString());
		assertThat(exit).isEqualTo(2);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"kind\" : \"unreadable\"");
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a mail");
	}

	@Test
	void wrongUsageExplainsItself() {
		assertThat(run("mail", "bekijk")).isEqualTo(1);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: java -jar briefwissel.jar mail inspect FILE.eml");
	}

	private int run(String... args) {
		return MailCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
	}
}
