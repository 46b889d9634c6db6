package nl.briefwissel.mail;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads replies from an IMAP mailbox: in production the platform's mailbox at the provider, in the
 * evaluation default the same mailbox on the embedded mail server. Waits with IDLE when the server
 * offers it and polls otherwise. A mail is marked {@code \Seen} only after it is committed to the
 * store; mail that cannot be stored stays unseen and is read again. With several nodes every node stays
 * connected and one fetches at a time ({@link MailboxReader}).
 */
@Component
class ImapPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

	/** Mails fetched per round: processing starts after each batch, and a batch is one size request. */
	private static final int BATCH = 100;

	/** How long a node's turn at reading lasts without renewal, at the least. */
	private static final Duration MIN_LEASE = Duration.ofMinutes(1);

	/** Mails up to this size are fetched whole, many in one command; larger ones are streamed one by one. */
	private static final int WHOLE_UP_TO = 256 * 1024;

	/** At most this much mail in one command of whole mails. */
	private static final int WHOLE_PER_COMMAND = 8 * 1024 * 1024;

	private static final FlagTerm UNSEEN = new FlagTerm(new Flags(Flags.Flag.SEEN), false);

	private final InboundMails inbound;

	private final InboundProcessor processor;

	private final JdbcClient jdbc;

	private final Connection connection;

	private final Duration interval;

	/** How long mail stays in the mailbox once stored here; null keeps it there (decision 0034). */
	private final Duration deleteStoredAfter;

	/** When this node last looked for stored mail to delete from the mailbox: once an hour is enough. */
	private volatile java.time.Instant lastDeletion = java.time.Instant.EPOCH;

	/** Whose turn it is to fetch, among the nodes on this database; null when no mailbox is configured. */
	private final MailboxReader reader;

	private volatile boolean running;

	/**
	 * Set when the node stops: a round still under way ends after its batch instead of asking for the
	 * turn again, which would take back the lease that {@link #stop()} just gave back.
	 */
	private volatile boolean stopping;

	private volatile Thread worker;

	private volatile Folder idling;

	/** Since when the mailbox cannot be read; null while it can. For the health report. */
	private volatile java.time.Instant unavailableSince;

	/**
	 * Ends an IDLE every interval, so the mailbox is searched again: a mail that arrived between the
	 * last search and the start of IDLE raises no notification, and would otherwise wait for the next one.
	 */
	private volatile java.util.concurrent.ScheduledExecutorService watchdog;

	/** Where and how to log in; in the evaluation default the embedded server's platform mailbox. */
	record Connection(String host, int port, String username, String password, boolean ssl, String folder,
			OAuth2Tokens oauth2) {

		@Override
		public String toString() {
			return username + "@" + host + ":" + port + "/" + folder;
		}
	}

	ImapPoller(MailProperties properties, InboundMails inbound, InboundProcessor processor,
			ObjectProvider<EmbeddedMailServer> embedded, ReplyAddress replyAddress, JdbcClient jdbc, Clock clock,
			@Value("${server.port:8080}") int port) {
		this.inbound = inbound;
		this.processor = processor;
		this.jdbc = jdbc;
		MailProperties.Imap imap = properties.imap();
		this.deleteStoredAfter = imap.deletesStored() ? imap.deleteStoredAfter() : null;
		EmbeddedMailServer server = embedded.getIfAvailable();
		if (imap.configured()) {
			this.connection = new Connection(imap.host(), imap.port(), imap.username(), imap.password(), imap.ssl(),
					imap.folder(), imap.xoauth2() ? new OAuth2Tokens(imap.oauth2(), java.time.Clock.systemUTC()) : null);
			this.interval = imap.pollInterval();
		}
		else if (server != null) {
			this.connection = new Connection(server.host(), server.imapPort(), replyAddress.mailbox(),
					properties.embedded().password(), false, "INBOX", null);
			this.interval = Duration.ofMillis(Math.min(imap.pollInterval().toMillis(), 1000));
		}
		else {
			this.connection = null;
			this.interval = imap.pollInterval();
		}
		// A reader looks at its lease every round and renews it once half is gone; rounds are at most an
		// interval apart (IDLE is woken then): ten missed rounds, and at least a minute, before another
		// node takes over.
		Duration lease = interval.multipliedBy(10).compareTo(MIN_LEASE) > 0 ? interval.multipliedBy(10) : MIN_LEASE;
		this.reader = connection == null ? null
				: new MailboxReader(jdbc, clock, connection.toString(), lease, hostName() + ":" + port);
	}

	/** This machine's name; two nodes on one machine differ by their port. */
	private static String hostName() {
		try {
			return java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.net.UnknownHostException e) {
			return "localhost";
		}
	}

	@Override
	public void start() {
		if (connection == null) {
			log.info("No IMAP mailbox configured: replies arrive through the SMTP receiver only");
			return;
		}
		running = true;
		stopping = false;
		watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "imap-idle-watchdog");
			thread.setDaemon(true);
			return thread;
		});
		watchdog.scheduleWithFixedDelay(this::wakeFromIdle, interval.toMillis(), interval.toMillis(),
				java.util.concurrent.TimeUnit.MILLISECONDS);
		worker = new Thread(this::run, "imap-poller");
		worker.setDaemon(true);
		worker.start();
	}

	/** Since when the mailbox cannot be read, if it cannot; empty when it can or none is configured. */
	java.util.Optional<java.time.Instant> unavailableSince() {
		return java.util.Optional.ofNullable(running ? unavailableSince : null);
	}

	private void wakeFromIdle() {
		Folder folder = idling;
		if (folder != null) {
			try {
				folder.getMessageCount(); // any call from another thread ends an IDLE
			}
			catch (MessagingException | RuntimeException ignored) {
				// the poller reconnects by itself when the connection is gone
			}
		}
	}

	@Override
	public void stop() {
		boolean wasRunning = running;
		stopping = true;
		running = false;
		if (watchdog != null) {
			watchdog.shutdownNow();
		}
		Thread thread = worker;
		if (thread != null) {
			thread.interrupt();
			// An IDLE begun just after a look found none waited for the server, and the reader left it without the
			// DONE that ends it: the server's stack trace of a client gone mid-command at every stop. Ended as
			// often as one begins, until the reader has left.
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			try {
				while (thread.isAlive() && System.nanoTime() < deadline) {
					wakeFromIdle();
					thread.join(50);
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		if (wasRunning) {
			giveBack();
		}
	}

	/** Another node takes over at its next round instead of a lease later. */
	private void giveBack() {
		try {
			reader.giveBack();
		}
		catch (DataAccessException e) {
			log.info("Could not give back the turn at reading {} ({}); another node takes over when it runs out",
					connection, e.getMessage());
		}
	}

	/** Whether the reader waits in an IDLE now. */
	boolean isIdling() {
		return idling != null;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		Duration backOff = Duration.ofSeconds(1);
		while (running) {
			try (Store store = session().getStore(connection.ssl() ? "imaps" : "imap")) {
				String secret = connection.oauth2() != null ? connection.oauth2().token() : connection.password();
				store.connect(connection.host(), connection.port(), connection.username(), secret);
				Folder folder = store.getFolder(connection.folder());
				folder.open(Folder.READ_WRITE);
				boolean idle = store instanceof IMAPStore imapStore && imapStore.hasCapability("IDLE");
				log.info("Reading replies from {} ({})", connection, idle ? "IDLE" : "polling every " + interval);
				backOff = Duration.ofSeconds(1);
				unavailableSince = null;
				while (running && store.isConnected()) {
					if (myTurn()) {
						fetchUnseen(folder);
						deleteStoredInTime(folder);
					}
					if (!running) {
						break;
					}
					if (idle && folder instanceof IMAPFolder imapFolder) {
						idling = imapFolder;
						try {
							imapFolder.idle(true);
						}
						finally {
							idling = null;
						}
					}
					else {
						Thread.sleep(interval.toMillis());
					}
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception e) {
				if (!running) {
					return;
				}
				if (unavailableSince == null) {
					unavailableSince = java.time.Instant.now();
				}
				log.warn("IMAP mailbox {} not available, trying again in {}: {}", connection, backOff, e.getMessage());
				sleep(backOff);
				backOff = backOff.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5)
						: backOff.multipliedBy(2);
			}
		}
	}

	/**
	 * Whether this node fetches this round. Without the database no mail could be stored anyway: the
	 * round is skipped and the mail waits unseen, without counting the mailbox as unavailable.
	 */
	private boolean myTurn() {
		try {
			return reader.turn();
		}
		catch (DataAccessException e) {
			log.debug("Cannot take the turn at reading {} without the database: {}", connection, e.getMessage());
			return false;
		}
	}

	private void deleteStoredInTime(Folder folder) {
		java.time.Instant now = java.time.Instant.now();
		if (deleteStoredAfter == null || Duration.between(lastDeletion, now).compareTo(Duration.ofHours(1)) < 0) {
			return;
		}
		lastDeletion = now;
		try {
			int deleted = deleteStoredBefore(folder, now.minus(deleteStoredAfter));
			if (deleted > 0) {
				log.info("Deleted {} mail(s) stored more than {} ago from {}", deleted, deleteStoredAfter, connection);
			}
		}
		catch (MessagingException | RuntimeException e) {
			// The mail stays where it is until the next hour; reading the mailbox goes on.
			log.warn("Could not delete stored mail from {}: {}", connection, e.getMessage());
		}
	}

	/** At most this many mails are deleted from the mailbox in one round (one an hour): the first on a full mailbox is long. */
	private static final int DELETE_PER_ROUND = 500;

	/**
	 * Deletes from the mailbox the mail that arrived before {@code before} and is stored here: seen, at or
	 * below the highest UID stored, and with a Message-ID this database holds (stored, or stored and erased
	 * since: the key stays to recognise a redelivery). Seen alone says nothing: mail read by someone before
	 * Briefwissel came to the mailbox, or one the adapter could not read, was never stored. The stored copy
	 * goes on under the product's own erasure and retention; the mailbox's copy was outside both, for
	 * good. A mail too big to keep stays: only its headers were stored. Only these mails are expunged where the server can (UIDPLUS): an operator's own deletions stay theirs.
	 */
	int deleteStoredBefore(Folder folder, java.time.Instant before) throws MessagingException {
		if (!(folder instanceof IMAPFolder imap)) {
			return 0;
		}
		long storedUpTo = HighestStored.of(jdbc, folder).uid();
		if (storedUpTo <= 0) {
			return 0;
		}
		Message[] old = imap.search(new jakarta.mail.search.AndTerm(new FlagTerm(new Flags(Flags.Flag.SEEN), true),
				// IMAP searches by day (BEFORE a date is before its midnight): a day later, then to the hour below.
				new jakarta.mail.search.ReceivedDateTerm(jakarta.mail.search.ComparisonTerm.LT,
						java.util.Date.from(before.plus(Duration.ofDays(1))))));
		// Newest first, a slice at a time, until a round's worth is found: mail that stays (read there before
		// Briefwissel came, never readable, without a Message-ID) lies mostly at the oldest end, and a fixed
		// first slice of it would have stopped the clean-up for good.
		java.util.Map<String, Message> byKey = new java.util.LinkedHashMap<>();
		for (int end = old.length, slices = 0; end > 0 && byKey.size() < DELETE_PER_ROUND && slices < 10; end -= DELETE_PER_ROUND, slices++) {
			Message[] slice = java.util.Arrays.copyOfRange(old, Math.max(0, end - DELETE_PER_ROUND), end);
			FetchProfile profile = new FetchProfile();
			profile.add(FetchProfile.Item.ENVELOPE); // the Message-ID and the date it arrived, for the slice in one command
			profile.add(UIDFolder.FetchProfileItem.UID);
			profile.add(FetchProfile.Item.SIZE);
			imap.fetch(slice, profile);
			java.util.Map<String, Message> candidates = new java.util.LinkedHashMap<>();
			for (Message mail : slice) {
				long uid = imap.getUID(mail);
				java.util.Date received = mail.getReceivedDate();
				String key = InboundMails.MessageIds.keyOfHeader(
						mail instanceof jakarta.mail.internet.MimeMessage mime ? mime.getMessageID() : null);
				// A mail too big to keep was stored as its headers only: the mailbox has the only whole copy.
				boolean storedWhole = mail.getSize() >= 0 && mail.getSize() <= MailReader.MAX_MAIL_BYTES;
				if (uid > 0 && uid <= storedUpTo && received != null && received.toInstant().isBefore(before) && key != null
						&& storedWhole) {
					candidates.put(key, mail);
				}
			}
			if (!candidates.isEmpty()) {
				jdbc.sql("select dedup_key from inbound_mail where dedup_key in (:keys)")
					.param("keys", candidates.keySet())
					.query(String.class)
					.list()
					.forEach(key -> byKey.put(key, candidates.get(key)));
			}
		}
		if (byKey.isEmpty()) {
			return 0;
		}
		Message[] stored = byKey.values().toArray(Message[]::new);
		imap.setFlags(stored, new Flags(Flags.Flag.DELETED), true);
		if (imap.getStore() instanceof IMAPStore imapStore && imapStore.hasCapability("UIDPLUS")) {
			imap.expunge(stored);
		}
		else {
			imap.expunge();
		}
		return stored.length;
	}

	/**
	 * Stores every unseen mail, and every mail above the highest one stored before whether someone
	 * read it or not ({@link HighestStored}), in batches, marking a batch seen once it is committed.
	 * Returns how many were stored.
	 */
	int fetchUnseen(Folder folder) throws MessagingException {
		HighestStored storedUpTo = HighestStored.of(jdbc, folder);
		Message[] unseen = searchUnseen(folder, storedUpTo.uid());
		int stored = 0;
		for (int from = 0; from < unseen.length; from += BATCH) {
			Message[] batch = java.util.Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + BATCH));
			prefetchSizes(folder, batch);
			List<Message> committed = store(folder, batch);
			// Marked seen only now that each is committed; a crash before this line fetches them again,
			// and a mail fetched again is recognised by its Message-ID and stored once.
			folder.setFlags(committed.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
			// A mail that could not be read is tried again as unseen: someone may have opened it, and the
			// highest stored UID may pass it now.
			Message[] notStored = java.util.Arrays.stream(batch).filter(m -> !committed.contains(m)).toArray(Message[]::new);
			if (notStored.length > 0) {
				folder.setFlags(notStored, new Flags(Flags.Flag.SEEN), false);
			}
			storedUpTo.advance(folder, committed);
			stored += committed.size();
			// Processing starts on this batch while the next one is fetched.
			processor.wakeUp();
			if (from + BATCH < unseen.length && (stopping || !myTurn())) {
				break; // the node stops, or a long round outlived the lease and another node took over: it fetches the rest
			}
		}
		return stored;
	}

	/**
	 * The unseen mails, found by their UIDs. By number they would be wrong as soon as another client
	 * expunged a mail while this connection stays open: the client library keeps its own numbers
	 * for the mails it knows until the folder is closed, and the server's numbers move down, so mail
	 * number n is no longer the n-th mail on the server. A UID always names the same mail.
	 * <p>
	 * A server may find mail in a search that it never announced on this connection (no {@code EXISTS}:
	 * Exchange does this, and GreenMail when a mail arrives while it answers another command). The client
	 * library cannot name such mail by UID (nor by number), round after round, until some later mail is
	 * announced; with nothing after it, it would wait in the mailbox for good. Selecting the folder again
	 * makes the server count anew and the library's numbers the server's.
	 */
	private static Message[] searchUnseen(Folder folder, long storedUpTo) throws MessagingException {
		if (!(folder instanceof IMAPFolder imap)) {
			return folder.search(UNSEEN);
		}
		long[] unseenUids = uidSearch(imap, "UNSEEN");
		// Mail that came after the last one stored, read or not (someone opened it in another program
		// first). "UID n:*" also names the newest mail when none is newer than n: only those above n count.
		long[] newer = storedUpTo < 0 ? new long[0]
				: java.util.Arrays.stream(uidSearch(imap, "UID " + (storedUpTo + 1) + ":*")).filter(uid -> uid > storedUpTo).toArray();
		long[] uids = java.util.stream.LongStream.concat(java.util.Arrays.stream(unseenUids), java.util.Arrays.stream(newer))
			.distinct().sorted().toArray();
		if (uids.length == 0) {
			return new Message[0];
		}
		Message[] unseen = imap.getMessagesByUID(uids);
		if (java.util.Arrays.stream(unseen).allMatch(java.util.Objects::nonNull)) {
			return unseen;
		}
		log.info("The mailbox {} holds mail the server did not announce on this connection; selecting it again",
				folder.getFullName());
		folder.close(false);
		folder.open(Folder.READ_WRITE);
		return java.util.Arrays.stream(imap.getMessagesByUID(uids)).filter(java.util.Objects::nonNull).toArray(Message[]::new);
	}

	private static long[] uidSearch(IMAPFolder imap, String criteria) throws MessagingException {
		return (long[]) imap.doCommand(protocol -> {
			Response[] responses = protocol.command("UID SEARCH " + criteria, null);
			java.util.stream.LongStream.Builder found = java.util.stream.LongStream.builder();
			for (Response response : responses) {
				if (response instanceof IMAPResponse untagged && untagged.isUnTagged() && untagged.keyEquals("SEARCH")) {
					for (long uid = untagged.readLong(); uid != -1; uid = untagged.readLong()) {
						found.add(uid);
					}
				}
			}
			protocol.notifyResponseHandlers(responses);
			protocol.handleResult(responses[responses.length - 1]);
			return found.build().toArray();
		});
	}

	/**
	 * Asks the sizes (and UIDs, where not known yet) of a whole batch in one command instead of one
	 * round trip per mail, which on a full mailbox is most of the time spent. A server that cannot
	 * answer for the batch (a malformed mail among them) is asked per mail afterwards, as before.
	 */
	private static void prefetchSizes(Folder folder, Message[] batch) {
		FetchProfile sizes = new FetchProfile();
		sizes.add(FetchProfile.Item.SIZE);
		sizes.add(UIDFolder.FetchProfileItem.UID);
		try {
			folder.fetch(batch, sizes);
		}
		catch (MessagingException | RuntimeException perMailInstead) {
			log.debug("Batch fetch of sizes refused ({}); asking per mail", perMailInstead.getMessage());
		}
	}

	/**
	 * Stores each mail of the batch in its own transaction; returns those that are committed. The small
	 * mails are fetched whole, many in one command ({@link #wholeMails}); the others one by one.
	 */
	private List<Message> store(Folder folder, Message[] batch) throws MessagingException {
		List<Message> stored = new java.util.ArrayList<>(batch.length);
		for (Group group : groups(batch)) {
			java.util.Map<Long, byte[]> whole = wholeMails(folder, group.whole());
			for (Message message : group.mails()) {
				byte[] fetched = whole.get(uid(message));
				byte[] raw = fetched != null ? fetched : readOne(message);
				if (raw != null) {
					inbound.store(raw, InboundMails.Source.IMAP, null, List.of());
					stored.add(message);
				}
			}
		}
		return stored;
	}

	/** One mail's bytes, asked for on their own; null for a mail the server cannot give, which stays unseen. */
	private static byte[] readOne(Message message) throws MessagingException {
		try {
			return raw(message);
		}
		catch (MessagingException envelopeFailed) {
			// Some servers cannot describe a malformed mail (its envelope); its bytes still come.
			try {
				return rawWithoutEnvelope(message);
			}
			catch (MessagingException | java.io.IOException unreadable) {
				if (!message.getFolder().isOpen()) {
					// The connection is gone, not this mail: reconnect; what is committed is fetched again and stored once.
					throw new jakarta.mail.FolderClosedException(message.getFolder(), unreadable.getMessage());
				}
				// Left unseen, so nothing is lost and it is tried again; the mails behind it go on.
				log.error("Mail with UID {} in the mailbox cannot be read ({}); it stays in the mailbox, the others are fetched",
						uid(message), unreadable.getMessage());
				return null;
			}
		}
	}

	/** Consecutive mails of a batch, and the UIDs of those among them small enough to fetch whole. */
	private record Group(List<Message> mails, long[] whole) {
	}

	/**
	 * The batch in runs of consecutive mails whose small ones together stay within one command's bytes,
	 * so that a batch never holds more than that in memory at once. Each mail's size is asked once.
	 */
	private static List<Group> groups(Message[] batch) {
		List<Group> groups = new java.util.ArrayList<>();
		List<Message> mails = new java.util.ArrayList<>();
		java.util.stream.LongStream.Builder whole = java.util.stream.LongStream.builder();
		long bytes = 0;
		for (Message message : batch) {
			int size = knownSize(message);
			long uid = uid(message);
			boolean small = size >= 0 && size <= WHOLE_UP_TO && uid >= 0;
			if (small && !mails.isEmpty() && bytes + size > WHOLE_PER_COMMAND) {
				groups.add(new Group(mails, whole.build().toArray()));
				mails = new java.util.ArrayList<>();
				whole = java.util.stream.LongStream.builder();
				bytes = 0;
			}
			mails.add(message);
			if (small) {
				whole.add(uid);
				bytes += size;
			}
		}
		if (!mails.isEmpty()) {
			groups.add(new Group(mails, whole.build().toArray()));
		}
		return groups;
	}

	/** The mail's UID, as the batch's fetch gave it; -1 when there is none (a folder without UIDs). */
	private static long uid(Message message) {
		try {
			return message.getFolder() instanceof UIDFolder uids ? uids.getUID(message) : -1;
		}
		catch (MessagingException unknown) {
			return -1;
		}
	}

	/** The size the server gave for the batch; -1 when it cannot say (a malformed mail). */
	private static int knownSize(Message message) {
		try {
			return message.getSize();
		}
		catch (MessagingException unknown) {
			return -1;
		}
	}

	/**
	 * The small mails of a group, by their UIDs, fetched whole in one command ({@code BODY.PEEK[]}:
	 * nothing is marked seen). One by one, each mail was a command per 16 KB of it, and to a provider's
	 * mailbox over the internet each command is a round trip. The bytes are taken from the answer, not
	 * kept on the messages, which the open folder holds on to. A mail missing from the answer (the server
	 * refused the command, could not give that mail, or another client expunged it) is read one by one
	 * afterwards.
	 */
	private static java.util.Map<Long, byte[]> wholeMails(Folder folder, long[] uids) {
		java.util.Map<Long, byte[]> whole = new java.util.HashMap<>();
		if (uids.length == 0 || !(folder instanceof IMAPFolder imap)) {
			return whole;
		}
		try {
			imap.doCommand(protocol -> {
				Response[] responses = protocol.command("UID FETCH " + UIDSet.toString(UIDSet.createUIDSets(uids))
						+ " (UID BODY.PEEK[])", null);
				for (Response response : responses) {
					if (response instanceof FetchResponse fetched) {
						BODY body = fetched.getItem(BODY.class);
						UID uid = fetched.getItem(UID.class);
						if (uid != null && body != null && body.getSection().isEmpty() && body.getByteArray() != null) {
							whole.put(uid.uid, body.getByteArray().getNewBytes());
						}
					}
				}
				protocol.notifyResponseHandlers(responses); // flags and new mail, as the library's own commands do
				protocol.handleResult(responses[responses.length - 1]);
				return null;
			});
		}
		catch (MessagingException | RuntimeException refused) {
			log.debug("Whole mails refused for {} of the batch ({}); reading those one by one", uids.length - whole.size(),
					refused.getMessage());
		}
		return whole;
	}

	/** The mail's bytes as the server keeps them, without asking for its envelope or size first. */
	private static byte[] rawWithoutEnvelope(Message message) throws MessagingException, java.io.IOException {
		if (!(message instanceof org.eclipse.angus.mail.imap.IMAPMessage imap)) {
			throw new MessagingException("Not an IMAP message");
		}
		try (java.io.InputStream in = imap.getMimeStream()) {
			byte[] raw = in.readNBytes(MailReader.MAX_MAIL_BYTES + 1);
			if (raw.length <= MailReader.MAX_MAIL_BYTES) {
				return raw;
			}
			String text = new String(raw, 0, Math.min(raw.length, 64 * 1024), java.nio.charset.StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String headers = end < 0 ? "" : text.substring(0, end + 2);
			return ("X-Briefwissel-Too-Big: more than " + MailReader.MAX_MAIL_BYTES + "\r\n" + headers + "\r\n")
				.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		}
	}

	private static byte[] raw(Message message) throws MessagingException {
		int size = message.getSize();
		if (size > MailReader.MAX_MAIL_BYTES) {
			// Too big to keep whole; keep the headers and say so, so the mail is quarantined with a reason.
			ByteArrayOutputStream headers = new ByteArrayOutputStream();
			headers.writeBytes(("X-Briefwissel-Too-Big: " + size + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			java.util.Enumeration<jakarta.mail.Header> all = message.getAllHeaders();
			while (all.hasMoreElements()) {
				jakarta.mail.Header header = all.nextElement();
				headers.writeBytes((header.getName() + ": " + header.getValue() + "\r\n")
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			}
			headers.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			return headers.toByteArray();
		}
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(size, 1024));
			message.writeTo(out);
			return out.toByteArray();
		}
		catch (java.io.IOException e) {
			throw new MessagingException("Could not read the mail from the server", e);
		}
	}

	private Session session() {
		Properties properties = new Properties();
		String protocol = connection.ssl() ? "imaps" : "imap";
		properties.put("mail." + protocol + ".connectiontimeout", "10000");
		properties.put("mail." + protocol + ".timeout", "60000");
		// Reading a mail must not mark it seen before it is stored.
		properties.put("mail." + protocol + ".peek", "true");
		if (connection.oauth2() != null) {
			properties.put("mail." + protocol + ".auth.mechanisms", "XOAUTH2");
			properties.put("mail." + protocol + ".auth.login.disable", "true");
			properties.put("mail." + protocol + ".auth.plain.disable", "true");
		}
		return Session.getInstance(properties);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
