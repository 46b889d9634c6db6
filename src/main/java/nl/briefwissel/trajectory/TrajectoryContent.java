package nl.briefwissel.trajectory;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/**
 * What people wrote about a trajectory, sealed at rest (decision 0009): the question of an application,
 * the participant's goals, the coach's words with a pause, a stop or a completion, and a coach's words
 * declining a proposal; and the files an application by mail came with (a CV), which a rotation that passed them by
 * would leave under a key the operator then removes.
 */
@Component
class TrajectoryContent implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.text("trajectory", "id", "goals_key_id", "goals"),
				EncryptedTable.text("trajectory_transition", "id", "reason_key_id", "reason"),
				EncryptedTable.text("intake", "id", "question_key_id", "question"),
				EncryptedTable.text("coach_proposal", "id", "decline_reason_key_id", "decline_reason"),
				EncryptedTable.bytes("intake_attachment", "id", "content_key_id", "content"));
	}
}
