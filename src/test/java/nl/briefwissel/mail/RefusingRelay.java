package nl.briefwissel.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * An SMTP relay that answers RCPT TO as a real one does for an address it knows is wrong: the
 * answer is chosen by a word in the address, everything else is accepted and thrown away.
 */
final class RefusingRelay implements AutoCloseable {

	private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

	private final Map<String, String> answers;

	/** {@code answers}: a word in the recipient's address and the relay's whole answer to it. */
	RefusingRelay(Map<String, String> answers) throws IOException {
		this.answers = answers;
		TestThreads.daemon("refusing-relay", () -> {
			try {
				while (true) {
					Socket client = listener.accept();
					TestThreads.daemon("refusing-relay-session", () -> serve(client));
				}
			}
			catch (IOException closed) {
				// the relay is closed
			}
		});
	}

	int port() {
		return listener.getLocalPort();
	}

	private void serve(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
			reply(out, "220 relay.test ESMTP");
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				if (command.startsWith("EHLO")) {
					reply(out, "250-relay.test\r\n250 ENHANCEDSTATUSCODES");
				}
				else if (command.startsWith("RCPT TO")) {
					String recipient = line;
					reply(out, answers.entrySet().stream().filter(answer -> recipient.contains(answer.getKey()))
						.map(Map.Entry::getValue).findFirst().orElse("250 2.1.5 Ok"));
				}
				else if (command.equals("DATA")) {
					reply(out, "354 End data with <CR><LF>.<CR><LF>");
					while ((line = in.readLine()) != null && !line.equals(".")) {
						// the mail is not kept
					}
					reply(out, "250 2.0.0 Ok: queued");
				}
				else if (command.equals("QUIT")) {
					reply(out, "221 2.0.0 Bye");
					return;
				}
				else {
					reply(out, "250 2.0.0 Ok");
				}
			}
		}
		catch (IOException ended) {
			// the client ended the session
		}
	}

	private static void reply(PrintWriter out, String answer) {
		out.print(answer + "\r\n");
		out.flush();
	}

	@Override
	public void close() throws IOException {
		listener.close();
	}
}
