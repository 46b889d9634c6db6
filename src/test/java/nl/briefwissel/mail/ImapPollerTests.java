package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The IMAP adapter on a mailbox of its own: a full mailbox in batches, and a mailbox that is gone. */
@BriefwisselTest
class ImapPollerTests {

	@Autowired
	ImapPoller poller;

	@Autowired
	InboundMails inbound;

	@Autowired
	InboundProcessor processor;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	JdbcClient jdbc;

	/** More mails than one batch, one of them delivered twice: each stored once, all marked seen. */
	@Test
	void aFullMailboxIsFetchedInBatchesEachMailStoredOnceAndMarkedSeenAfterwards() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			for (int i = 0; i < 250; i++) {
				mailbox.deliver(mail(run, i));
			}
			mailbox.deliver(mail(run, 7)); // redelivered by a sending server that did not see our 250
			try (UnannouncingProxy counting = new UnannouncingProxy(server.getImap().getPort());
					Store store = signedIn(counting.port())) {
				Folder folder = store.getFolder("INBOX");
				folder.open(Folder.READ_WRITE);

				assertThat(poller.fetchUnseen(folder)).isEqualTo(251);
				assertThat(counting.bodyFetches.get()).as("one command of whole mails per batch of 100").isEqualTo(3);

				assertThat(folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).isEmpty();
				assertThat(poller.fetchUnseen(folder)).isZero();
			}
			assertThat(stored(run)).isEqualTo(250);
		}
		finally {
			server.stop();
		}
	}

	/**
	 * Someone opened the mailbox in another mail program before the round (the mail is Seen): it is
	 * fetched all the same, once, as the mail above the highest stored; Seen was the only record of what
	 * was stored, and Exchange keeps no marks of ours.
	 */
	@Test
	void mailSomeoneElseReadFirstIsFetchedOnceAllTheSame() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			mailbox.deliver(mail(run, 0));
			assertThat(ImapPollerTests.<Integer>inInbox(server, poller::fetchUnseen)).isEqualTo(1); // the poller has been reading this mailbox
			mailbox.deliver(mail(run, 1));
			readElsewhere(server);
			inInbox(server, folder -> {
				assertThat(poller.fetchUnseen(folder)).isEqualTo(1);
				assertThat(poller.fetchUnseen(folder)).as("stored once").isZero();
				return null;
			});
			assertThat(stored(run)).isEqualTo(2);
		}
		finally {
			server.stop();
		}
	}

	/**
	 * Mail stored here goes from the mailbox once its time there is over (decision 0034): its copy there
	 * was outside every erasure. Mail not yet stored stays, whether someone read it or not, and so does
	 * mail that has not been there long enough.
	 */
	@Test
	void storedMailIsDeletedFromTheMailboxAfterItsTimeAndOtherMailStays() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			// In the mailbox and read before Briefwissel first looked: never stored, though below the first mark.
			mailbox.deliver(mail(run, 9));
			readElsewhere(server);
			assertThat(ImapPollerTests.<Integer>inInbox(server, poller::fetchUnseen)).isZero();
			mailbox.deliver(mail(run, 0));
			mailbox.deliver(mail(run, 1));
			assertThat(ImapPollerTests.<Integer>inInbox(server, poller::fetchUnseen)).isEqualTo(2);
			mailbox.deliver(mail(run, 2)); // not stored yet
			mailbox.deliver(mail(run, 3)); // not stored yet, and read by someone in another mail program
			readElsewhere(server, 5);
			inInbox(server, folder -> {
				assertThat(poller.deleteStoredBefore(folder, java.time.Instant.now().minus(Duration.ofDays(1))))
					.as("not there long enough").isZero();
				assertThat(poller.deleteStoredBefore(folder, java.time.Instant.now().plusSeconds(60))).isEqualTo(2);
				return null;
			});
			java.util.List<String> left = inInbox(server, folder -> {
				java.util.List<String> subjects = new java.util.ArrayList<>();
				for (jakarta.mail.Message mail : folder.getMessages()) {
					subjects.add(mail.getSubject());
				}
				return subjects;
			});
			assertThat(left).containsExactly("Antwoord 9", "Antwoord 2", "Antwoord 3");
		}
		finally {
			server.stop();
		}
	}

	/** A mailbox full of mail read before Briefwissel came: the clean-up still finds the stored mail after it. */
	@Test
	void storedMailBehindMoreThanARoundOfMailThatStaysIsStillDeleted() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			for (int i = 100; i < 620; i++) {
				mailbox.deliver(mail(run, i));
			}
			readElsewhere(server);
			assertThat(ImapPollerTests.<Integer>inInbox(server, poller::fetchUnseen)).as("Briefwissel's first look: all read before it came").isZero();
			mailbox.deliver(mail(run, 0));
			mailbox.deliver(mail(run, 1));
			assertThat(ImapPollerTests.<Integer>inInbox(server, poller::fetchUnseen)).isEqualTo(2);
			assertThat(ImapPollerTests.<Integer>inInbox(server, folder -> poller.deleteStoredBefore(folder, java.time.Instant.now().plusSeconds(60)))).isEqualTo(2);
			assertThat(ImapPollerTests.<Integer>inInbox(server, Folder::getMessageCount)).isEqualTo(520);
		}
		finally {
			server.stop();
		}
	}

	/** A mail too big to keep was stored as its headers only (and quarantined): its whole copy stays in the mailbox. */
	@Test
	void aMailTooBigToKeepStaysInTheMailbox() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			mailbox.deliver(mail(run, 1, "v".repeat(MailReader.MAX_MAIL_BYTES + 1024))); // a phone's video, as it were
			mailbox.deliver(mail(run, 2));
			assertThat(ImapPollerTests.<Integer>inInbox(server, poller::fetchUnseen)).isEqualTo(2);

			assertThat(ImapPollerTests.<Integer>inInbox(server, folder -> poller.deleteStoredBefore(folder,
					java.time.Instant.now().plusSeconds(60)))).isEqualTo(1);
			assertThat(ImapPollerTests.<String>inInbox(server, folder -> folder.getMessage(1).getSubject())).isEqualTo("Antwoord 1");
			assertThat(ImapPollerTests.<Integer>inInbox(server, Folder::getMessageCount)).isEqualTo(1);
		}
		finally {
			server.stop();
		}
	}

	/** What a test does on one connection of its own to the mailbox's INBOX. */
	@FunctionalInterface
	private interface InInbox<T> {

		T with(Folder folder) throws Exception;
	}

	private static <T> T inInbox(GreenMail server, InInbox<T> action) throws Exception {
		try (Store store = signedIn(server.getImap().getPort())) {
			Folder folder = store.getFolder("INBOX");
			folder.open(Folder.READ_WRITE);
			return action.with(folder);
		}
	}

	/** Someone reading the mailbox in another mail program: these mails (by number), or all, marked read. */
	private static void readElsewhere(GreenMail server, int... numbers) throws Exception {
		inInbox(server, outlook -> {
			if (numbers.length == 0) {
				outlook.setFlags(outlook.getMessages(), new Flags(Flags.Flag.SEEN), true);
			}
			for (int number : numbers) {
				outlook.getMessage(number).setFlag(Flags.Flag.SEEN, true);
			}
			outlook.close(false);
			return null;
		});
	}

	/**
	 * A server that finds new mail in a search but never announced it on the connection (no EXISTS),
	 * as Exchange does and GreenMail does when mail arrives while it answers: the mail is fetched in
	 * the same round all the same, not left in the mailbox until some later mail is announced.
	 */
	@Test
	void mailTheServerFindsButNeverAnnouncedIsFetchedInTheSameRound() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try (UnannouncingProxy proxy = new UnannouncingProxy(server.getImap().getPort())) {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			mailbox.deliver(mail(run, 0));
			try (Store store = signedIn(proxy.port())) {
				Folder folder = store.getFolder("INBOX");
				folder.open(Folder.READ_WRITE);
				assertThat(poller.fetchUnseen(folder)).isEqualTo(1);

				proxy.hideNewMail = true;
				mailbox.deliver(mail(run, 1));
				mailbox.deliver(mail(run, 2));
				assertThat(folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)))
					.as("the client library alone does not see the unannounced mail")
					.isEmpty();

				assertThat(poller.fetchUnseen(folder)).isEqualTo(2);
				assertThat(poller.fetchUnseen(folder)).isZero();
			}
			assertThat(stored(run)).isEqualTo(3);
		}
		finally {
			server.stop();
		}
	}

	/** With the mailbox gone the poller says since when, and the health turns DEGRADED after the grace. */
	/**
	 * Another client expunges a mail while the poller's connection stays open. The client library keeps
	 * its own numbers for the mails it knows until the folder is closed; the server's move down. New
	 * mail is found, fetched, stored and marked seen by UID all the same: by number, the poller took a
	 * mail it had already read (too large to fetch whole) for the first new one, marked that new one seen
	 * without storing it, and left the last one unseen for good.
	 */
	@Test
	void mailArrivingAfterAnotherClientExpungedOneIsStoredAndMarkedSeen() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		try {
			GreenMailUser mailbox = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			mailbox.deliver(mail(run, 0));
			mailbox.deliver(mail(run, 1));
			mailbox.deliver(mail(run, 2, "Een lang antwoord. ".repeat(16_000)));
			try (Store store = signedIn(server.getImap().getPort()); Store other = signedIn(server.getImap().getPort())) {
				Folder folder = store.getFolder("INBOX");
				folder.open(Folder.READ_WRITE);
				assertThat(poller.fetchUnseen(folder)).isEqualTo(3);

				Folder elsewhere = other.getFolder("INBOX");
				elsewhere.open(Folder.READ_WRITE);
				elsewhere.getMessage(2).setFlag(Flags.Flag.DELETED, true);
				elsewhere.close(true);
				((org.eclipse.angus.mail.imap.IMAPFolder) folder).doCommand(protocol -> {
					protocol.noop(); // the poller's connection hears of the expunge, as from its next command
					return null;
				});
				assertThat(folder.getMessage(2).isExpunged()).as("the library keeps the numbers").isTrue();
				for (int i = 3; i < 6; i++) {
					mailbox.deliver(mail(run, i));
				}

				assertThat(poller.fetchUnseen(folder)).isEqualTo(3);
				assertThat(stored(run)).isEqualTo(6);
				Folder fresh = other.getFolder("INBOX");
				fresh.open(Folder.READ_ONLY);
				assertThat(fresh.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).as("every new mail marked seen").isEmpty();
				fresh.close(false);
			}
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aMailboxThatIsGoneMakesTheHealthDegraded() {
		int nothingListens;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			nothingListens = socket.getLocalPort();
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
		ImapPoller gone = new ImapPoller(properties(nothingListens), inbound, processor,
				new StaticListableBeanFactory().getBeanProvider(EmbeddedMailServer.class), replyAddress, jdbc,
				Clock.systemUTC(), 0);
		MailFlowHealth health = new MailFlowHealth(jdbc, gone, Clock.systemUTC(), Duration.ZERO);
		gone.start();
		try {
			await().atMost(Duration.ofSeconds(15)).until(() -> gone.unavailableSince().isPresent());
			var report = health.health();
			assertThat(report.getStatus()).isEqualTo(MailFlowHealth.DEGRADED);
			assertThat(report.getDetails()).containsEntry("mailboxReadable", false);
		}
		finally {
			gone.stop();
		}
		assertThat(gone.unavailableSince()).isEmpty();
	}

	/**
	 * Two nodes on one mailbox: while another node's turn lasts, this one stays connected but fetches
	 * nothing (the mail stays unseen, for the reader); once the other gives its turn back, this one
	 * fetches at its next round.
	 */
	@Test
	void whileAnotherNodeReadsTheMailboxThisNodeLeavesItAloneAndTakesOverWhenGivenBack() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		String mailbox = "%:" + server.getImap().getPort() + "/INBOX";
		ImapPoller node = nodeOn(server);
		try {
			GreenMailUser reply = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			node.start();
			await().atMost(Duration.ofSeconds(15)).until(() -> jdbc
				.sql("select count(*) from mailbox_reader where mailbox like :mailbox").param("mailbox", mailbox)
				.query(Integer.class).single() == 1);
			jdbc.sql("update mailbox_reader set node = 'another-node', until = :until where mailbox like :mailbox")
				.param("until", java.time.OffsetDateTime.now().plusMinutes(10)).param("mailbox", mailbox).update();

			reply.deliver(mail(run, 0));
			Thread.sleep(2500); // a dozen rounds of a 200 ms interval
			assertThat(stored(run)).isZero();
			try (Store store = signedIn(server.getImap().getPort())) {
				Folder folder = store.getFolder("INBOX");
				folder.open(Folder.READ_ONLY);
				assertThat(folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false))).hasSize(1);
			}

			jdbc.sql("update mailbox_reader set until = :until where mailbox like :mailbox")
				.param("until", java.time.OffsetDateTime.now().minusSeconds(1)).param("mailbox", mailbox).update();
			await().atMost(Duration.ofSeconds(15)).until(() -> stored(run) == 1);
		}
		finally {
			node.stop();
			server.stop();
		}
		assertThat(jdbc.sql("select until < current_timestamp from mailbox_reader where mailbox like :mailbox")
			.param("mailbox", mailbox).query(Boolean.class).single())
			.as("a node that stops gives its turn back").isTrue();
	}

	/**
	 * A node stops while a round is under way (a backlog of more than one batch): the round ends after
	 * its batch instead of asking for the turn again, which would take back the lease the stop gave back
	 * and keep every other node waiting for it to run out.
	 */
	@Test
	void aNodeThatStopsDoesNotTakeItsTurnBackInARoundStillUnderWay() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		String run = Long.toString(System.nanoTime());
		String mailbox = "%:" + server.getImap().getPort() + "/INBOX";
		ImapPoller node = nodeOn(server);
		try {
			GreenMailUser reply = server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			node.start();
			await().atMost(Duration.ofSeconds(15)).until(() -> jdbc
				.sql("select count(*) from mailbox_reader where mailbox like :mailbox and until > current_timestamp")
				.param("mailbox", mailbox).query(Integer.class).single() == 1);
			node.stop();
			for (int i = 0; i < 150; i++) {
				reply.deliver(mail(run, i));
			}

			try (Store store = signedIn(server.getImap().getPort())) {
				Folder folder = store.getFolder("INBOX");
				folder.open(Folder.READ_WRITE);
				assertThat(node.fetchUnseen(folder)).as("the batch under way, not the next").isEqualTo(100);
			}
			assertThat(jdbc.sql("select until < current_timestamp from mailbox_reader where mailbox like :mailbox")
				.param("mailbox", mailbox).query(Boolean.class).single())
				.as("the turn stays given back").isTrue();
		}
		finally {
			node.stop();
			server.stop();
		}
	}

	/**
	 * Stopping the evaluation default printed GreenMail's "Can not handle IMAP connection" with a ProtocolException
	 * from IDLE: the reader left the mailbox in the middle of an IDLE (one begun just after the stop looked for it)
	 * without the DONE that ends it. A reader that stops ends its IDLE and leaves; the server has nothing to say.
	 */
	@Test
	void aReaderThatStopsWhileIdleLeavesTheServerWithoutAnError() throws Exception {
		GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
		server.start();
		java.util.List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
		Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
		try {
			server.setUser("reply@elders.test", "reply@elders.test", "geheim");
			// The IDLE is woken every 200 ms: stopped at several moments of a round, some in it.
			for (int round = 0; round < 8; round++) {
				ImapPoller node = nodeOn(server);
				node.start();
				await().atMost(Duration.ofSeconds(15)).until(node::isIdling);
				Thread.sleep(37L * round);
				node.stop();
				assertThat(node.isIdling()).as("still idle after the stop").isFalse();
			}
			Thread.sleep(500); // the server's handlers see the connections go
		}
		finally {
			Thread.setDefaultUncaughtExceptionHandler(before);
			server.stop();
		}
		assertThat(uncaught).extracting(Throwable::toString).isEmpty();
	}

	/** Another node of the application, reading the test's own mailbox, started by the test. */
	private ImapPoller nodeOn(GreenMail server) {
		return new ImapPoller(properties(server.getImap().getPort()), inbound, processor,
				new StaticListableBeanFactory().getBeanProvider(EmbeddedMailServer.class), replyAddress, jdbc,
				Clock.systemUTC(), 0);
	}

	private int stored(String run) {
		return jdbc.sql("select count(*) from inbound_mail where message_id like :run")
			.param("run", "<batch-" + run + "-%")
			.query(Integer.class)
			.single();
	}

	private static MailProperties properties(int imapPort) {
		return new Binder(new MapConfigurationPropertySource(Map.of(
				"briefwissel.mail.smtp.host", "127.0.0.1", "briefwissel.mail.imap.host", "127.0.0.1",
				"briefwissel.mail.imap.port", Integer.toString(imapPort), "briefwissel.mail.imap.ssl", "false",
				"briefwissel.mail.imap.username", "reply@elders.test", "briefwissel.mail.imap.password", "geheim",
				"briefwissel.mail.imap.poll-interval", "200ms")))
			.bindOrCreate("briefwissel.mail", MailProperties.class);
	}

	/**
	 * Passes an IMAP connection on to the server, except that while hiding new mail it drops every
	 * {@code * n EXISTS} the server sends outside the answer to a SELECT. Literals (mail bodies) pass
	 * whole, so a body line is never taken for a response. Counts the client's commands that fetch bodies.
	 */
	static final class UnannouncingProxy implements AutoCloseable {

		private static final java.util.regex.Pattern EXISTS = java.util.regex.Pattern.compile("\\* \\d+ EXISTS\r\n");

		private static final java.util.regex.Pattern SELECT = java.util.regex.Pattern
			.compile("(\\S+) (?i:SELECT|EXAMINE) .*\r\n");

		private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile(".*\\{(\\d+)\\}\r\n",
				java.util.regex.Pattern.DOTALL);

		volatile boolean hideNewMail;

		/** Commands from the client that fetch mail bodies, whole or in part. */
		final java.util.concurrent.atomic.AtomicInteger bodyFetches = new java.util.concurrent.atomic.AtomicInteger();

		private volatile String selecting;

		private final java.net.ServerSocket listener;

		private final java.util.List<java.net.Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

		UnannouncingProxy(int serverPort) throws java.io.IOException {
			listener = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
			TestThreads.daemon("unannouncing-proxy", () -> {
				try {
					while (true) {
						java.net.Socket client = listener.accept();
						java.net.Socket upstream = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), serverPort);
						sockets.add(client);
						sockets.add(upstream);
						TestThreads.daemon("unannouncing-proxy", () -> pass(client, upstream, true));
						TestThreads.daemon("unannouncing-proxy", () -> pass(upstream, client, false));
					}
				}
				catch (java.io.IOException closed) {
					// the proxy is closed
				}
			});
		}

		int port() {
			return listener.getLocalPort();
		}

		private void pass(java.net.Socket from, java.net.Socket to, boolean fromClient) {
			try (var in = new java.io.BufferedInputStream(from.getInputStream());
					var out = to.getOutputStream()) {
				java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
				int b;
				while ((b = in.read()) >= 0) {
					line.write(b);
					if (b != '\n') {
						continue;
					}
					String text = line.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
					line.reset();
					if (fromClient) {
						if (text.toUpperCase(java.util.Locale.ROOT).contains("BODY.PEEK[]")) {
							bodyFetches.incrementAndGet();
						}
						var select = SELECT.matcher(text);
						if (select.matches()) {
							selecting = select.group(1) + " ";
						}
					}
					else if (selecting != null && text.startsWith(selecting)) {
						selecting = null;
					}
					else if (hideNewMail && selecting == null && EXISTS.matcher(text).matches()) {
						continue;
					}
					out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
					var literal = LITERAL.matcher(text);
					if (literal.matches()) {
						out.write(in.readNBytes(Integer.parseInt(literal.group(1))));
					}
					out.flush();
				}
			}
			catch (java.io.IOException closed) {
				// one side hung up
			}
		}

		@Override
		public void close() throws java.io.IOException {
			listener.close();
			for (java.net.Socket socket : sockets) {
				socket.close();
			}
		}
	}

	/** The platform mailbox as the poller reads it: without marking mail seen by reading it. */
	private static Store signedIn(int port) throws jakarta.mail.MessagingException {
		Properties peek = new Properties();
		peek.put("mail.imap.peek", "true");
		Store store = Session.getInstance(peek).getStore("imap");
		store.connect("127.0.0.1", port, "reply@elders.test", "geheim");
		return store;
	}

	private static MimeMessage mail(String run, int number) throws Exception {
		return mail(run, number, "Dit is antwoord " + number + ".");
	}

	private static MimeMessage mail(String run, int number, String text) throws Exception {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", "<batch-" + run + "-" + number + "@example.nl>");
			}
		};
		message.setFrom("deelnemer" + number + "@example.nl");
		message.setRecipients(jakarta.mail.Message.RecipientType.TO, "reply+onbekend@elders.test");
		message.setSubject("Antwoord " + number, "UTF-8");
		message.setText(text, "UTF-8");
		message.saveChanges();
		return message;
	}
}
