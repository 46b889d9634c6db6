import java.io.FileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
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
 * server that counts what arrived. The platform mailbox {@code reply@briefwissel.test} (with the
 * given password) receives every {@code reply+TOKEN@} address, as sub-addressing does at a provider.
 *
 * <p>A small control port answers {@code GET /delivered} (a line "recipient TAB Message-ID" per
 * delivery, duplicates included), {@code POST /stop} and {@code POST /start}: an outage is the ports
 * closing, as when a relay goes away. The list of deliveries survives a stop; the mailboxes do not.
 * With a DELIVERY_LOG each delivery is also appended there, the moment it happens.
 *
 * <p>Usage: {@code java -cp "DIR/*" bench/support/MailServer.java SMTP IMAP CONTROL PASSWORD [DELIVERY_LOG]}
 * (DIR from {@code bench/support/greenmail-classpath.py})
 */
public class MailServer {

	private static final String LOOPBACK = InetAddress.getLoopbackAddress().getHostAddress();

	private final int smtpPort;

	private final int imapPort;

	private final String password;

	private final PrintWriter log;

	private final List<String> delivered = new CopyOnWriteArrayList<>();

	private GreenMail greenMail;

	MailServer(int smtpPort, int imapPort, String password, PrintWriter log) {
		this.smtpPort = smtpPort;
		this.imapPort = imapPort;
		this.password = password;
		this.log = log;
	}

	synchronized void start() {
		if (greenMail != null) {
			return;
		}
		GreenMail server = new GreenMail(new ServerSetup[] { new ServerSetup(smtpPort, LOOPBACK, "smtp"),
				new ServerSetup(imapPort, LOOPBACK, "imap") })
			.withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
		server.start();
		server.setUser("reply@briefwissel.test", "reply@briefwissel.test", password);
		var users = server.getUserManager();
		var standard = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, recipient) -> {
			var user = standard.handle(message, recipient);
			String delivery = recipient.getEmail().toLowerCase(java.util.Locale.ROOT) + "\t"
					+ message.getMessage().getMessageID();
			delivered.add(delivery);
			if (log != null) {
				synchronized (log) {
					log.println(delivery);
				}
			}
			return user;
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
		PrintWriter log = args.length > 4 ? new PrintWriter(new FileWriter(args[4], true), true) : null;
		MailServer mail = new MailServer(Integer.parseInt(args[0]), Integer.parseInt(args[1]), args[3], log);
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
