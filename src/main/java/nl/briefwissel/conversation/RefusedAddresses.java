package nl.briefwissel.conversation;

import java.util.Locale;

import nl.briefwissel.mail.MailRefused;
import nl.briefwissel.trajectory.Trajectories;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A relay that refuses the participant's address at once says what a bounce says a day later:
 * mail to them does not arrive. The conversation shows it the same way, so the coach can ask for
 * another address instead of waiting for an answer to a letter that never left.
 */
@Component
class RefusedAddresses {

	private final ReplyTokens tokens;

	private final Trajectories trajectories;

	RefusedAddresses(ReplyTokens tokens, Trajectories trajectories) {
		this.tokens = tokens;
		this.trajectories = trajectories;
	}

	@ApplicationModuleListener
	void on(MailRefused refused) {
		markFailing(refused);
	}

	void markFailing(MailRefused refused) {
		if (refused.replyToken() == null) {
			return; // not a conversation's mail: a sign-in link, a digest, an employer's confirmation
		}
		String recipient = refused.recipient().toLowerCase(Locale.ROOT);
		tokens.byToken(refused.replyToken())
			.flatMap(binding -> trajectories.withContent(binding.trajectoryId()))
			// Only the participant's address: a coach's refused address says nothing about their mail.
			.filter(trajectory -> recipient.equals(trajectory.participantEmail()))
			.ifPresent(trajectory -> tokens.markFailing(trajectory.id(), refused.recipient() + ": " + refused.reason()));
	}
}
