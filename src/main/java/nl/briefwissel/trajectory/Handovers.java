package nl.briefwissel.trajectory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.Outbox;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A trajectory under way goes over to another coach of the programme's pool: the coach falls ill,
 * leaves, or another coach fits better. The programme manager decides, as with matching, but the
 * new coach is not asked first: a participant in the middle of a trajectory should not wait for an
 * answer, and the manager arranges it with the coach beforehand (decision 0027). The correspondence
 * goes with the trajectory; the previous coach's private notes and draft stay theirs, out of sight.
 * The participant, the new coach and the previous coach each get a mail that says so, without content.
 */
@Service
public class Handovers {

	/** What became of a handover: done now, or done already (the second click of a double click). */
	public enum Outcome {
		HANDED_OVER, ALREADY
	}

	private final Trajectories trajectories;

	private final Matching matching;

	private final Accounts accounts;

	private final Outbox outbox;

	private final NoticeMails mails;

	private final PublicAddress address;

	private final ApplicationEventPublisher events;

	private final ConversationAddress conversation;

	Handovers(Trajectories trajectories, Matching matching, Accounts accounts, Outbox outbox, NoticeMails mails,
			PublicAddress address, ApplicationEventPublisher events, ConversationAddress conversation) {
		this.conversation = conversation;
		this.trajectories = trajectories;
		this.matching = matching;
		this.accounts = accounts;
		this.outbox = outbox;
		this.mails = mails;
		this.address = address;
		this.events = events;
	}

	/**
	 * The coaches a trajectory can go over to: the programme's pool with load and specialism, without
	 * the coach it has. Those not certified or not enabled are listed but cannot be chosen.
	 */
	public List<Matching.Candidate> candidates(TrajectoryOverview trajectory) {
		return matching.candidates(trajectory)
			.stream()
			.filter(c -> !c.coach().id().equals(trajectory.coachId()))
			.toList();
	}

	/**
	 * Whether {@link #handOver(UUID, UUID, Reason, String, UUID, boolean)} would hand the trajectory over, asked before
	 * the manager confirms it: refused as that would refuse it, false when the coach has it already (nothing to
	 * confirm). Read without the locks the handover takes, which asks all of it again when it is confirmed.
	 */
	@Transactional(readOnly = true)
	public boolean wouldHandOver(UUID trajectoryId, UUID coachId, Reason reason, String why, boolean evenIfFull) {
		TrajectoryLifecycle.fitting(reason, Reason.forHandover(), why);
		TrajectoryOverview before = trajectories.byId(trajectoryId).orElseThrow();
		if (before.status() != TrajectoryStatus.RUNNING && before.status() != TrajectoryStatus.PAUSED) {
			throw new IllegalTransitionException("trajectory.illegal.handOver", "only a trajectory under way can go over");
		}
		if (coachId.equals(before.coachId())) {
			return false;
		}
		Matching.refuseOwnTrajectory(before, coachId, "handover.illegal.ownTrajectory");
		chosen(before, coachId, evenIfFull);
		return true;
	}

	/**
	 * The candidate a handover goes to, or refused with what is wrong with the choice. The caller has refused the
	 * participant's own trajectory first: the pool leaves them out, and would say they are not in it.
	 */
	private Matching.Candidate chosen(TrajectoryOverview before, UUID coachId, boolean evenIfFull) {
		Matching.Candidate candidate = candidates(before).stream()
			.filter(c -> c.coach().id().equals(coachId))
			.findFirst()
			.orElseThrow(() -> new IllegalTransitionException("handover.illegal.notInPool", "the coach is not in the programme's pool"));
		Matching.refuseProgrammeManager(candidate.coach(), "handover.illegal.programmeManager");
		if (!candidate.eligible()) {
			throw new IllegalTransitionException("handover.illegal.notEligible", "only a certified, enabled coach can take over");
		}
		// Room as a proposal weighs it (waiting proposals counted), read under the coach's lock as there.
		if (!candidate.hasRoom() && !evenIfFull) {
			throw new IllegalTransitionException("handover.illegal.full", "the coach has no room; the manager may go on anyway");
		}
		return candidate;
	}

	/**
	 * Hands the trajectory over to {@code coachId} on the manager's behalf. Refused with the message
	 * key of what is wrong when the trajectory has ended or the coach is not an eligible coach of the
	 * pool. A second request for the same coach waits for the first (the trajectory's row lock) and
	 * is answered as done, without a second round of mails. A coach without room is refused
	 * ({@code handover.illegal.full}); {@link #handOver(UUID, UUID, Reason, String, UUID, boolean)} lets the manager go on
	 * anyway. 'Other' is refused here: it needs the manager's words, which that one takes.
	 */
	public Outcome handOver(UUID trajectoryId, UUID coachId, Reason reason, UUID by) {
		return handOver(trajectoryId, coachId, reason, null, by, false);
	}

	/**
	 * As {@link #handOver(UUID, UUID, Reason, UUID)}; {@code why}: the manager's explanation, which 'other' needs
	 * (decision 0068) and the record shows with the reason. {@code evenIfFull}: the manager saw that this coach has no
	 * room and hands over all the same. Not refused outright, unlike a proposal: a handover is often urgent (a
	 * coach falls ill) and the manager arranges it with the coach first (decision 0027).
	 */
	@Transactional
	public Outcome handOver(UUID trajectoryId, UUID coachId, Reason reason, String why, UUID by, boolean evenIfFull) {
		TrajectoryLifecycle.fitting(reason, Reason.forHandover(), why);
		Trajectory trajectory = trajectories.load(trajectoryId).orElseThrow();
		if (trajectory.status() != TrajectoryStatus.RUNNING && trajectory.status() != TrajectoryStatus.PAUSED) {
			// Before the coach is compared: an ended trajectory's own coach is not "handed over already".
			throw new IllegalTransitionException("trajectory.illegal.handOver", "only a trajectory under way can go over");
		}
		if (coachId.equals(trajectory.coachId())) {
			return Outcome.ALREADY;
		}
		TrajectoryOverview before = trajectories.byId(trajectoryId).orElseThrow();
		Matching.refuseOwnTrajectory(before, coachId, "handover.illegal.ownTrajectory");
		matching.lockCoach(coachId); // the role cannot be taken back between the question below and the handover
		Matching.Candidate candidate = chosen(before, coachId, evenIfFull);
		trajectory.handOver(coachId, reason, why);
		trajectories.save(trajectory, by);
		trajectory.events().forEach(events::publishEvent);
		tell(before, candidate.coach());
		return Outcome.HANDED_OVER;
	}

	/**
	 * The three mails: each in the recipient's language, none with a word of the conversation. Each
	 * names the participant, so each is marked as about the trajectory: its erasure takes them along.
	 * The participant's is answered in the conversation, as it tells them to: the new coach reads it.
	 */
	private void tell(TrajectoryOverview before, Account to) {
		// {4} and {5}, the coaches' first names, greet them (the participant's mail reads {1} to {3} only).
		// The names marked as names: a sentence that begins with one begins with a capital, the programme's stays as it is.
		Object[] args = { new NoticeMails.Name(before.participantName()), new NoticeMails.Name(to.displayName()),
				before.programmeName(), new NoticeMails.Name(before.coachName() == null ? "" : before.coachName()),
				new NoticeMails.Name(to.firstName()), new NoticeMails.Name(Account.firstNameOf(before.coachName())) };
		// A programme that keeps letters out of ordinary mail (NTA 7516) does not ask for answers by it.
		String toParticipant = before.lettersByMail() ? "mail.handover.participant"
				: "mail.handover.participantSecure";
		// Greeted and ended as every notice to a participant is (decision 0081): {0}, their name, becomes their first name.
		accounts.byId(before.participantId()).ifPresent(participant -> outbox.enqueueAskedFor(mails.toParticipant(participant.email(),
				participant.language(), before.participantName(), NoticeKind.HANDED_OVER, toParticipant,
				java.util.Arrays.copyOfRange(args, 1, args.length),
				address.link("/participant/conversation", participant.language()).queryParam("trajectory", before.id()).toUriString())
			.replyingTo(conversation.replyTo(before.id(), participant.id()))
			.about(before.id())));
		outbox.enqueueAskedFor(mails.compose(to.email(), to.language(), "mail.handover.newCoach", args,
				address.link("/coach/trajectories/{id}", to.language()).buildAndExpand(before.id()).toUriString())
			.about(before.id()));
		Optional.ofNullable(before.coachId()).flatMap(accounts::byId).ifPresent(previous -> outbox.enqueueAskedFor(
				mails.compose(previous.email(), previous.language(), "mail.handover.previousCoach", args,
						address.link("/coach", previous.language()).toUriString()).about(before.id())));
	}
}
