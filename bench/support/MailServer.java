import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-alone mail server for the crash, outage and multi-node scripts: GreenMail's SMTP and IMAP
 * on loopback, outside the application's process, so killing the application does not kill the
 * server that counts what arrived. The platform mailbox {@code reply@briefwissel.test} (password
 * {@code briefwissel}) receives every {@code reply+TOKEN@} address.
 *
 * <p>A small control port answers {@code GET /delivered} (the Message-ID of every delivery, one per
 * line, duplicates included), {@code POST /stop} and {@code POST /start}: an outage is the ports
 * closing, as when a relay goes away. The list of deliveries survives a stop; the mailboxes do not.
 *
 * <p>Usage: {@code java -cp "$(cat target/bench-classpath.txt)" bench/support/MailServer.java SMTP IMAP CONTROL}
 */
public class MailServer {

	private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

	private final int smtpPort;

	private final int imapPort;

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private GreenMail greenMail;

	MailServer(int smtpPort, int imapPort) {
		this.smtpPort = smtpPort;
		this.imapPort = imapPort;
	}

	synchronized void start() {
		if (greenMail != null) {
			return;
		}
		GreenMail server = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, LOOPBACK, "smtp"),
				new ServerSetup(imapPort, LOOPBACK, "imap") })
			.withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
		server.start();
		server.setUser("reply@briefwissel.test", "reply@briefwissel.test", "briefwissel");
		var users = server.getUserManager();
		var standard = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, recipient) -> {
			try {
				delivered.add(String.valueOf(message.getMessage().getMessageID()));
			}
			catch (jakarta.mail.MessagingException e) {
				delivered.add("unreadable");
			}
			return standard.handle(message, recipient);
		});
		greenMail = server;
	}

	synchronized void stop() {
		if (greenMail != null) {
			greenMail.stop();
			greenMail = null;
		}
	}

	public static void main(String[] args) throws IOException {
		MailServer mail = new MailServer(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
		mail.start();
		HttpServer control = HttpServer.create(new InetSocketAddress(LOOPBACK, Integer.parseInt(args[2])), 0);
		control.createContext("/delivered", exchange -> answer(exchange, String.join("\n", mail.delivered)));
		control.createContext("/stop", exchange -> {
			mail.stop();
			answer(exchange, "stopped");
		});
		control.createContext("/start", exchange -> {
			mail.start();
			answer(exchange, "started");
		});
		control.start();
		Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
		System.out.println("mail server: SMTP " + args[0] + ", IMAP " + args[1] + ", control " + args[2]);
	}

	private static void answer(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = (body.isEmpty() ? "" : body + "\n").getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}
}
