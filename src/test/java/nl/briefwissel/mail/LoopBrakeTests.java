package nl.briefwissel.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** No auto-responder can make Briefwissel send an endless stream of automatic mail to one address. */
@BriefwisselTest
class LoopBrakeTests {

	@Autowired
	Outbox outbox;

	@Autowired
	MailProperties properties;

	@Autowired
	EmbeddedMailServer mailServer;

	@Autowired
	nl.briefwissel.conversation.Quarantine quarantine;

	/**
	 * Another Briefwissel answers an application with an automatic mail; ours must not answer that
	 * answer, or the two would write to each other forever. Automatic mail is kept, never answered.
	 */
	@Test
	void twoBriefwisselInstancesMailingEachOtherDoNotLoop() throws Exception {
		String other = "noreply-" + UUID.randomUUID() + "@andere-briefwissel.example";
		String subject = "Je aanmelding voor Loopbaan " + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			jakarta.mail.internet.MimeMessage automatic = new jakarta.mail.internet.MimeMessage(nl.briefwissel.Mailboxes.smtp(mailServer));
			automatic.setFrom(other);
			automatic.setRecipients(jakarta.mail.Message.RecipientType.TO, "aanmelden@briefwissel.test");
			automatic.setSubject(subject, "UTF-8");
			automatic.setHeader("Auto-Submitted", "auto-generated");
			automatic.setText("Dank je voor je mail. Maak je aanmelding af met de link hieronder.", "UTF-8");
			jakarta.mail.Transport.send(automatic);
		}
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().filter(entry -> subject.equals(entry.subject())).count() == 3);
		Thread.sleep(1000);
		mailServer.ensureMailbox(other);
		assertThat(nl.briefwissel.Mailboxes.read(mailServer, other, nl.briefwissel.Mailboxes.PASSWORD)).isEmpty();
	}

	/** Mail a person's action caused does not fill the brake for the automatic mail that follows it. */
	@Test
	void mailAskedForDoesNotCountTowardsTheBrake() {
		String address = "coach-" + UUID.randomUUID() + "@example.nl";
		int limit = properties.outbox().automaticPerRecipient();
		for (int i = 0; i < limit + 2; i++) {
			outbox.enqueueAskedFor(OutgoingMail.notice(address, "Voorstel " + i, "Tekst " + i, null));
		}
		String digest = outbox.enqueue(OutgoingMail.notice(address, "Je overzicht", "Tekst", null));
		assertThat(outbox.deliveries(List.of(digest)).get(digest).status()).isNotEqualTo(Delivery.Status.FAILED);
	}

	@Test
	void automaticMailToOneAddressStopsAtTheBrakeAndSaysWhy() {
		String address = "afwezig-" + UUID.randomUUID() + "@example.nl";
		int limit = properties.outbox().automaticPerRecipient();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < limit + 5; i++) {
			ids.add(outbox.enqueue(OutgoingMail.notice(address, "Melding " + i, "Tekst " + i, null)));
		}
		var deliveries = outbox.deliveries(ids);
		assertThat(ids.subList(0, limit)).allMatch(id -> deliveries.get(id).status() != Delivery.Status.FAILED);
		assertThat(ids.subList(limit, limit + 5)).allSatisfy(id -> {
			assertThat(deliveries.get(id).status()).isEqualTo(Delivery.Status.FAILED);
			assertThat(deliveries.get(id).failure().kind()).isEqualTo(SendFailure.Kind.LOOP_BRAKE);
		});

		String written = outbox.enqueue(new OutgoingMail(address, "Een brief van je coach", "Tekst", null, null, null,
				List.of(), false));
		assertThat(outbox.deliveries(List.of(written)).get(written).status()).isNotEqualTo(Delivery.Status.FAILED);
		String elsewhere = outbox.enqueue(OutgoingMail.notice("iemand-anders-" + UUID.randomUUID() + "@example.nl",
				"Melding", "Tekst", null));
		assertThat(outbox.deliveries(List.of(elsewhere)).get(elsewhere).status()).isNotEqualTo(Delivery.Status.FAILED);

		// A sign-in link the person asked for on a page is no answer to a machine: it goes all the same.
		String link = outbox.enqueueAskedFor(OutgoingMail.notice(address, "Je inloglink", "Tekst", null));
		assertThat(outbox.deliveries(List.of(link)).get(link).status()).isNotEqualTo(Delivery.Status.FAILED);
	}
}
