package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.mail.InboundMails;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The coach's quarantine had no bound: every mail held for their trajectories on one page, each opening its mail for
 * the sender, so a mail server that sent a participant thousands made a page of thousands. It is paged as the
 * administrators' list is: 200 a page, the newest first, with the count above it.
 */
@BriefwisselTest
class CoachsQuarantinePagesTests {

	/** As QuarantineController.LISTED, which the web package keeps to itself. */
	private static final int LISTED = 200;

	@Autowired
	Fixtures fixtures;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theCoachsListShowsTheNewestAndPagesToTheOldest() throws Exception {
		var running = fixtures.runningTrajectory(true);
		var colleague = fixtures.runningTrajectory(true);
		UUID source = strayFrom("veel-" + UUID.randomUUID() + "@example.nl");
		String columns = String.join(", ", jdbc.sql("""
				select column_name from information_schema.columns
				where upper(table_name) = 'INBOUND_MAIL' and upper(table_schema) = upper(current_schema)""")
			.query(String.class).list().stream()
			.filter(column -> !List.of("id", "dedup_key", "status").contains(column.toLowerCase(java.util.Locale.ROOT)))
			.toList());
		List<UUID> held = new java.util.ArrayList<>();
		OffsetDateTime now = OffsetDateTime.now();
		try {
			for (int i = 0; i <= LISTED; i++) {
				UUID id = UUID.randomUUID();
				held.add(id); // the newest first
				jdbc.sql("insert into inbound_mail (id, dedup_key, status, " + columns + ") select :id, :dedup, 'PROCESSED', " + columns
						+ " from inbound_mail where id = :source")
					.param("id", id).param("dedup", "coach-bound-" + id).param("source", source).update();
				jdbc.sql("""
						insert into quarantined_mail (inbound_mail_id, reason, trajectory_id, quarantined_at)
						values (:id, 'sender unknown', :trajectory, :at)""")
					.param("id", id).param("trajectory", running.id()).param("at", now.minusSeconds(i + 1)).update();
			}

			for (String[] words : new String[][] { { "nl", "Er staan 201 mails in quarantaine, 2 pagina's met de nieuwste bovenaan" },
					{ "en", "There are 201 mails in quarantine, on 2 pages with the newest first" } }) {
				Document first = page("/coach/quarantine?lang=" + words[0], fixtures.as(running.coach()));
				assertThat(first.select("table.utrecht-table tbody tr")).as(words[0]).hasSize(LISTED);
				assertThat(first.select("#listed-newest").text()).as(words[0]).contains(words[1]);
				assertThat(first.select("a[href$=/coach/quarantine/" + held.get(0) + "]")).as("the newest on the first page").isNotEmpty();
				assertThat(first.select("a[href$=/coach/quarantine/" + held.get(LISTED) + "]")).as("the oldest is not").isEmpty();
				assertThat(first.select("nav.bw-pagination a[rel=next]").attr("href")).endsWith("/coach/quarantine?page=2");
				assertThat(first.select("nav.bw-pagination a[rel=prev]")).isEmpty();
			}

			Document second = page("/coach/quarantine?page=2", fixtures.as(running.coach()));
			assertThat(second.select("table.utrecht-table tbody tr")).as("what is left: the oldest").hasSize(1);
			assertThat(second.select("a[href$=/coach/quarantine/" + held.get(LISTED) + "]")).isNotEmpty();
			assertThat(second.select("nav.bw-pagination a[rel=prev]").attr("href")).endsWith("/coach/quarantine?page=1");
			assertThat(second.select("nav.bw-pagination [aria-current=page]").text()).isEqualTo("Pagina 2 van 2 (201 in totaal)");
			assertThat(page("/coach/quarantine?page=999", fixtures.as(running.coach())).select("tbody tr").eachText())
				.as("a number past the end is the last page").isEqualTo(second.select("tbody tr").eachText());

			Document others = page("/coach/quarantine", fixtures.as(colleague.coach()));
			assertThat(others.select("a[href*=/coach/quarantine/]")).as("another coach's list holds none of them").isEmpty();
			assertThat(others.select("#listed-newest")).isEmpty();
			assertThat(others.select("nav.bw-pagination")).isEmpty();
		}
		finally {
			jdbc.sql("delete from quarantined_mail where inbound_mail_id in (:ids)").param("ids", held).update();
			jdbc.sql("delete from inbound_mail where id in (:ids)").param("ids", held).update();
		}
	}

	/** A new mail to the reply mailbox, without a reply address: the mail the list's rows are copies of. */
	private UUID strayFrom(String from) {
		String subject = "Los " + UUID.randomUUID();
		byte[] raw = ("From: " + from + "\r\nTo: reply@briefwissel.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
				+ UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWoorden van iemand.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		inbound.store(raw, InboundMails.Source.SMTP, from, List.of("reply@briefwissel.test"));
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow()
			.inboundMailId();
	}

	private Document page(String address, RequestPostProcessor who) throws Exception {
		return Jsoup.parse(mvc.perform(get(address).with(who)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}
}
