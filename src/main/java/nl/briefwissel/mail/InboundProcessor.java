package nl.briefwissel.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.briefwissel.encryption.Encryption;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processes stored inbound mail: reads it and hands it to the {@link InboundMailHandler}, in one
 * transaction per mail claimed with {@code FOR UPDATE SKIP LOCKED}, so every worker on every node
 * can help and no mail is handled twice. Workers wake up as soon as an adapter on this node stored
 * a mail, and poll for mail stored by other nodes. A mail whose handling fails is retried with back-off; after the last
 * attempt it is marked failed and stays visible to administrators: nothing is dropped.
 */
@Component
class InboundProcessor implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);

	/**
	 * Ten attempts, the waits doubling from ten seconds: the last comes some 85 minutes after the first,
	 * past a database's fail-over or a restart. Five gave up within three minutes.
	 */
	static final int MAX_ATTEMPTS = 10;

	private static final int BATCH = 25;

	/**
	 * How much raw mail a worker reads from the database at once. A batch claims its mails without their
	 * raw bytes and reads them a few at a time, each time as many as fit, and at least one: 25 replies of a
	 * few kB still come in one read, while 25 mails at the 25 MB limit, some 625 MB, would exhaust a heap
	 * meant to stay under 512 MB (docs/performance.md, "Footprint"). A worker then holds at most this, or
	 * one larger mail, of raw mail; a read more for each large mail costs little next to parsing it
	 * (decision 0044).
	 */
	static final int LOAD_BUDGET_BYTES = 4 * 1024 * 1024;

	private final JdbcTemplate batch;

	private final int workers;

	private final Duration pollInterval;

	private final Semaphore signal = new Semaphore(0);

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean running;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final InboundMailHandler handler;

	private final Clock clock;

	private final Encryption encryption;

	/** How our own mails' sender shows in a quote of them, lower case (decision 0059). */
	private final List<String> ourSenders;

	InboundProcessor(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions, InboundMailHandler handler,
			Clock clock, Encryption encryption, MailProperties properties,
			@Value("${briefwissel.mail.inbound.workers:4}") int workers,
			@Value("${briefwissel.mail.inbound.poll-interval:500ms}") Duration pollInterval) {
		this.ourSenders = ourSenders(properties);
		this.workers = workers;
		this.pollInterval = pollInterval;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.batch = batch;
		this.handler = handler;
		this.clock = clock;
		this.encryption = encryption;
	}

	/** How our own mails' sender shows in a quote of them, lower case (decision 0059). */
	static List<String> ourSenders(MailProperties properties) {
		// "Anja de Vries via Briefwissel <noreply@…>": Outlook shows the name alone at times.
		return List.of(properties.fromAddress().toLowerCase(java.util.Locale.ROOT),
				("via " + properties.fromName()).toLowerCase(java.util.Locale.ROOT));
	}

	/** The envelope's recipients as stored, comma-separated. */
	static List<String> envelope(String envelopeTo) {
		return envelopeTo == null ? List.of() : Arrays.asList(envelopeTo.split(","));
	}

	/** A claimed row, without its raw mail: that is read in {@link #read}, a few mails at a time. */
	private record Claimed(UUID id, int size, String envelopeTo, OffsetDateTime receivedAt, int attempts) {
	}

	/** A claimed mail as stored: still sealed, and opened in {@link #handle} so a failure counts as an attempt. */
	private record Sealed(byte[] bytes, String keyId) {
	}

	@Override
	public void start() {
		running = true;
		for (int i = 0; i < workers; i++) {
			Thread worker = new Thread(this::work, "inbound-" + i);
			worker.setDaemon(true);
			worker.start();
			threads.add(worker);
		}
	}

	@Override
	public void stop() {
		running = false;
		threads.forEach(Thread::interrupt);
		for (Thread thread : threads) {
			try {
				thread.join(5000);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		threads.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Called by the adapters on this node after a mail is stored: process it now, not at the next poll. */
	void wakeUp() {
		signal.release(workers);
	}

	private void work() {
		while (running) {
			try {
				while (running && processBatch() > 0) {
					// keep going while there is work; other nodes' workers take their share through SKIP LOCKED
				}
				signal.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
				signal.drainPermits();
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException e) {
				log.warn("Inbound worker could not reach the database; trying again", e);
				sleep(pollInterval);
			}
			catch (Error e) {
				// Out of memory on a large mail while other work filled the heap, say: the worker pauses and goes
				// on, one mail at a time after that batch's rollback, instead of ending and leaving this node's
				// mail unread.
				log.error("Inbound worker stopped by {}; going on after a pause", e.toString(), e);
				sleep(pollInterval);
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Processes up to {@value #BATCH} due mails in one transaction: one commit for the batch. When
	 * one mail breaks the batch, the batch is rolled back and its mails are processed one by one,
	 * each in its own transaction, so only the broken one is retried later. Returns how many mails
	 * were claimed. The raw mails are read {@linkplain #LOAD_BUDGET_BYTES a few at a time}.
	 */
	int processBatch() {
		try {
			Integer claimed = transactions.execute(status -> {
				List<Claimed> batch = claim(BATCH);
				List<Object[]> processed = new ArrayList<>(batch.size());
				for (List<Claimed> load : loads(batch)) {
					Map<UUID, Sealed> read = read(load);
					for (Claimed mail : load) {
						// removed as it is handled, so a handled mail's bytes can go before the next is read
						processed.add(handle(mail, read.remove(mail.id())));
					}
				}
				markProcessed(processed);
				return batch.size();
			});
			return claimed == null ? 0 : claimed;
		}
		catch (RuntimeException | Error batchFailed) {
			int processed = 0;
			while (processed < BATCH && processNext()) {
				processed++;
			}
			return processed;
		}
	}

	/** Processes one due mail in its own transaction; false when there was none. */
	boolean processNext() {
		Claimed[] current = new Claimed[1];
		try {
			Boolean processed = transactions.execute(status -> {
				List<Claimed> one = claim(1);
				if (one.isEmpty()) {
					return false;
				}
				current[0] = one.get(0);
				markProcessed(List.<Object[]>of(handle(current[0], read(one).get(current[0].id()))));
				return true;
			});
			return Boolean.TRUE.equals(processed);
		}
		catch (RuntimeException | Error e) {
			// An Error too (a stack overflow on a pathological mail): it is that mail's failure, counted
			// and retried like any other, not the end of the worker.
			if (current[0] == null) {
				throw e;
			}
			transactions.executeWithoutResult(status -> recordFailure(current[0].id(), current[0].attempts() + 1, e));
			return true;
		}
	}

	private List<Claimed> claim(int limit) {
		return jdbc.sql("""
				select id, size_bytes, envelope_to, received_at, attempts from inbound_mail
				where status = 'RECEIVED' and next_attempt_at <= :now
				order by next_attempt_at
				limit :batch
				for update skip locked""")
			.param("now", OffsetDateTime.now(clock))
			.param("batch", limit)
			.query((rs, n) -> new Claimed(rs.getObject("id", UUID.class), rs.getInt("size_bytes"), rs.getString("envelope_to"),
					rs.getObject("received_at", OffsetDateTime.class), rs.getInt("attempts")))
			.list();
	}

	/**
	 * The claimed mails in order, cut into reads of at most {@value #LOAD_BUDGET_BYTES} bytes of stored size,
	 * a larger mail alone in its own.
	 */
	private static List<List<Claimed>> loads(List<Claimed> claimed) {
		List<List<Claimed>> loads = new ArrayList<>();
		List<Claimed> load = new ArrayList<>();
		long bytes = 0;
		for (Claimed mail : claimed) {
			if (!load.isEmpty() && bytes + mail.size() > LOAD_BUDGET_BYTES) {
				loads.add(load);
				load = new ArrayList<>();
				bytes = 0;
			}
			load.add(mail);
			bytes += mail.size();
		}
		if (!load.isEmpty()) {
			loads.add(load);
		}
		return loads;
	}

	/** The raw mails of these claimed rows, which this transaction holds locked. */
	private Map<UUID, Sealed> read(List<Claimed> load) {
		Map<UUID, Sealed> read = new HashMap<>();
		jdbc.sql("select id, raw_mail, raw_mail_key_id from inbound_mail where id in (:ids)")
			.param("ids", load.stream().map(Claimed::id).toList())
			.query(rs -> {
				read.put(rs.getObject("id", UUID.class), new Sealed(rs.getBytes("raw_mail"), rs.getString("raw_mail_key_id")));
			});
		return read;
	}

	/** Reads and hands over one mail; returns the values that mark it processed. */
	private Object[] handle(Claimed mail, Sealed sealed) {
		if (sealed == null) {
			throw new IllegalStateException("Inbound mail " + mail.id() + " was claimed but its raw mail could not be read");
		}
		ReadMail content = MailReader.read(encryption.open(sealed.keyId(), sealed.bytes()), envelope(mail.envelopeTo()),
				ourSenders);
		InboundResult result = handler.handle(new InboundMail(mail.id(), mail.receivedAt(), content));
		log.info("Inbound mail {} ({}): {}", mail.id(), content.kind().code(), result.describe());
		return new Object[] { content.kind().name(), truncate(result.describe(), 1000), OffsetDateTime.now(clock), mail.id() };
	}

	private void markProcessed(List<Object[]> processed) {
		if (!processed.isEmpty()) {
			batch.batchUpdate("""
					update inbound_mail set status = 'PROCESSED', kind = ?, outcome = ?, processed_at = ?,
					    attempts = attempts + 1, last_error = null
					where id = ?""", processed);
		}
	}

	/**
	 * Counts the failed attempt. Neither the log nor the row keeps the exception's message: a parser's message
	 * names the addresses and header text of the mail it read, which an erasure of the person takes from the
	 * database but never from operators' logs. The classes and the stack say where it broke; the mail itself
	 * is kept and read again on the next attempt.
	 */
	private void recordFailure(UUID id, int attempt, Throwable e) {
		String error = truncate(classes(e) + "; see the log for inbound mail " + id, 2000);
		boolean giveUp = attempt >= MAX_ATTEMPTS;
		log.warn("Processing inbound mail {} failed (attempt {}{}): {}", id, attempt, giveUp ? ", giving up" : "", classes(e),
				WithoutMessage.of(e));
		jdbc.sql("""
				update inbound_mail set attempts = :attempt, last_error = :error, next_attempt_at = :next,
				    status = :status
				where id = :id and status = 'RECEIVED' and attempts < :attempt""")
			.param("attempt", attempt)
			.param("error", error)
			.param("next", OffsetDateTime.now(clock).plus(Duration.ofSeconds(5L << Math.min(attempt, 10))))
			.param("status", giveUp ? "FAILED" : "RECEIVED")
			.param("id", id)
			.update();
	}

	/** The exception's class and those of its causes, outermost first. */
	private static String classes(Throwable e) {
		StringBuilder classes = new StringBuilder(e.getClass().getSimpleName());
		java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		seen.add(e);
		for (Throwable cause = e.getCause(); cause != null && seen.add(cause) && seen.size() <= 10; cause = cause.getCause()) {
			classes.append(", caused by ").append(cause.getClass().getSimpleName());
		}
		return classes.toString();
	}

	/**
	 * A failure as the log shows it: the original's class name, stack and causes, without any message (nor
	 * the suppressed exceptions, which carry theirs).
	 */
	private static final class WithoutMessage extends Exception {

		private static final long serialVersionUID = 1L;

		private WithoutMessage(Throwable original, WithoutMessage cause) {
			super(original.getClass().getName(), cause, false, true);
			setStackTrace(original.getStackTrace());
		}

		static WithoutMessage of(Throwable original) {
			java.util.List<Throwable> chain = new java.util.ArrayList<>();
			java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
			for (Throwable t = original; t != null && seen.add(t) && chain.size() < 10; t = t.getCause()) {
				chain.add(t);
			}
			WithoutMessage stripped = null;
			for (int i = chain.size() - 1; i >= 0; i--) {
				stripped = new WithoutMessage(chain.get(i), stripped);
			}
			return stripped;
		}
	}

	private static String truncate(String value, int length) {
		return value == null || value.length() <= length ? value : value.substring(0, length);
	}
}
