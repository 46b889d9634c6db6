package nl.briefwissel.closing;

import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coach writes the closing summary; the participant is told by mail and may react, both
 * while the trajectory runs. After the end the summary and the reaction stay as they are.
 */
@Service
public class ClosingDesk {

	private final Closings closings;

	private final Accounts accounts;

	private final Outbox outbox;

	private final MessageSource texts;

	private final PublicAddress address;

	ClosingDesk(Closings closings, Accounts accounts, Outbox outbox, MessageSource texts, PublicAddress address) {
		this.closings = closings;
		this.accounts = accounts;
		this.outbox = outbox;
		this.texts = texts;
		this.address = address;
	}

	/** Whether the closing can still be written or reacted to. */
	public static boolean open(TrajectoryOverview trajectory) {
		return trajectory.underway();
	}

	@Transactional
	public void write(TrajectoryOverview trajectory, String summary) {
		if (!open(trajectory)) {
			throw new IllegalStateException("trajectory " + trajectory.id() + " has ended");
		}
		boolean first = closings.write(trajectory.id(), summary);
		if (first) {
			Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
			Locale language = participant.language();
			Object[] args = { participant.displayName().split(" ")[0], trajectory.coachName(),
					address.link("/participant").toUriString() };
			outbox.enqueue(OutgoingMail.notice(participant.email(),
					texts.getMessage("mail.closing.subject", args, language),
					texts.getMessage("mail.closing.text", args, language), null));
		}
	}

	@Transactional
	public void react(TrajectoryOverview trajectory, UUID participantId, String reaction) {
		if (!open(trajectory) || !participantId.equals(trajectory.participantId()) || closings.of(trajectory.id()).isEmpty()) {
			throw new IllegalStateException("no closing to react to in trajectory " + trajectory.id());
		}
		closings.react(trajectory.id(), reaction);
	}
}
