package nl.briefwissel.closing;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/**
 * What people wrote at the end, sealed at rest: the closing summary and the reaction to it, evaluation
 * answers waiting for their month to be over (decision 0008) and the remarks of those published.
 */
@Component
class EvaluationContent implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.text("evaluation_answer_waiting", "id", "answers_key_id", "answers"),
				EncryptedTable.text("evaluation_answer", "id", "remarks_key_id", "remarks"),
				EncryptedTable.text("closing", "trajectory_id", "summary_key_id", "summary"),
				EncryptedTable.text("closing", "trajectory_id", "reaction_key_id", "reaction"));
	}
}
