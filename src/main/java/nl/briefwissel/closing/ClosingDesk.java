package nl.briefwissel.closing;

import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The coach writes the closing summary, keeps it as a draft and sends it; the participant is told by
 * mail and may react, all while the trajectory runs (decision 0086). After the end the summary and the
 * reaction stay as they are.
 */
@Service
public class ClosingDesk {

	private final Closings closings;

	private final Accounts accounts;

	private final Outbox outbox;

	private final MessageSource texts;

	private final PublicAddress address;

	private final Trajectories trajectories;

	private final nl.briefwissel.trajectory.ConversationAddress conversation;

	ClosingDesk(Closings closings, Accounts accounts, Outbox outbox, MessageSource texts, PublicAddress address,
			Trajectories trajectories, nl.briefwissel.trajectory.ConversationAddress conversation) {
		this.conversation = conversation;
		this.trajectories = trajectories;
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

	/** What became of a summary the coach saved or sent. */
	public enum Written {
		/** Kept as a draft: the participant neither sees it nor is told. */
		DRAFTED,
		/** Sent: the participant is mailed and reads it under My trajectory. */
		SENT,
		/** A change of one sent before: the participant reads it at once, is mailed that it changed, and their record says when. */
		CHANGE_SENT,
		/** Not kept: the participant reacted to the sent summary, which now stands as the words they answered (decision 0146). */
		REACTED,
		/** Not kept: saved in another tab since this form was shown (decision 0146). */
		OVERTAKEN,
		/** Not kept: the trajectory ended, or was handed over, meanwhile. */
		ENDED,
		/** Not kept as a draft: it was sent already (in another tab), and a draft would change what the participant reads. */
		SENT_ALREADY,
		/**
		 * Not kept nor mailed: a change of the sent summary with the very words it has, once stored alike. The participant
		 * was mailed that it changed while nothing had (decision 0146, amended).
		 */
		UNCHANGED
	}

	/**
	 * Keeps the summary of {@code coachId}, the trajectory's coach, as a draft only they see (decision
	 * 0086), or sends it: the participant is mailed when it is sent for the first time and reads it, and
	 * every change sent after, under My trajectory; a change is mailed about too, and only until they reacted (decision
	 * 0146). {@code base} is the summary's revision the form was shown with ({@link Closing#summaryBase}), null for a form
	 * that carries none: OVERTAKEN when it was saved since, in another tab. ENDED when the trajectory ended meanwhile (a
	 * "complete" in another tab): the lock makes the two take turns, so no summary is written, nor
	 * mailed about, after it. The same for a handover meanwhile: the summary is kept as its writer's,
	 * and would otherwise stand in the new coach's trajectory under the old one's name.
	 */
	@Transactional
	public Written write(TrajectoryOverview trajectory, UUID coachId, String summary, boolean send) {
		return write(trajectory, coachId, summary, send, null);
	}

	/** As {@link #write(TrajectoryOverview, UUID, String, boolean)}, from a form shown with the summary's revision {@code base}. */
	@Transactional
	public Written write(TrajectoryOverview trajectory, UUID coachId, String summary, boolean send, String base) {
		if (trajectories.underwayLocked(trajectory.id()).filter(t -> t.coachedBy(coachId)).isEmpty()) {
			return Written.ENDED;
		}
		boolean sentBefore = closings.sent(trajectory.id());
		java.util.Optional<Closing> written = sentBefore ? closings.asWritten(trajectory.id()) : java.util.Optional.empty();
		// Reacted to first: a draft told SENT_ALREADY was told to send it as a change, which is refused as well.
		if (written.filter(Closing::stands).isPresent()) {
			return Written.REACTED;
		}
		if (!send && sentBefore) {
			return Written.SENT_ALREADY;
		}
		if (!closings.summaryStill(trajectory.id(), base)) {
			return Written.OVERTAKEN;
		}
		// Compared as it would be stored (Closings.write strips it): a line end more or less is no change to read.
		if (written.filter(Closing::summaryReadable).filter(c -> summary.strip().equals(c.summary())).isPresent()) {
			return Written.UNCHANGED;
		}
		boolean first = closings.write(trajectory.id(), coachId, summary, send);
		if (send) {
			Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
			Locale language = participant.language();
			// How to sign in as the other mails to a participant say it: with a link, no password needed, and
			// the sign-in page's address. It pointed to "Wachtwoord vergeten" alone, a way in few participants use.
			Object[] args = { participant.firstName(), trajectory.coachName(),
					address.link("/participant", language).toUriString(), address.link("/login", language).toUriString() };
			// In the conversation's thread (decision 0097): its subject and reply address, answering its last
			// letter; a subject of its own began a new thread in Gmail and Outlook. Put in the thread before its HTML
			// part is made (inLanguage), so that part's title is the subject that went: a title of its own, in the
			// setting of today, was another name for the mail than the one the inbox shows (decision 0097, amended).
			// A reply by mail is a letter to the coach, as any reply is; it names the participant: gone with an erasure.
			// No subject of its own: a text for one read as if it went, and a subject that said "closing" split the thread
			// in Gmail and Outlook as well. The text's first words after the greeting, which the inbox shows beside the
			// thread's subject, say it closes the e-coaching (decision 0097, amended).
			// The coach's name opens a sentence of the change's mail: „van Dijk heeft …” reads „Van Dijk heeft …” (decision
			// 0143); only theirs, the participant's first name is no sentence's start.
			// A change is mailed as well, in the same thread, naming none of its words as the first names none: a text they
			// read changed quietly, and a reaction could answer words no longer there (decision 0146).
			String mailId = outbox.enqueue(conversation.inConversation(trajectory, OutgoingMail.notice(participant.email(),
					"", Account.sentencesCapitalised(texts.getMessage(first ? "mail.closing.text" : "mail.closing.changed.text", args, language),
					trajectory.coachName()), null))
				.inLanguage(language, conversation.threadLanguage(trajectory), address.base())
				.about(trajectory.id()));
			// Its Message-ID kept: a reply to this mail is the participant's reaction (decision 0136); to the first mail
			// or to the newest about a change, both of which say so (decision 0146).
			closings.mailedAs(trajectory.id(), mailId, !first);
		}
		return !send ? Written.DRAFTED : first ? Written.SENT : Written.CHANGE_SENT;
	}

	/** The longest summary kept, in characters as the browser's field counts them. */
	public static final int MAX_SUMMARY = 20_000;

	/** The longest reaction kept, on the web or by mail. */
	public static final int MAX_REACTION = 8000;

	/**
	 * A letter of the participant that came by mail in reply to the summary's mail ({@code inReplyTo} its
	 * Message-ID) is also their reaction, while the trajectory is underway and they gave none yet; true when it
	 * became so (decision 0136). The mail said they could react by answering it. A reaction given already, or an
	 * ended trajectory, leaves it a letter only, as the mail says too; so does one with no words (only a photo)
	 * or more words than a reaction holds: the letter keeps them all, and the participant's closing says it is no
	 * reaction until they give one.
	 * <p>
	 * Called where the letter was just written, under the writers' shared lock on the trajectory
	 * ({@code Trajectories.lockedWithContent}): an ending waits for it, so underway is read without a lock of its own.
	 * Taking the row for update here made two writers that each held the shared lock wait for each other (a double
	 * click on adding a held mail deadlocked on PostgreSQL); two reactions at once are kept apart by the update's
	 * own {@code reaction is null}.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
	public boolean reactedByMail(TrajectoryOverview trajectory, String inReplyTo, UUID letterId, String letter) {
		if (inReplyTo == null || trajectories.withContent(trajectory.id()).filter(TrajectoryOverview::underway).isEmpty()) {
			return false;
		}
		if (letter == null || letter.isBlank() || letter.strip().length() > MAX_REACTION) {
			// They answered the mail that said a reply is a reaction, and think they reacted: kept, so their closing
			// says it is none, where they can give one (decision 0136, amended). No mail: nothing went wrong with it.
			closings.repliedWithALetterOnly(trajectory.id(), inReplyTo, letterId);
			return false;
		}
		return closings.reactByMail(trajectory.id(), inReplyTo, letterId, letter);
	}

	/** What became of a participant's reaction. */
	public enum Reacted {
		KEPT, ENDED, NO_SUMMARY, OVERTAKEN,
		/** Not kept: the coach sent a change of the summary since the form was shown, so it answered words no longer there (decision 0146). */
		SUMMARY_CHANGED
	}

	/**
	 * Keeps the participant's reaction while the trajectory is underway (locked, as {@link #write}). {@code base} is
	 * the reaction's revision their form was shown with ({@link Closing#reactionBase}), null for a form that carries
	 * none: OVERTAKEN when it was saved since, in another tab or by mail, and not written over (decision 0146).
	 */
	@Transactional
	public Reacted react(TrajectoryOverview trajectory, UUID participantId, String reaction) {
		return react(trajectory, participantId, reaction, null, null);
	}

	/**
	 * As {@link #react(TrajectoryOverview, UUID, String)}, from a form shown with the reaction's revision {@code base}
	 * and the summary's {@code summaryBase} ({@link Closing#summaryBase}): SUMMARY_CHANGED, not kept, when a change of
	 * the summary was sent since, so the reaction would answer words no longer there and make the new ones stand.
	 */
	@Transactional
	public Reacted react(TrajectoryOverview trajectory, UUID participantId, String reaction, String base, String summaryBase) {
		if (!participantId.equals(trajectory.participantId()) || trajectories.underwayLocked(trajectory.id()).isEmpty()) {
			return Reacted.ENDED;
		}
		if (!closings.sent(trajectory.id())) {
			return Reacted.NO_SUMMARY;
		}
		if (closings.react(trajectory.id(), reaction, base, summaryBase)) {
			return Reacted.KEPT;
		}
		// Under the trajectory's lock, as a change is sent: what failed is still so.
		return closings.summaryStill(trajectory.id(), summaryBase) ? Reacted.OVERTAKEN : Reacted.SUMMARY_CHANGED;
	}
}
