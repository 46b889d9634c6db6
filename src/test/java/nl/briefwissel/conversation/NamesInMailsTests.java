package nl.briefwissel.conversation;

import java.util.List;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.trajectory.Trajectories;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sentence of a mail that begins with a name begins with a capital (van Dijk: Van Dijk, decision 0143), in the
 * plain-text part and in the HTML part alike; inside a sentence the name stays as its owner wrote it.
 */
@BriefwisselTest
class NamesInMailsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	MessageMail mails;

	@Autowired
	Trajectories trajectories;

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theNoticeOfALetterAndItsFooterNameTheCoachAsTheSentenceWants() {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set mail_preference = 'NOTIFICATION' where id = :id").param("id", running.id()).update();
		var mail = mails.coachMessage(trajectories.byId(running.id()).orElseThrow(), "van Dijk",
				accounts.byId(running.participant().id()).orElseThrow(), "Hallo.", null, List.of(), "reply@example.nl", null,
				List.of());
		assertThat(mail.text()).startsWith("Je e-coach van Dijk heeft je een nieuw bericht gestuurd.")
			.contains("-- \nVan Dijk is je e-coach via Briefwissel.")
			.contains("komt direct bij van Dijk.");
		Document html = Jsoup.parse(mail.html());
		assertThat(html.body().text()).contains("Je e-coach van Dijk heeft je een nieuw bericht gestuurd.")
			.contains("Van Dijk is je e-coach via Briefwissel.");
	}

	/** The HTML part's notice is the plain text's: a name at a sentence's start capitalised in both, or in neither. */
	@Test
	void theHtmlNoticeIsThePlainNotice() {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update trajectory set mail_preference = 'NOTIFICATION' where id = :id").param("id", running.id()).update();
		var mail = mails.coachMessage(trajectories.byId(running.id()).orElseThrow(), "van Dijk",
				accounts.byId(running.participant().id()).orElseThrow(), "Hallo.", null, List.of(), "reply@example.nl", null,
				List.of());
		String plainNotice = mail.text().substring(0, mail.text().indexOf("\n\n"));
		assertThat(Jsoup.parse(mail.html()).select("p").eachText()).contains(plainNotice);
	}

	@Test
	void theMailAfterTheEndBeginsItsSubjectAndSentencesWithACapital() {
		var running = fixtures.runningTrajectory(true);
		jdbc.sql("update account set display_name = 'van Dijk' where id = :id").param("id", running.participant().id()).update();
		var mail = mails.afterTheEnd(trajectories.byId(running.id()).orElseThrow(),
				accounts.byId(running.coach().id()).orElseThrow(), "reply@example.nl");
		assertThat(mail.subject()).isEqualTo("Van Dijk schreef je na het einde van het traject");
		assertThat(mail.text()).contains("\n\nVan Dijk heeft je een bericht gestuurd").contains("gaat naar van Dijk en");
	}
}
