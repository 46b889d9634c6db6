import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Inbound mail at scale: sends COUNT replies from the demo participants to their reply addresses
 * through Briefwissel's SMTP receiver on loopback, with CONNECTIONS parallel SMTP sessions, and
 * measures from each SMTP 250 until the reply is a message in the conversation (read from the
 * database). Prints the sustained rate and latency percentiles.
 *
 * Usage: java -cp CLASSPATH InboundLoad.java SMTP_PORT JDBC_URL DB_USER COUNT CONNECTIONS [RATE]
 *
 * With JDBC_URL "-" it only measures how fast the server answers 250 (for Postfix's smtp-sink, the
 * transport's limit on the same machine, measured with the same client and the same mails).
 *
 * Without RATE every connection sends as fast as the receiver answers (the most the system takes);
 * with RATE the mails leave at that many per second in total (an open load: latency at that rate).
 */
public class InboundLoad {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String url = args[1];
		String user = args[2];
		int count = Integer.parseInt(args[3]);
		int connections = Integer.parseInt(args[4]);
		double rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;

		boolean sinkOnly = "-".equals(url);
		List<String[]> senders = new ArrayList<>();
		if (sinkOnly) {
			senders.add(new String[] { "sinktokensinktokensinktoken", "deelnemer@example.nl" });
		}
		else try (Connection db = DriverManager.getConnection(url, user, "");
				ResultSet rs = db.createStatement().executeQuery("""
						select r.token, a.email from reply_token r join account a on a.id = r.participant_id
						join trajectory t on t.id = r.trajectory_id where t.status = 'RUNNING'""")) {
			while (rs.next()) {
				senders.add(new String[] { rs.getString(1), rs.getString(2) });
			}
		}
		if (senders.isEmpty()) {
			throw new IllegalStateException("no running trajectory with a reply token in " + url);
		}
		String body = """
				Hoi Anja,

				Ik heb deze week bijgehouden wanneer ik energie kreeg. Vooral op de dagen dat ik een nieuwe collega
				inwerkte ging het goed: dan had ik het gevoel dat ik er echt toe deed. De vergaderingen over de
				begroting kostten juist veel. Ik merk dat ik daar steeds tegenop zie.

				Wat ik me afvraag: is dat iets van deze functie, of van mij?

				Groet,
				Sanne

				Op di 3 nov 2026 om 10:12 schreef Anja de Vries via Briefwissel <noreply@briefwissel.test>:

				> Hoi Sanne,
				>
				> Wil je deze week bijhouden wanneer je energie krijgt en wanneer je energie verliest?
				> Het gaat niet om grote dingen; juist de kleine momenten zeggen vaak veel.
				>
				> Hartelijke groet,
				> Anja
				""";

		Map<String, Long> acknowledged = new ConcurrentHashMap<>();
		AtomicInteger next = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(connections);
		long start = System.currentTimeMillis();
		// A bare SMTP client on a socket: building each mail with Jakarta Mail cost the load
		// generator more CPU than the receiver spent storing it, on the same two cores.
		for (int c = 0; c < connections; c++) {
			new Thread(() -> {
				try (Socket socket = new Socket("127.0.0.1", port)) {
					socket.setTcpNoDelay(true);
					BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
					OutputStream out = new BufferedOutputStream(socket.getOutputStream());
					expect(in, "220");
					command(out, in, "EHLO load.example.nl", "250");
					int i;
					while ((i = next.getAndIncrement()) < count) {
						if (rate > 0) {
							long due = start + (long) (i * 1000 / rate);
							long wait = due - System.currentTimeMillis();
							if (wait > 0) {
								Thread.sleep(wait);
							}
						}
						String[] sender = senders.get(i % senders.size());
						String id = "<" + UUID.randomUUID() + "@load.example.nl>";
						String to = "reply+" + sender[0] + "@briefwissel.test";
						command(out, in, "MAIL FROM:<" + sender[1] + ">", "250");
						command(out, in, "RCPT TO:<" + to + ">", "250");
						command(out, in, "DATA", "354");
						String mail = "From: " + sender[1] + "\r\nTo: " + to + "\r\nSubject: Re: Je e-coaching met Anja de Vries\r\n"
								+ "Message-ID: " + id + "\r\nDate: " + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
									.format(java.time.ZonedDateTime.now()) + "\r\nMIME-Version: 1.0\r\n"
								+ "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
								+ body.replace("\n", "\r\n") + "\r\n.\r\n";
						out.write(mail.getBytes(StandardCharsets.UTF_8));
						out.flush();
						expect(in, "250");
						acknowledged.put(id, System.currentTimeMillis());
					}
					command(out, in, "QUIT", "221");
				}
				catch (Exception e) {
					e.printStackTrace();
				}
				finally {
					done.countDown();
				}
			}).start();
		}

		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		long lastVisible = start;
		if (sinkOnly) {
			done.await();
			long end = acknowledged.values().stream().mapToLong(Long::longValue).max().orElse(start);
			System.out.printf("mails sent: %d, acknowledged (250): %d%n", count, acknowledged.size());
			System.out.printf("SMTP accept rate: %.0f mails/s (%.2f s)%n", acknowledged.size() / ((end - start) / 1000.0),
					(end - start) / 1000.0);
			return;
		}
		try (Connection db = DriverManager.getConnection(url, user, "")) {
			PreparedStatement visible = db.prepareStatement("""
					select i.message_id, m.created_at from message m join inbound_mail i on i.id = m.inbound_mail_id
					where i.message_id like '%@load.example.nl>' and m.created_at >= ?""");
			java.util.Set<String> seen = new java.util.HashSet<>();
			long deadline = System.currentTimeMillis() + 600_000;
			while (seen.size() < count && System.currentTimeMillis() < deadline) {
				Thread.sleep(100);
				visible.setTimestamp(1, new java.sql.Timestamp(start - 1000));
				try (ResultSet rs = visible.executeQuery()) {
					while (rs.next()) {
						String id = rs.getString(1);
						Long ack = acknowledged.get(id);
						if (ack != null && seen.add(id)) {
							long at = rs.getTimestamp(2).getTime();
							latencies.add(Math.max(0, at - ack));
							lastVisible = Math.max(lastVisible, at);
						}
					}
				}
			}
		}
		done.await();
		long sendEnd = acknowledged.values().stream().mapToLong(Long::longValue).max().orElse(start);
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		double seconds = (lastVisible - start) / 1000.0;
		System.out.printf("mails sent: %d, acknowledged (250): %d, visible: %d%n", count, acknowledged.size(), sorted.size());
		System.out.printf("SMTP accept rate: %.0f mails/s (%.2f s)%n", acknowledged.size() / ((sendEnd - start) / 1000.0),
				(sendEnd - start) / 1000.0);
		System.out.printf("sustained rate 250 -> visible: %.0f mails/s (%.2f s for all)%n", sorted.size() / seconds, seconds);
		System.out.printf("latency 250 -> visible: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n", percentile(sorted, 50),
				percentile(sorted, 95), percentile(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
		System.out.println("measured at " + Instant.now());
	}

	private static void command(OutputStream out, BufferedReader in, String command, String expected) throws IOException {
		out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		expect(in, expected);
	}

	/** Reads one reply, multi-line ones included ("250-…" lines up to "250 …"). */
	private static void expect(BufferedReader in, String code) throws IOException {
		String line;
		do {
			line = in.readLine();
			if (line == null) {
				throw new IOException("connection closed, expected " + code);
			}
		}
		while (line.length() > 3 && line.charAt(3) == '-');
		if (!line.startsWith(code)) {
			throw new IOException("expected " + code + " but got " + line);
		}
	}

	private static long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return -1;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}
}
