package nl.briefwissel.trajectory;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/** What a participant wrote about their trajectory, sealed at rest: their goals (decision 0009). */
@Component
class TrajectoryContent implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.text("trajectory", "id", "goals_key_id", "goals"));
	}
}
