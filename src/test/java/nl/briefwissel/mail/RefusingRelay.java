package nl.briefwissel.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP relay that answers as a real one does when it refuses a mail, its sender or its recipient:
 * the answer is chosen by a word in the envelope, everything else is accepted and thrown away. It notes
 * the recipient of every mail whose data it took in whole, answered or not.
 */
final class RefusingRelay implements AutoCloseable {

	/** As an answer: the relay ends the session without a word, as one whose connection broke. */
	static final String HANG_UP = "(hangs up)";

	/** As an answer: the relay says nothing and waits, as one that hangs or scans slowly. */
	static final String SILENCE = "(silence)";

	/** The recipients of the mails whose data came in whole, one entry per mail. */
	final List<String> taken = new CopyOnWriteArrayList<>();

	private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

	private final Map<String, String> atRecipient;

	private final Map<String, String> atSender = new ConcurrentHashMap<>();

	private final Map<String, String> atEndOfData = new ConcurrentHashMap<>();

	private final boolean greets;

	/** {@code atRecipient}: a word in the recipient's address and the relay's whole answer to its RCPT TO. */
	RefusingRelay(Map<String, String> atRecipient) throws IOException {
		this(atRecipient, true);
	}

	private RefusingRelay(Map<String, String> atRecipient, boolean greets) throws IOException {
		this.atRecipient = atRecipient;
		this.greets = greets;
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

	/** A relay that takes the connection and then never says a word, not even its greeting. */
	static RefusingRelay silent() throws IOException {
		return new RefusingRelay(Map.of(), false);
	}

	/** Answers MAIL FROM with this when the sender's address has this word. */
	RefusingRelay answeringSender(String word, String answer) {
		atSender.put(word, answer);
		return this;
	}

	/** Answers the end of a mail's data with this when its recipient has this word. */
	RefusingRelay answeringData(String word, String answer) {
		atEndOfData.put(word, answer);
		return this;
	}

	int port() {
		return listener.getLocalPort();
	}

	private void serve(Socket client) {
		try (client;
				BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
				PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
			if (!greets) {
				waitForTheClientToGiveUp(in);
				return;
			}
			reply(out, "220 relay.test ESMTP");
			String recipient = "";
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.toUpperCase(Locale.ROOT);
				String answer;
				if (command.startsWith("EHLO")) {
					answer = "250-relay.test\r\n250 ENHANCEDSTATUSCODES";
				}
				else if (command.startsWith("MAIL FROM")) {
					recipient = "";
					answer = chosen(atSender, line).orElse("250 2.1.0 Ok");
				}
				else if (command.startsWith("RCPT TO")) {
					recipient = line;
					answer = chosen(atRecipient, line).orElse("250 2.1.5 Ok");
				}
				else if (command.equals("DATA")) {
					reply(out, "354 End data with <CR><LF>.<CR><LF>");
					while ((line = in.readLine()) != null && !line.equals(".")) {
						// the mail is not kept
					}
					taken.add(recipient);
					answer = chosen(atEndOfData, recipient).orElse("250 2.0.0 Ok: queued");
				}
				else if (command.equals("QUIT")) {
					reply(out, "221 2.0.0 Bye");
					return;
				}
				else {
					answer = "250 2.0.0 Ok";
				}
				if (answer.equals(HANG_UP)) {
					return;
				}
				if (answer.equals(SILENCE)) {
					waitForTheClientToGiveUp(in);
					return;
				}
				reply(out, answer);
			}
		}
		catch (IOException ended) {
			// the client ended the session
		}
	}

	private static Optional<String> chosen(Map<String, String> answers, String line) {
		return answers.entrySet().stream().filter(answer -> line.contains(answer.getKey())).map(Map.Entry::getValue).findFirst();
	}

	private static void waitForTheClientToGiveUp(BufferedReader in) throws IOException {
		while (in.readLine() != null) {
			// whatever the client says, no answer comes
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
