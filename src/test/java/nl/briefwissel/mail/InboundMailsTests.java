package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored mail read again, for "show original" and the quarantine, as the pipeline read it. */
@BriefwisselTest
class InboundMailsTests {

	@Autowired
	InboundMails inbound;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	/**
	 * Outlook showing the coach's letter by name alone ("Anja de Vries via Briefwissel"), below a
	 * manager's mail the participant pasted: read from the quarantine (to add it to the conversation), the
	 * letter keeps the participant's question as the pipeline did. It lost it: read again without our
	 * sender's name, the pasted mail was taken for the history (decision 0059).
	 */
	@Test
	void aMailReadAgainKeepsWhatThePipelineKept() {
		String run = UUID.randomUUID().toString();
		byte[] raw = ("From: Sanne Bakker <sanne@utrecht.nl>\r\nTo: Anja de Vries via Briefwissel <reply@briefwissel.test>\r\n"
				+ "Subject: RE: Je e-coaching\r\nMessage-ID: <" + run + "@utrecht.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ "Dit kreeg ik van mijn leidinggevende:\r\n\r\n"
				+ "Van: Piet Meijer <p.meijer@werkgever.nl>\r\nVerzonden: donderdag 3 december 2026 10:12\r\n"
				+ "Aan: Sanne Bakker <sanne@utrecht.nl>\r\nOnderwerp: Gesprek volgende week\r\n\r\n"
				+ "Sanne, ik wil het volgende week met je over je uren hebben.\r\n\r\nHoe bereid ik me voor?\r\n\r\n"
				+ "Van: Anja de Vries via Briefwissel\r\nVerzonden: dinsdag 1 december 2026 09:00\r\n"
				+ "Aan: Sanne Bakker <sanne@utrecht.nl>\r\nOnderwerp: Je e-coaching\r\n\r\nWat wil je deze week bespreken?\r\n")
			.getBytes(StandardCharsets.UTF_8);
		UUID id = transactions.execute(status -> {
			UUID stored = inbound.store(raw, InboundMails.Source.SMTP, "sanne@utrecht.nl",
					List.of("reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test")).id();
			// Not due before the test ends: the application's own workers leave it alone.
			jdbc.sql("update inbound_mail set next_attempt_at = :later where id = :id")
				.param("later", OffsetDateTime.now().plusDays(400)).param("id", stored).update();
			return stored;
		});

		ReadMail read = inbound.read(id).orElseThrow();
		assertThat(read.replyToken()).as("from the envelope, as the pipeline had it").isEqualTo("abcdefghijklmnopqrstuvwxyz");
		assertThat(read.text()).contains("Van: Piet Meijer", "Hoe bereid ik me voor?").doesNotContain("Wat wil je deze week");
	}
}
