package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.Today;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.Matching;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coach a trajectory is only proposed to does not have its conversation yet: the quarantine's list
 * and its count leave out mail held for it, as the mail's own page does, until the coach accepts. No
 * letter of ours carries a proposal's reply address today, so the test gives it one itself.
 */
@BriefwisselTest
class QuarantineOfAProposalTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	InboundMails inbound;

	@Autowired
	Quarantine quarantine;

	@Autowired
	Matching matching;

	@Autowired
	MockMvc mvc;

	@Test
	void mailHeldForAProposalIsListedToItsCoachOnlyOnceAccepted() throws Exception {
		var proposal = fixtures.proposal(fixtures.runningTrajectory(true));
		String subject = "Onderwerp van " + UUID.randomUUID();
		String address = replyAddress.of(tokens.tokenFor(proposal.trajectoryId(), proposal.participant().id()));
		byte[] raw = ("From: iemand.anders@example.nl\r\nTo: " + address + "\r\nSubject: " + subject
				+ "\r\nMessage-ID: <" + UUID.randomUUID() + "@example.nl>\r\n\r\nGeheime inhoud.\r\n")
			.getBytes(StandardCharsets.UTF_8);
		UUID mail = inbound.store(raw, InboundMails.Source.SMTP, "iemand.anders@example.nl", List.of(address)).id();
		inbound.handleDueNow();
		await().atMost(Duration.ofSeconds(15)).until(() -> quarantine.entry(mail).isPresent());
		assertThat(quarantine.entry(mail).orElseThrow().trajectoryId()).isEqualTo(proposal.trajectoryId());

		UUID coach = proposal.coach().id();
		assertThat(quarantine.ofCoach(coach)).isEmpty();
		assertThat(quarantine.countOfCoach(coach)).isZero();
		String list = mvc.perform(get("/coach/quarantine").with(fixtures.as(proposal.coach())))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).doesNotContain(subject).doesNotContain("iemand.anders@example.nl");
		mvc.perform(get("/coach/quarantine/{id}", mail).with(fixtures.as(proposal.coach()))).andExpect(status().isNotFound());

		// Accepted, the trajectory is the coach's, and so is what was held for it.
		matching.accept(proposal.trajectoryId(), coach, Today.date().plusDays(1));
		assertThat(quarantine.ofCoach(coach)).extracting(Quarantine.Entry::inboundMailId).containsExactly(mail);
		assertThat(quarantine.countOfCoach(coach)).isOne();
		mvc.perform(get("/coach/quarantine/{id}", mail).with(fixtures.as(proposal.coach()))).andExpect(status().isOk());
	}
}
