package nl.briefwissel.evaluation;

import java.util.Optional;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says loudly, once the application is ready, that this is the evaluation default and how to use it. */
@Component
@Profile("!production")
class EvaluationBanner {

	private static final Logger log = LoggerFactory.getLogger(EvaluationBanner.class);

	private final PublicAddress address;

	private final Optional<EmbeddedMailServer> mailServer;

	private final String databaseUrl;

	EvaluationBanner(PublicAddress address, ObjectProvider<EmbeddedMailServer> mailServer,
			@Value("${spring.datasource.url:}") String databaseUrl) {
		this.address = address;
		this.mailServer = Optional.ofNullable(mailServer.getIfAvailable());
		this.databaseUrl = databaseUrl;
	}

	@EventListener(ApplicationReadyEvent.class)
	void announce() {
		log.warn(text());
	}

	String text() {
		String line = "#".repeat(78);
		StringBuilder banner = new StringBuilder("\n").append(line).append('\n');
		banner.append("##  EVALUATION MODE: NOT FOR REAL PARTICIPANTS / EVALUATIEMODUS: NIET VOOR ECHTE DEELNEMERS\n");
		banner.append("##\n");
		banner.append("##  Open  ").append(address.base()).append('\n');
		banner.append("##  Database  ").append(databaseUrl.replaceAll(";.*", "")).append('\n');
		banner.append("##\n");
		banner.append("##  Demo accounts (password \"").append(DemoPeople.PASSWORD).append("\", no second factor):\n");
		banner.append("##    ").append(DemoPeople.PARTICIPANT).append("   participant / deelnemer\n");
		banner.append("##    ").append(DemoPeople.COACH).append("       e-coach\n");
		banner.append("##    ").append(DemoPeople.PROGRAMME_MANAGER).append("   programme manager / programmamanager\n");
		banner.append("##    ").append(DemoPeople.ADMINISTRATOR).append("      administrator / beheerder\n");
		mailServer.ifPresent(server -> {
			banner.append("##\n");
			banner.append("##  Embedded mail server on ").append(server.host()).append(": SMTP ").append(server.smtpPort())
				.append(", IMAP ").append(server.imapPort()).append('\n');
			banner.append("##  Every mailbox opens with its address and the password \"").append(DemoPeople.PASSWORD)
				.append("\".\n");
		});
		banner.append("##\n");
		banner.append("##  For production start with --spring.profiles.active=production (see README.md).\n");
		banner.append(line);
		return banner.toString();
	}
}
