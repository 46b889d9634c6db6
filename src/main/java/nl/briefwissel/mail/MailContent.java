package nl.briefwissel.mail;

import java.util.List;

import nl.briefwissel.encryption.EncryptedTable;
import nl.briefwissel.encryption.EncryptedTables;

import org.springframework.stereotype.Component;

/**
 * Mail sealed at rest: every raw inbound mail, and the bodies of outbound mail while they wait in
 * the outbox (and after, as the record of what was sent). Addresses, subjects and Message-IDs stay
 * plain: routing, threading and retries need them.
 */
@Component
class MailContent implements EncryptedTables {

	@Override
	public List<EncryptedTable> encryptedTables() {
		return List.of(EncryptedTable.bytes("inbound_mail", "id", "raw_mail_key_id", "raw_mail"),
				EncryptedTable.text("outbound_mail", "id", "body_key_id", "text_body", "html_body"));
	}
}
