package nl.briefwissel.privacy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.AcceptedAddresses;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.trajectory.SilentTrajectories;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps nothing longer than allowed. Each programme sets how long a trajectory is kept after it
 * ends (24 months unless set otherwise); then its words, files and mails go, and once all of a
 * participant's trajectories are gone, their identity too. A trajectory that nobody ends, silent long
 * after its last contact moment, is stopped first, so that its period starts (decision 0108). Every
 * step can run twice, on any node, without harm.
 * <p>
 * Each trajectory, each person and each step has a transaction of its own, and one that fails (a lock
 * that timed out, a deadlock, a row nobody foresaw) is logged and left for the next run: it held back
 * everything after it, the rest of the due trajectories, the people, the old mail and the audit trail,
 * every run again.
 */
@Component
public class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	/** What one run removed, and how many trajectories, people or steps failed, for the log and the tests. */
	public record Result(int silentStopped, int trajectories, int participants, int sentMails, int unneededMails,
			int applications, int auditEntries, int failures) {

		boolean nothing() {
			return equals(new Result(0, 0, 0, 0, 0, 0, 0, 0));
		}
	}

	private final TrajectoryErasure trajectories;

	private final SilentTrajectories silent;

	private final Erasures erasures;

	private final AuditTrail audit;

	private final MailErasure mail;

	private final Quarantine quarantine;

	private final JdbcClient jdbc;

	private final PrivacyProperties properties;

	private final Clock clock;

	private final CompletedEventPublications completedEvents;

	private final TransactionTemplate ownTransaction;

	private final AcceptedAddresses acceptedAddresses;

	Retention(TrajectoryErasure trajectories, SilentTrajectories silent, Erasures erasures, AuditTrail audit, MailErasure mail, Quarantine quarantine,
			JdbcClient jdbc, PrivacyProperties properties, Clock clock, CompletedEventPublications completedEvents,
			PlatformTransactionManager transactionManager, AcceptedAddresses acceptedAddresses) {
		this.acceptedAddresses = acceptedAddresses;
		this.completedEvents = completedEvents;
		// A transaction of its own also when run from within one: a failure rolls back that item alone.
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.trajectories = trajectories;
		this.silent = silent;
		this.quarantine = quarantine;
		this.erasures = erasures;
		this.audit = audit;
		this.mail = mail;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${briefwissel.privacy.retention-interval:1h}",
			initialDelayString = "${briefwissel.privacy.retention-initial-delay:5m}")
	void scheduled() {
		Result result = run();
		if (result.failures() > 0) {
			log.warn("Retention: {}; what failed is tried again next run", result);
		}
		else if (!result.nothing()) {
			log.info("Retention: {}", result);
		}
	}

	public Result run() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		Run run = new Run();
		LocalDate today = LocalDate.now(clock);
		// Stopped today, their period starts today: none of them is erased below.
		List<UUID> silentOnes = run.step("listing trajectories silent long after their last contact moment", List.of(),
				() -> silent.due(today));
		int stopped = run.each("silent trajectory", silentOnes, trajectory -> silent.stop(trajectory, today));
		List<UUID> expired = run.step("listing trajectories past retention", List.of(),
				() -> trajectories.pastRetention(today));
		int erased = run.each("trajectory", expired, trajectory -> {
			trajectories.erase(trajectory, null);
			return true;
		});
		List<UUID> people = run.step("listing people whose trajectories are all erased", List.of(), this::fullyErasedParticipants);
		int forgotten = run.each("person", people, erasures::forgetIdentityIfAllErased);
		int sent = run.step("forgetting sent mail", 0, () -> mail.forgetSentBefore(now.minus(properties.sentMailKeptFor())));
		// Before the mail: what is discarded here is emptied in the step after, in this run. Each entry in a
		// transaction of its own, after its trajectory's lock, as an erasure takes them (decision 0105).
		OffsetDateTime unneededBefore = now.minus(properties.unneededMailKeptFor());
		List<UUID> unclaimed = run.step("listing unclaimed quarantined mail", List.of(),
				() -> quarantine.unclaimedBefore(unneededBefore));
		run.each("quarantined mail", unclaimed, entry -> quarantine.discardIfUnclaimed(entry, unneededBefore));
		// As long as the mail held back from it: an address declined, or never confirmed, may be someone else's (decision 0105).
		run.step("forgetting declined and run-out addresses", 0,
				() -> acceptedAddresses.forgetDeclinedAndRunOutBefore(unneededBefore));
		int unneeded = run.step("forgetting unneeded received mail", 0,
				() -> mail.forgetUnneededInboundBefore(now.minus(properties.unneededMailKeptFor())));
		int applications = run.step("erasing unfinished applications", 0,
				() -> trajectories.eraseUnfinishedApplicationsBefore(now.minus(properties.unfinishedApplicationKeptFor())));
		int trail = run.step("pruning the audit trail", 0, () -> audit.forgetBefore(now.minus(properties.auditKeptFor())));
		// Events between modules are kept until their listeners are done, so none is lost on a restart; done,
		// they are only a copy of what they carried (a refused address, a participant's name) kept for good.
		run.step("deleting completed event publications", null, () -> {
			completedEvents.deletePublicationsOlderThan(Duration.ofDays(1));
			return null;
		});
		return new Result(stopped, erased, forgotten, sent, unneeded, applications, trail, run.failures);
	}

	/** One run's failures: each counted, and logged once with the id of what failed. */
	private final class Run {

		private int failures;

		/** Each item in a transaction of its own; returns how many were done. */
		int each(String kind, List<UUID> ids, Predicate<UUID> work) {
			int done = 0;
			for (UUID id : ids) {
				if (step(kind + " " + id, false, () -> work.test(id))) {
					done++;
				}
			}
			return done;
		}

		<T> T step(String what, T failed, Supplier<T> work) {
			try {
				return ownTransaction.execute(status -> work.get());
			}
			catch (RuntimeException e) {
				failures++;
				log.warn("Retention: {} failed ({}); the next run tries again", what, cause(e));
				return failed;
			}
		}
	}

	/**
	 * What went wrong, without the exception's message or trace: a database quotes the row it refused,
	 * with a person's address or name in it, and this log is kept longer than what it is about.
	 */
	private static String cause(Throwable e) {
		StringBuilder cause = new StringBuilder(e.getClass().getSimpleName());
		String state = null;
		Throwable root = e;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
			if (state == null && root instanceof SQLException sql) {
				state = sql.getSQLState();
			}
		}
		if (root != e) {
			cause.append(" from ").append(root.getClass().getSimpleName());
		}
		if (state != null) {
			cause.append(", SQL state ").append(state);
		}
		return cause.toString();
	}

	/**
	 * Participants (and nothing else) with trajectories, all erased, whose account still has a
	 * name: the last trajectory's retention period is over, so the person goes too.
	 */
	private List<UUID> fullyErasedParticipants() {
		return jdbc.sql("""
				select a.id from account a
				where exists (select 1 from trajectory t where t.participant_id = a.id)
				  and\s""" + Erasures.ONLY_ERASED_PARTICIPATION)
			.query(UUID.class)
			.list();
	}
}
