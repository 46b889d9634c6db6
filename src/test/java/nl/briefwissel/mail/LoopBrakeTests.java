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
			assertThat(deliveries.get(id).lastError()).contains("loop brake");
		});

		String written = outbox.enqueue(new OutgoingMail(address, "Een brief van je coach", "Tekst", null, null, null,
				List.of(), false));
		assertThat(outbox.deliveries(List.of(written)).get(written).status()).isNotEqualTo(Delivery.Status.FAILED);
		String elsewhere = outbox.enqueue(OutgoingMail.notice("iemand-anders-" + UUID.randomUUID() + "@example.nl",
				"Melding", "Tekst", null));
		assertThat(outbox.deliveries(List.of(elsewhere)).get(elsewhere).status()).isNotEqualTo(Delivery.Status.FAILED);
	}
}
