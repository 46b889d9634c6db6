import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Inbound mail at scale: sends COUNT replies from the demo participants to their reply addresses
 * through Briefwissel's SMTP receiver on loopback, with CONNECTIONS parallel SMTP sessions, and
 * measures from each SMTP 250 until the reply is a message in the conversation (read from the
 * database). Prints the sustained rate and latency percentiles.
 *
 * Usage: java -cp CLASSPATH InboundLoad.java SMTP_PORT JDBC_URL DB_USER COUNT CONNECTIONS
 */
public class InboundLoad {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String url = args[1];
		String user = args[2];
		int count = Integer.parseInt(args[3]);
		int connections = Integer.parseInt(args[4]);

		List<String[]> senders = new ArrayList<>();
		try (Connection db = DriverManager.getConnection(url, user, "");
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
		Properties properties = new Properties();
		properties.put("mail.smtp.host", "127.0.0.1");
		properties.put("mail.smtp.port", String.valueOf(port));
		Session session = Session.getInstance(properties);
		long start = System.currentTimeMillis();
		for (int c = 0; c < connections; c++) {
			new Thread(() -> {
				try (Transport transport = session.getTransport("smtp")) {
					transport.connect("127.0.0.1", port, null, null);
					int i;
					while ((i = next.getAndIncrement()) < count) {
						String[] sender = senders.get(i % senders.size());
						String id = "<" + UUID.randomUUID() + "@load.example.nl>";
						MimeMessage mail = new MimeMessage(session) {
							@Override
							protected void updateMessageID() throws jakarta.mail.MessagingException {
								setHeader("Message-ID", id);
							}
						};
						mail.setFrom(sender[1]);
						mail.setRecipients(RecipientType.TO, "reply+" + sender[0] + "@briefwissel.test");
						mail.setSubject("Re: Je e-coaching met Anja de Vries");
						mail.setText(body, "UTF-8");
						mail.saveChanges();
						transport.sendMessage(mail, mail.getAllRecipients());
						acknowledged.put(id, System.currentTimeMillis());
					}
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

	private static long percentile(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return -1;
		}
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}
}
