package nl.briefwissel.account;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/**
 * Secrets that let someone sign in, sealed at rest like content: whoever reads a copy of the
 * database cannot compute anyone's codes or act as Briefwissel towards an organisation's provider.
 */
@Component
class SignInSecrets implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.text("account", "id", "totp_secret_key_id", "totp_secret"),
				EncryptedTable.text("single_sign_on", "organisation_id", "client_secret_key_id", "client_secret"));
	}
}
