package nl.briefwissel.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A mail over the SMTP receiver's limit (2 MB in the tests, 25 MB by default) is refused so that its sender hears why:
 * the limit is said in the greeting (RFC 1870 SIZE), so a sending server that knows a mail's size refuses it itself
 * before it sends a byte; one that sends it anyway gets {@code 552 5.3.4} with the limit, and the next mail of the same
 * session is taken as any other, not refused as if the first had never ended.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class SmtpReceiverSizeTests {

	private static final int LIMIT = 2 * 1024 * 1024;

	@Autowired
	SmtpReceiver receiver;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theLimitIsSaidInTheGreetingAndAMailDeclaredLargerIsRefusedBeforeItIsSent() throws IOException {
		try (Session smtp = new Session(receiver.port())) {
			List<String> greeting = smtp.command("EHLO client.example.nl");
			assertThat(greeting).contains("250-SIZE " + LIMIT);

			assertThat(smtp.command("MAIL FROM:<iemand@example.nl> SIZE=" + (LIMIT + 1))).last().asString()
				.startsWith("552 5.3.4");
			// Within the limit, the same sender is taken.
			assertThat(smtp.command("MAIL FROM:<iemand@example.nl> SIZE=" + LIMIT)).last().asString().startsWith("250");
		}
	}

	/**
	 * Postfix declares the size before the body's type, {@code SIZE=n BODY=8BITMIME}; SubEthaSMTP reads SIZE only as
	 * the last parameter, so such a mail was taken at MAIL FROM and refused only after it was sent whole.
	 */
	@Test
	void aSizeDeclaredBeforeOtherParametersIsReadToo() throws IOException {
		try (Session smtp = new Session(receiver.port())) {
			smtp.command("EHLO client.example.nl");

			assertThat(smtp.command("MAIL FROM:<iemand@example.nl> SIZE=" + (LIMIT + 1) + " BODY=8BITMIME")).last().asString()
				.startsWith("552 5.3.4");
			// A size no int holds is refused as well, not a broken session.
			assertThat(smtp.command("MAIL FROM:<iemand@example.nl> BODY=8BITMIME SIZE=99999999999")).last().asString()
				.startsWith("552 5.3.4");
			assertThat(smtp.command("MAIL FROM:<iemand@example.nl> SIZE=" + LIMIT + " BODY=8BITMIME")).last().asString()
				.startsWith("250");
			assertThat(smtp.command("RCPT TO:<reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test>")).last().asString().startsWith("250");
		}
	}

	@Test
	void aMailOverTheLimitIsRefusedSayingTheLimitAndTheNextMailOfTheSessionIsTaken(CapturedOutput log) throws IOException {
		String sender = "groot-" + UUID.randomUUID() + "@example.nl";
		String subject = "Na de grote " + UUID.randomUUID();
		try (Session smtp = new Session(receiver.port())) {
			smtp.command("EHLO client.example.nl");
			smtp.command("MAIL FROM:<" + sender + ">");
			smtp.command("RCPT TO:<reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test>");
			smtp.command("DATA");
			String refusal = smtp.data(mail(sender, "Te groot", "x".repeat(76) + "\r\n", LIMIT / 78 + 10)).get(0);
			assertThat(refusal).startsWith("552 5.3.4").contains("at most 2 MB");

			// RFC 5321 3.3: a new MAIL FROM starts the next mail; no RSET is needed after the end of the data.
			assertThat(smtp.command("MAIL FROM:<" + sender + ">")).last().asString().startsWith("250");
			assertThat(smtp.command("RCPT TO:<reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test>")).last().asString().startsWith("250");
			smtp.command("DATA");
			assertThat(smtp.data(mail(sender, subject, "Een gewone brief.\r\n", 1))).last().asString().startsWith("250");
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from inbound_mail where envelope_from = :from")
			.param("from", sender).query(Integer.class).single() == 1);
		// The operator sees that a mail was refused, without its sender's address.
		assertThat(log.getAll()).contains("Refused a mail over the limit").doesNotContain(sender);
	}

	private static byte[] mail(String from, String subject, String line, int lines) {
		StringBuilder mail = new StringBuilder("From: " + from + "\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\nSubject: "
				+ subject + "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.nl>\r\n\r\n");
		mail.append(line.repeat(lines));
		return mail.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** One SMTP session, its answers read line by line. */
	private static final class Session implements AutoCloseable {

		private final Socket socket;

		private final BufferedReader in;

		private final OutputStream out;

		Session(int port) throws IOException {
			socket = new Socket("127.0.0.1", port);
			socket.setSoTimeout(15_000);
			in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			out = socket.getOutputStream();
			answer();
		}

		List<String> command(String command) throws IOException {
			out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return answer();
		}

		List<String> data(byte[] raw) throws IOException {
			out.write(raw);
			out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return answer();
		}

		/** Every line of a (multi-line) answer. */
		private List<String> answer() throws IOException {
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = in.readLine()) != null) {
				lines.add(line);
				if (line.length() <= 3 || line.charAt(3) != '-') {
					break;
				}
			}
			return lines;
		}

		@Override
		public void close() throws IOException {
			try {
				command("QUIT");
			}
			finally {
				socket.close();
			}
		}
	}
}
