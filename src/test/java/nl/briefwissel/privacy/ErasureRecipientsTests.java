package nl.briefwissel.privacy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Mailboxes;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.EmbeddedMailServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AVG article 19: whoever outside Briefwissel was sent a participant's personal data hears of its erasure on
 * request. The employer contact a participant agreed to (decision 0036) was sent their name, programme and
 * dates; after the erasure none of that is left to say who it was, and the mail names nobody.
 */
@BriefwisselTest
class ErasureRecipientsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Accounts accounts;

	@Autowired
	Erasures erasures;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EmbeddedMailServer mailServer;

	@Test
	void theEmployerContactThatWasToldOfTheStartHearsOfTheErasureWithoutTheName() {
		String hr = "hr-" + UUID.randomUUID().toString().substring(0, 8) + "@gemeente.example.nl";
		var told = fixtures.runningTrajectory(true);
		// The programme's own contact is left empty: the job that confirms starts would otherwise mail it meanwhile.
		jdbc.sql("update programme set name = 'Loopbaan Werkt' where id = :id").param("id", told.programmeId()).update();
		OffsetDateTime sentAt = OffsetDateTime.now().minusDays(20);
		consented(told.id(), hr);
		jdbc.sql("insert into employer_confirmation (trajectory_id, kind, confirmed_at) values (:id, 'STARTED', :at)")
			.param("id", told.id()).param("at", sentAt).update();
		// Agreed to it, but nothing was sent yet (the start lies ahead): nothing to tell.
		var notTold = fixtures.anotherFor(told, nl.briefwissel.Today.date());
		consented(notTold.id(), hr);

		assertThat(erasures.confirm(erasures.request(told.participant().id()).id(), administrator())).isTrue();

		MimeMessage notice = Mailboxes.awaitMail(mailServer, hr, m -> Mailboxes.subject(m).contains("verwijderd"));
		assertThat(Mailboxes.subject(notice)).isEqualTo("Gegevens van een deelnemer verwijderd / A participant's data erased");
		LocalDate day = sentAt.atZoneSameInstant(ZoneId.of("Europe/Amsterdam")).toLocalDate();
		assertThat(Mailboxes.text(notice))
			.contains("Op " + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("nl")).format(day)
					+ " stuurden we je", "in het programma Loopbaan Werkt", "AVG artikel 19")
			.contains("On " + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(day) + " we sent you", "GDPR article 19")
			.doesNotContain(told.participant().displayName(), told.participant().email());

		assertThat(erasures.confirm(erasures.request(notTold.participant().id()).id(), administrator())).isTrue();
		assertThat(jdbc.sql("select count(*) from outbound_mail where recipient = :hr").param("hr", hr).query(Integer.class).single())
			.as("one notice: the second participant's data never went there").isEqualTo(1);
	}

	private void consented(UUID trajectoryId, String address) {
		jdbc.sql("update trajectory set employer_may_confirm = true, employer_contact = :hr where id = :id")
			.param("hr", address).param("id", trajectoryId).update();
	}

	private UUID administrator() {
		return accounts.byEmail("beheer@briefwissel.test").orElseThrow().id();
	}
}
