package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.mail.ReplyAddress;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reply token of each trajectory's participant: random, stored, and looked up on every
 * inbound mail. Also remembers when mail to the participant started bouncing.
 */
@Repository
class ReplyTokens {

	record Binding(String token, UUID trajectoryId, UUID participantId, OffsetDateTime failingSince, String failure) {
	}

	private final JdbcClient jdbc;

	private final ReplyAddress addresses;

	private final Clock clock;

	ReplyTokens(JdbcClient jdbc, ReplyAddress addresses, Clock clock) {
		this.jdbc = jdbc;
		this.addresses = addresses;
		this.clock = clock;
	}

	String tokenFor(UUID trajectoryId, UUID participantId) {
		return binding(trajectoryId).map(Binding::token).orElseGet(() -> {
			// Two nodes may write a trajectory's first token at the same moment (a reminder on one, the
			// coach's letter on the other): the second insert waits for the first, then does nothing,
			// and both hand out the token that was written.
			// The thread's language is fixed here, with its first mail: its subject stays in it (decision 0097).
			jdbc.sql("""
					insert into reply_token (token, trajectory_id, participant_id, created_at, thread_language)
					values (:token, :trajectory, :participant, :now,
					    coalesce((select a.preferred_language from account a where a.id = :participant), 'nl'))
					on conflict do nothing""")
				.param("token", addresses.newToken())
				.param("trajectory", trajectoryId)
				.param("participant", participantId)
				.param("now", OffsetDateTime.now(clock))
				.update();
			return binding(trajectoryId).orElseThrow().token();
		});
	}

	/**
	 * The language of the trajectory's mail thread, fixed when its reply address was made with its first
	 * mail; its subject stays in it (decision 0097). Empty before that first mail.
	 */
	Optional<Locale> threadLanguage(UUID trajectoryId) {
		return jdbc.sql("select thread_language from reply_token where trajectory_id = :trajectory")
			.param("trajectory", trajectoryId)
			.query(String.class)
			.optional()
			.map(Locale::forLanguageTag);
	}

	Optional<Binding> byToken(String token) {
		return jdbc.sql("select token, trajectory_id, participant_id, mail_failing_since, mail_failure from reply_token where token = :token")
			.param("token", token)
			.query((rs, n) -> map(rs))
			.optional();
	}

	Optional<Binding> binding(UUID trajectoryId) {
		return jdbc.sql("select token, trajectory_id, participant_id, mail_failing_since, mail_failure from reply_token where trajectory_id = :trajectory")
			.param("trajectory", trajectoryId)
			.query((rs, n) -> map(rs))
			.optional();
	}

	void markFailing(UUID trajectoryId, String failure) {
		jdbc.sql("update reply_token set mail_failing_since = coalesce(mail_failing_since, :now), mail_failure = :failure where trajectory_id = :trajectory")
			.param("now", OffsetDateTime.now(clock))
			.param("failure", failure.length() > 1000 ? failure.substring(0, 1000) : failure)
			.param("trajectory", trajectoryId)
			.update();
	}

	void markWorking(UUID trajectoryId) {
		jdbc.sql("update reply_token set mail_failing_since = null, mail_failure = null where trajectory_id = :trajectory and mail_failing_since is not null")
			.param("trajectory", trajectoryId)
			.update();
	}

	private static Binding map(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Binding(rs.getString("token"), rs.getObject("trajectory_id", UUID.class),
				rs.getObject("participant_id", UUID.class), rs.getObject("mail_failing_since", OffsetDateTime.class),
				rs.getString("mail_failure"));
	}
}
