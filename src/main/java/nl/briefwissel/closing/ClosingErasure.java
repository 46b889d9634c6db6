package nl.briefwissel.closing;

import nl.briefwissel.trajectory.TrajectoryEvents.TrajectoryErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The closing's part of an erasure: the summary and the reaction. The evaluation answers were
 * never linked to a person and stay; the link that asked for them stops working.
 */
@Component
class ClosingErasure {

	private final JdbcClient jdbc;

	ClosingErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(TrajectoryErased erased) {
		jdbc.sql("update closing set summary = '', summary_key_id = null, reaction = null, reaction_key_id = null, mail_message_id = null, changed_mail_message_id = null, reply_not_reaction_id = null where trajectory_id = :t")
			.param("t", erased.trajectoryId())
			.update();
		jdbc.sql("update evaluation_request set token_hash = null, first_token_hash = null where trajectory_id = :t")
			.param("t", erased.trajectoryId())
			.update();
	}
}
