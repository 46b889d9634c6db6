package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.mail.RawSmtp;
import nl.briefwissel.mail.SmtpReceiver;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A mail to the reply addresses of two conversations (a participant's mail program offering an old
 * reply address, a stranger with two forwarded letters) goes to the one conversation its sender writes
 * in, or, when that is not one alone, to the administrators with both named: never to a coach by the
 * order of the addresses. The first reply address in the mail won, and the other coach read nothing.
 */
@BriefwisselTest
class MailToSeveralConversationsTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	Conversations conversations;

	@Autowired
	ConversationReplyAddress replyAddresses;

	@Autowired
	Quarantine quarantine;

	@Autowired
	SmtpReceiver receiver;

	@Autowired
	Programmes programmes;

	@Autowired
	Trajectories trajectories;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Accounts accounts;

	@Autowired
	nl.briefwissel.trajectory.TrajectoryErasure erasure;

	/** The participant's own conversation's address in Cc, another's first: their letter reaches their coach only. */
	@Test
	void aParticipantsMailAlsoToAnotherConversationGoesToTheirOwnOnly() throws Exception {
		var own = fixtures.runningTrajectory(true);
		var other = fixtures.runningTrajectory(true);
		String subject = "Twee adressen " + UUID.randomUUID();
		send(own.participant().email(), subject, addressOf(other), addressOf(own), "Mijn antwoord voor mijn eigen coach.");

		await().atMost(Duration.ofSeconds(15)).until(() -> conversations.of(own.id())
			.stream().anyMatch(m -> m.body().contains("Mijn antwoord voor mijn eigen coach.")));
		assertThat(conversations.of(other.id())).isEmpty();
		assertThat(quarantine.ofCoach(other.coach().id())).isEmpty();
	}

	/**
	 * Someone who writes in neither conversation: the administrators' quarantine, naming both, and
	 * neither coach's (it went to the first one's coach).
	 */
	@Test
	void aStrangersMailToTwoConversationsIsHeldForAnAdministratorNamingBoth() throws Exception {
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		String subject = "Vreemde " + UUID.randomUUID();
		send("vreemde@example.nl", subject, addressOf(first), addressOf(second), "Wie leest dit?");

		Quarantine.Entry entry = awaitHeld(subject);
		assertThat(entry.trajectoryId()).isNull();
		assertThat(entry.why()).isInstanceOf(QuarantineReason.SeveralConversations.class);
		assertThat(entry.why().shown()).contains(first.participant().displayName(), first.coach().displayName(),
				second.participant().displayName(), second.coach().displayName());
		assertThat(quarantine.ofCoach(first.coach().id())).isEmpty();
		assertThat(quarantine.ofCoach(second.coach().id())).isEmpty();
		assertThat(conversations.of(first.id())).isEmpty();
		assertThat(conversations.of(second.id())).isEmpty();
		// The administrator reads why, with both conversations named, in their language.
		String page = mvc.perform(get("/admin/quarantine").header("Accept-Language", "nl")
			.with(fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(org.jsoup.Jsoup.parse(page).text()).contains("antwoordadressen van meer dan één gesprek ("
				+ first.participant().displayName() + ", e-coach " + first.coach().displayName() + "; "
				+ second.participant().displayName() + ", e-coach " + second.coach().displayName() + ")");
		// The log and the inbound table say why without the names.
		assertThat(jdbc.sql("select outcome from inbound_mail where id = :id").param("id", entry.inboundMailId())
			.query(String.class).single()).isEqualTo("quarantined: sent to the reply addresses of several conversations");
		// The entry stores the conversations, not their people's names: an erasure of one leaves no name of it
		// behind in an entry it has no trajectory to find by (AVG article 17).
		assertThat(jdbc.sql("select reason || ' ' || reason_argument from quarantined_mail where inbound_mail_id = :id")
			.param("id", entry.inboundMailId()).query(String.class).single())
			.doesNotContain(first.participant().displayName(), second.participant().displayName(), first.coach().displayName());
		erasure.erase(first.id(), accounts.byEmail("beheer@briefwissel.test").orElseThrow().id());
		Quarantine.Entry after = awaitHeld(subject);
		assertThat(after.why().shown()).doesNotContain(first.participant().displayName())
			.contains(second.participant().displayName(), second.coach().displayName());
	}

	/**
	 * The conversations the entry names are erased one by one: the sentence says the one erased since beside
	 * the other's names, then that all were, in both languages. With all of them erased it read "more than
	 * one conversation ()", and with one of two erased it named one conversation as if it were several.
	 */
	@Test
	void aConversationErasedSinceIsSaidInTheSentenceNotLeftAsEmptyBrackets() throws Exception {
		var first = fixtures.runningTrajectory(true);
		var second = fixtures.runningTrajectory(true);
		String subject = "Gewist " + UUID.randomUUID();
		send("vreemde@example.nl", subject, addressOf(first), addressOf(second), "Voor wie was dit?");
		awaitHeld(subject);
		var administrator = accounts.byEmail("beheer@briefwissel.test").orElseThrow();

		erasure.erase(first.id(), administrator.id());
		String names = second.participant().displayName() + ", e-coach " + second.coach().displayName();
		assertThat(reason(subject, "nl")).contains("antwoordadressen van meer dan één gesprek (" + names
				+ "; en één gesprek dat inmiddels gewist is)").doesNotContain(first.participant().displayName());
		assertThat(reason(subject, "en")).contains("reply addresses of more than one conversation (" + names
				+ "; and one conversation that has been erased since)");

		erasure.erase(second.id(), administrator.id());
		assertThat(reason(subject, "nl")).contains("De mail is gestuurd aan de antwoordadressen van gesprekken die inmiddels gewist zijn.")
			.doesNotContain("()", second.participant().displayName());
		assertThat(reason(subject, "en")).contains("The mail was sent to the reply addresses of conversations that have been erased since.")
			.doesNotContain("()");
	}

	/** The reason the administrators' quarantine list gives for the entry with this subject, in a language. */
	private String reason(String subject, String language) throws Exception {
		String page = mvc.perform(get("/admin/quarantine").header("Accept-Language", language).param("lang", language)
			.with(fixtures.as(accounts.byEmail("beheer@briefwissel.test").orElseThrow())))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		var rows = org.jsoup.Jsoup.parse(page).select("tbody tr");
		assertThat(rows).isNotEmpty();
		Quarantine.Entry entry = awaitHeld(subject);
		return rows.stream().filter(row -> row.select("a").attr("href").endsWith(entry.inboundMailId().toString()))
			.findFirst().orElseThrow().select("td").last().text();
	}

	/** A participant in two programmes writing to both their conversations: which coach is theirs to say. */
	@Test
	void aParticipantsMailToBothOfTheirConversationsIsHeldForAnAdministrator() throws Exception {
		var first = fixtures.runningTrajectory(true);
		var otherProgramme = programmes.create(first.organisationId(), "Tweede programma", null, null);
		var otherCoach = fixtures.person(first.organisationId(), "tweede-" + first.id() + "@example.nl", "Tweede Coach",
				Role.COACH);
		UUID second = trajectories.record(otherProgramme.id(), first.participant().id(), otherCoach.id(),
				TrajectoryStatus.RUNNING, "GROWTH", Today.date(), null);
		String subject = "Beide " + UUID.randomUUID();
		send(first.participant().email(), subject, addressOf(first),
				replyAddresses.replyTo(second, first.participant().id()), "Voor wie is dit?");

		Quarantine.Entry entry = awaitHeld(subject);
		assertThat(entry.trajectoryId()).isNull();
		assertThat(entry.why().shown()).contains("Tweede Coach", first.coach().displayName());
		assertThat(conversations.of(first.id())).isEmpty();
		assertThat(conversations.of(second)).isEmpty();
	}

	private String addressOf(Fixtures.RunningTrajectory trajectory) {
		return replyAddresses.replyTo(trajectory.id(), trajectory.participant().id());
	}

	private Quarantine.Entry awaitHeld(String subject) {
		return await().atMost(Duration.ofSeconds(15))
			.until(() -> quarantine.all().stream().filter(e -> subject.equals(e.subject())).findFirst(),
					java.util.Optional::isPresent)
			.orElseThrow();
	}

	/** Through the site's receiver, with both addresses in the envelope as its MTA hands them over. */
	private void send(String from, String subject, String to, String cc, String text) throws Exception {
		String mail = "From: " + from + "\r\nTo: " + to + "\r\nCc: " + cc + "\r\nSubject: " + subject
				+ "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.nl>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
				+ text + "\r\n";
		assertThat(RawSmtp.send(receiver.port(), from, List.of(to, cc), mail.getBytes(StandardCharsets.UTF_8)))
			.startsWith("250");
	}
}
