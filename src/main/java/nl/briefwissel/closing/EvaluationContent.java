package nl.briefwissel.closing;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/** Evaluation answers waiting for their month to be over, sealed at rest (decision 0008). */
@Component
class EvaluationContent implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.text("evaluation_answer_waiting", "id", "answers_key_id", "answers"));
	}
}
