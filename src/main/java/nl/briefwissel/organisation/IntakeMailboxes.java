package nl.briefwissel.organisation;

import nl.briefwissel.mail.EmbeddedMailServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

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

	/** An intake address the programme no longer has: its mail went to the platform's mailbox for good. */
	void dropAlias(String address) {
		if (address != null) {
			server.ifAvailable(mail -> mail.stopDeliveringToPlatform(address));
		}
	}
}
