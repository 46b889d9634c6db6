package nl.briefwissel;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A "send again" form names the sending it showed. An invitation and its first sending again often fall in
 * the same second (IntakeTests' two clicks did, now and then): named in whole seconds, the second click found
 * "its" sending still the newest and sent a third mail.
 */
class PendingInvitationTests {

	private static PendingInvitation sentAt(String moment) {
		OffsetDateTime at = OffsetDateTime.parse(moment);
		return new PendingInvitation(UUID.randomUUID(), "Nico", "nico@example.nl", at, at.plusDays(7), false);
	}

	@Test
	void twoSendingsWithinOneSecondAreTwo() {
		PendingInvitation first = sentAt("2026-12-05T20:50:01.123456+01:00");
		PendingInvitation again = sentAt("2026-12-05T20:50:01.654321+01:00");
		assertThat(again.isTheOneSent(first.sent())).as("a second click names the first sending").isFalse();
		assertThat(again.isTheOneSent(PendingInvitation.shown(Long.toString(again.sent())))).isTrue();
	}

	@Test
	void aFormNamingNoNumberNamesNoSending() {
		PendingInvitation invitation = sentAt("2026-12-05T20:50:01.123456+01:00");
		assertThat(PendingInvitation.shown(null)).isEqualTo(-1);
		assertThat(invitation.isTheOneSent(PendingInvitation.shown("gisteren"))).isFalse();
		assertThat(invitation.isTheOneSent(PendingInvitation.shown(" " + invitation.sent() + " "))).isTrue();
	}

	@Test
	void aSecondClickIsAnsweredAsSentAndOnlyUsedOrTooManyAreNot() {
		assertThat(java.util.EnumSet.allOf(PendingInvitation.Again.class)).filteredOn(PendingInvitation.Again::isSent)
			.containsExactlyInAnyOrder(PendingInvitation.Again.SENT, PendingInvitation.Again.SENT_ALREADY);
	}
}
