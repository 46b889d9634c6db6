package nl.briefwissel.organisation;

import nl.briefwissel.mail.EmbeddedMailServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * In the evaluation default, mail to a programme's intake address must reach the platform
 * mailbox that Briefwissel reads, as an alias does on a production mail server (README: "Intake
 * by mail"). Without the embedded server this does nothing.
 */
@Component
class IntakeMailboxes {

	private final ObjectProvider<EmbeddedMailServer> server;

	private final JdbcClient jdbc;

	IntakeMailboxes(ObjectProvider<EmbeddedMailServer> server, JdbcClient jdbc) {
		this.server = server;
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationReadyEvent.class)
	void aliasEveryIntakeAddress() {
		server.ifAvailable(mail -> jdbc.sql("select intake_address from programme where intake_address is not null")
			.query(String.class)
			.list()
			.forEach(mail::deliverToPlatform));
	}

	void alias(String address) {
		if (address != null) {
			server.ifAvailable(mail -> mail.deliverToPlatform(address));
		}
	}

	/**
	 * An intake address the programme no longer has: its mail went to the platform's mailbox for good. Once
	 * the change is committed: a change that rolls back still has the address, and its mail must still arrive.
	 * And only when no programme has it by then: another may have taken it, and aliased it at once, between
	 * the commit and this.
	 */
	void dropAlias(String address) {
		if (address == null) {
			return;
		}
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					if (jdbc.sql("select count(*) from programme where intake_address = :address").param("address", address)
						.query(Long.class)
						.single() == 0) {
						server.ifAvailable(mail -> mail.stopDeliveringToPlatform(address));
					}
				}
			});
			return;
		}
		server.ifAvailable(mail -> mail.stopDeliveringToPlatform(address));
	}
}
