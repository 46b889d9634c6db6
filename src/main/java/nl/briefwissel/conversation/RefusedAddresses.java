package nl.briefwissel.conversation;

import java.util.Locale;

import nl.briefwissel.mail.MailRefused;
import nl.briefwissel.mail.SendFailure;
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
			.ifPresent(trajectory -> tokens.markFailing(trajectory.id(), failure(refused)));
	}

	/**
	 * The address and the relay's code, "jan@example.nl: 550 5.1.1": the coach's warning names the address that
	 * fails, and the code is the same in either language. Without a code, the address alone: the detail of a failure
	 * without a reply is a Java type (AddressException), which says nothing to a coach. So does a refusal published
	 * before the outbox kept only the code, as V94 writes the warnings from before.
	 */
	private static String failure(MailRefused refused) {
		String detail = SendFailure.parse(refused.reason()).detail();
		boolean code = detail != null && Character.isDigit(detail.charAt(0));
		return code ? refused.recipient() + ": " + detail : refused.recipient();
	}
}
