package nl.briefwissel.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.trajectory.TrajectoryErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps nothing longer than allowed. Each programme sets how long a trajectory is kept after it
 * ends (24 months unless set otherwise); then its words, files and mails go, and once all of a
 * participant's trajectories are gone, their identity too. Every step can run twice, on any
 * node, without harm.
 */
@Component
public class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	/** What one run removed, for the log and the tests. */
	public record Result(int trajectories, int participants, int sentMails, int unneededMails, int applications,
			int auditEntries) {
	}

	private final TrajectoryErasure trajectories;

	private final Erasures erasures;

	private final AuditTrail audit;

	private final MailErasure mail;

	private final Quarantine quarantine;

	private final JdbcClient jdbc;

	private final PrivacyProperties properties;

	private final Clock clock;

	private final CompletedEventPublications completedEvents;

	Retention(TrajectoryErasure trajectories, Erasures erasures, AuditTrail audit, MailErasure mail, Quarantine quarantine,
			JdbcClient jdbc, PrivacyProperties properties, Clock clock, CompletedEventPublications completedEvents) {
		this.completedEvents = completedEvents;
		this.trajectories = trajectories;
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
		if (!result.equals(new Result(0, 0, 0, 0, 0, 0))) {
			log.info("Retention: {}", result);
		}
	}

	public Result run() {
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<UUID> expired = trajectories.pastRetention(LocalDate.now(clock));
		expired.forEach(trajectory -> trajectories.erase(trajectory, null));
		List<UUID> participants = fullyErasedParticipants().stream().filter(erasures::forgetIdentityIfAllErased).toList();
		int sent = mail.forgetSentBefore(now.minus(properties.sentMailKeptFor()));
		quarantine.discardUnclaimedBefore(now.minus(properties.unneededMailKeptFor()));
		int unneeded = mail.forgetUnneededInboundBefore(now.minus(properties.unneededMailKeptFor()));
		int applications = trajectories.eraseUnfinishedApplicationsBefore(now.minus(properties.unfinishedApplicationKeptFor()));
		int trail = audit.forgetBefore(now.minus(properties.auditKeptFor()));
		// Events between modules are kept until their listeners are done, so none is lost on a restart; done,
		// they are only a copy of what they carried (a refused address, a participant's name) kept for good.
		completedEvents.deletePublicationsOlderThan(java.time.Duration.ofDays(1));
		return new Result(expired.size(), participants.size(), sent, unneeded, applications, trail);
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
