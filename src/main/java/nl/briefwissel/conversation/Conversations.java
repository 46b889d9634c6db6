package nl.briefwissel.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.mail.Delivery;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.writing.WritingTrends;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing and reading conversations. A coach's message and the mail that carries it to the
 * participant are written in one transaction (the outbox), so a message is never shown as sent
 * without its mail, nor mailed without being kept.
 */
@Service
public class Conversations {

	/**
	 * How many Message-IDs References carries: the thread's first, which RFC 5322 3.6.4 says to keep,
	 * and the most recent; enough for every client to thread.
	 */
	private static final int MAX_REFERENCES = 20;

	private final Messages messages;

	private final ReplyTokens tokens;

	private final Trajectories trajectories;

	private final Accounts accounts;

	private final Outbox outbox;

	private final ReplyAddress replyAddress;

	private final MessageMail mails;

	private final WritingTrends writing;

	private final GivenAssignments given;

	private final LettersAfterTheEnd afterTheEnd;

	private final LetterArrivals arrivals;

	Conversations(Messages messages, ReplyTokens tokens, Trajectories trajectories, Accounts accounts, Outbox outbox,
			ReplyAddress replyAddress, MessageMail mails, WritingTrends writing, GivenAssignments given,
			LettersAfterTheEnd afterTheEnd, LetterArrivals arrivals) {
		this.arrivals = arrivals;
		this.afterTheEnd = afterTheEnd;
		this.given = given;
		this.messages = messages;
		this.tokens = tokens;
		this.trajectories = trajectories;
		this.accounts = accounts;
		this.outbox = outbox;
		this.replyAddress = replyAddress;
		this.mails = mails;
		this.writing = writing;
	}

	/** The conversation of a trajectory, oldest first, notes included. */
	public List<Message> of(UUID trajectoryId) {
		return messages.ofTrajectory(trajectoryId);
	}

	/**
	 * The conversation of a trajectory the reader has at hand, oldest first, for the conversation page its
	 * coach or participant reads and writes on, and for the record (PDF) and export that hand it to them:
	 * the participant's and the coach's names are taken from it, not looked up for every letter. A letter
	 * no configured key opens (its key removed, its record damaged) is one of them, {@link Message#readable()}
	 * false and without its body, for the page or record to mark in its place; as an error it took every
	 * other letter, the writing form and the whole record with it (decision 0057).
	 */
	public List<Message> toRead(TrajectoryOverview trajectory) {
		return messages.ofTrajectory(trajectory.id(), names(trajectory), true);
	}

	/**
	 * When each letter of the trajectory came in, where that is not when it was added: a mail held back and added
	 * by the coach later came in when it was held, and whatever asks whether it came after the trajectory ended
	 * (the record, as the question before throwing a held mail away) judges it by that. By letter id; a letter not
	 * in it came in when it was written ({@link Message#createdAt()}).
	 */
	public Map<UUID, java.time.OffsetDateTime> cameIn(UUID trajectoryId) {
		return messages.heldSince(trajectoryId);
	}

	/**
	 * The letters of these (the trajectory's, as {@link #toRead} gave them) that came after it ended, by id: the
	 * conversation pages mark them as the record heads them (decision 0122), by the same rule
	 * ({@link Trajectories#endedAt}, judged by when each came in, {@link #cameIn}). Nothing is asked of a trajectory that
	 * runs, is paused or is being matched, which is every view the benchmark measures (decision 0026); an ended one
	 * asks its end, and only when a letter by mail was written since, when each came in. A letter added from the
	 * quarantine is dated when it was added, never before it came in: one dated before the end came before it.
	 */
	public java.util.Set<UUID> afterTheEnd(TrajectoryOverview trajectory, List<Message> letters) {
		if (!LettersAfterTheEnd.ended(trajectory) || letters.stream().allMatch(Message::isNote)) {
			return java.util.Set.of();
		}
		Optional<java.time.OffsetDateTime> end = trajectories.endedAt(trajectory.id());
		if (end.isEmpty()) {
			return java.util.Set.of();
		}
		List<Message> since = letters.stream()
			.filter(letter -> !letter.isNote() && Trajectories.cameAfterTheEnd(letter.createdAt(), end.get()))
			.toList();
		Map<UUID, java.time.OffsetDateTime> cameIn = since.stream().anyMatch(Message::cameByMail) ? cameIn(trajectory.id()) : Map.of();
		return since.stream()
			.filter(letter -> Trajectories.cameAfterTheEnd(cameIn.getOrDefault(letter.id(), letter.createdAt()), end.get()))
			.map(Message::id)
			.collect(java.util.stream.Collectors.toUnmodifiableSet());
	}

	/**
	 * One letter of a trajectory that arrived by mail, for its original mail's page: read alone, so
	 * another letter of the conversation that does not open leaves this page be (decision 0057). The
	 * page shows the mail, not the letter's text: this one not opening leaves it without its body
	 * ({@link Message#readable()} false), and the page says whether the mail opens.
	 */
	public Optional<Message> arrivedByMail(UUID trajectoryId, UUID messageId) {
		return messages.byIdUnopened(messageId)
			.filter(message -> message.trajectoryId().equals(trajectoryId) && message.inboundMailId() != null);
	}

	private static Map<UUID, String> names(TrajectoryOverview trajectory) {
		Map<UUID, String> names = new HashMap<>();
		names.put(trajectory.participantId(), trajectory.participantName());
		if (trajectory.coachId() != null) {
			names.put(trajectory.coachId(), trajectory.coachName());
		}
		return names;
	}

	/**
	 * Delivery state of the coach's mailed messages, by Message-ID: written on the web or answered by
	 * mail alike (a coach's letter always keeps the Message-ID of the mail that went to the participant).
	 */
	public Map<String, Delivery> deliveries(List<Message> conversation) {
		List<String> ids = conversation.stream()
			.filter(message -> message.author() == Author.COACH && message.mailMessageId() != null)
			.map(Message::mailMessageId)
			.toList();
		return outbox.deliveries(ids);
	}

	/**
	 * Whether a coach's letter goes to the participant with its words now, or as a notification only: the programme
	 * allows it and the participant wants it. For the page that says what went.
	 */
	public boolean lettersGoInFull(TrajectoryOverview trajectory) {
		return mails.inFull(trajectory);
	}

	/**
	 * The coach sends a letter of theirs again that the outbox gave up on. False when it is not a
	 * failed mail of this coach's letter in this trajectory (sent by now, clicked twice, or gone).
	 * The mail is made again, as the letter would go today: days may have passed, in which the
	 * participant asked for notices instead of full letters, or the programme stopped sending them.
	 */
	@Transactional
	public boolean sendAgain(TrajectoryOverview trajectory, UUID coachId, UUID messageId) {
		if (!trajectory.coachedBy(coachId)) {
			throw new NotYourTrajectoryException(trajectory.id());
		}
		return messages.byId(messageId)
			.filter(message -> message.trajectoryId().equals(trajectory.id()) && message.author() == Author.COACH
					&& message.mailMessageId() != null)
			// Made again only for a mail that failed: a second click finds it queued, and makes nothing.
			.filter(message -> Optional.ofNullable(outbox.deliveries(List.of(message.mailMessageId())).get(message.mailMessageId()))
				.filter(delivery -> delivery.status() == Delivery.Status.FAILED)
				.isPresent())
			.map(message -> outbox.sendAgain(message.mailMessageId(), mailOf(trajectory, message)))
			.orElse(false);
	}

	private OutgoingMail mailOf(TrajectoryOverview trajectory, Message letter) {
		Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
		List<String> files = messages.acceptedFileNames(letter.id());
		// Thread headers are the first mail's own; the outbox keeps them.
		return mails.coachMessage(trajectory, letter.authorName(), participant, letter.body(), letter.language(), files,
				replyAddress.of(tokens.tokenFor(trajectory.id(), participant.id())), null, List.of());
	}

	/** A file of a message in this trajectory. */
	public Optional<Attachment> attachment(UUID trajectoryId, UUID attachmentId) {
		return messages.attachment(attachmentId)
			.filter(attachment -> messages.byId(attachment.messageId())
				.map(message -> message.trajectoryId().equals(trajectoryId))
				.orElse(false));
	}

	public Optional<byte[]> attachmentContent(UUID attachmentId) {
		return messages.attachmentContent(attachmentId);
	}

	/** Why mail to the participant fails, when it does. */
	public Optional<String> mailFailure(UUID trajectoryId) {
		return tokens.binding(trajectoryId).filter(binding -> binding.failingSince() != null).map(ReplyTokens.Binding::failure);
	}

	/** The coach says mail to the participant arrives again: the warning goes, until the next failure. */
	@Transactional
	public void mailWorksAgain(UUID trajectoryId) {
		tokens.markWorking(trajectoryId);
	}

	/** The coach writes: kept, and mailed to the participant. */
	@Transactional
	public UUID coachWrites(UUID trajectoryId, UUID coachId, String text) {
		return coachWrites(trajectory(trajectoryId), coachId, text);
	}

	/** The same, for a caller that has just read the trajectory (the write form): not read twice. */
	@Transactional
	public UUID coachWrites(TrajectoryOverview trajectory, UUID coachId, String text) {
		lockAsCoach(trajectory, coachId);
		return coachMessage(trajectory, text, Channel.WEB, null, List.of());
	}

	/** Refuses unless this coach coaches the trajectory, asked on its row, which stays locked (a handover waits). */
	private void lockAsCoach(TrajectoryOverview trajectory, UUID coachId) {
		if (!trajectory.coachedBy(coachId) || !trajectories.coachedByLocked(trajectory.id(), coachId)) {
			throw new NotYourTrajectoryException(trajectory.id());
		}
	}

	/** What became of a letter written from a form. */
	public sealed interface FormLetter {

		/**
		 * Written now, and mailed where it goes by mail. {@code asNotification}: its mail only said that a letter
		 * waits, without its words (the programme or the participant keeps letters out of ordinary mail), as the
		 * mail was made; the page that says what went need not read that again.
		 */
		record Written(UUID messageId, boolean asNotification) implements FormLetter {

			/** A letter that went by no mail of this kind: the participant's own. */
			public Written(UUID messageId) {
				this(messageId, false);
			}
		}

		/** An earlier click of the same form wrote it: nothing is written or mailed again. */
		record WrittenBefore() implements FormLetter {
		}

		/**
		 * Not written: the trajectory ended, was erased or went to another coach while the form was
		 * open. Nobody it was meant for would read it.
		 */
		record Refused() implements FormLetter {
		}
	}

	/**
	 * The coach writes from a form: once per form, whatever the number of clicks, and only while the
	 * trajectory runs or is paused, asked on its locked row.
	 */
	@Transactional
	public FormLetter coachWritesOnce(TrajectoryOverview trajectory, UUID coachId, String text, UUID submission) {
		return coachWritesOnce(trajectory, coachId, text, submission, null);
	}

	/**
	 * As {@link #coachWritesOnce(TrajectoryOverview, UUID, String, UUID)}; {@code quoted} is what in the
	 * letter is not the coach's own words (an assignment's text), left out of their writing trends.
	 */
	@Transactional
	public FormLetter coachWritesOnce(TrajectoryOverview trajectory, UUID coachId, String text, UUID submission,
			String quoted) {
		// The trajectory's row first: the form's id below refers to it, and on PostgreSQL that reference
		// holds a share lock on the row; two letters from two tabs, each holding one and each asking
		// to lock the row for itself afterwards, would wait for each other.
		if (!trajectory.coachedBy(coachId) || !trajectories.underwayForCoachLocked(trajectory.id(), coachId)) {
			return new FormLetter.Refused();
		}
		if (submission != null && !messages.firstSubmission(trajectory.id(), submission)) {
			return new FormLetter.WrittenBefore();
		}
		Sent sent = coachMessage(trajectory, text, Channel.WEB, null, List.of(), quoted);
		return new FormLetter.Written(sent.messageId(), sent.asNotification());
	}

	/**
	 * The participant writes from a form, once per form (see {@link #coachWritesOnce}), while the
	 * trajectory runs or is paused: its row is locked first, so a letter either comes before the
	 * coach's "Afronden" or an erasure, or finds the trajectory ended and is refused.
	 */
	@Transactional
	public FormLetter participantWritesOnce(UUID trajectoryId, UUID participantId, String text, List<MailAttachment> files,
			UUID submission) {
		if (trajectories.underwayLocked(trajectoryId).isEmpty()) {
			return new FormLetter.Refused();
		}
		if (submission != null && !messages.firstSubmission(trajectoryId, submission)) {
			return new FormLetter.WrittenBefore();
		}
		return new FormLetter.Written(participantWrites(trajectoryId, participantId, text, files));
	}

	/**
	 * The participant's laid coach cards, once per form: the answer to that one given assignment,
	 * not to any other that is open, which still waits for a letter of its own.
	 */
	@Transactional
	public FormLetter participantAnswersOnce(UUID trajectoryId, UUID participantId, String text, UUID givenId,
			UUID submission) {
		if (trajectories.underwayLocked(trajectoryId).isEmpty()) {
			return new FormLetter.Refused();
		}
		if (submission != null && !messages.firstSubmission(trajectoryId, submission)) {
			return new FormLetter.WrittenBefore();
		}
		UUID id = participantMessage(trajectoryId, participantId, text, List.of());
		given.answerOne(givenId, id);
		return new FormLetter.Written(id);
	}

	/** Whether the letter of this write form went already: a second click finds the first one's letter. */
	public boolean submitted(UUID submission) {
		return submission != null && messages.submitted(submission);
	}

	/** The participant writes from the web instead of by mail. */
	@Transactional
	public UUID participantWrites(UUID trajectoryId, UUID participantId, String text) {
		return participantWrites(trajectoryId, participantId, text, List.of());
	}

	/** The participant writes from the web with files (photos for an assignment), kept like mail attachments. */
	@Transactional
	public UUID participantWrites(UUID trajectoryId, UUID participantId, String text, List<MailAttachment> files) {
		UUID id = participantMessage(trajectoryId, participantId, text, files);
		given.answer(trajectoryId, id, arrivals.onTheWeb(trajectoryId));
		return id;
	}

	private UUID participantMessage(UUID trajectoryId, UUID participantId, String text, List<MailAttachment> files) {
		TrajectoryOverview trajectory = trajectory(trajectoryId);
		if (!participantId.equals(trajectory.participantId())) {
			throw new NotYourTrajectoryException(trajectoryId);
		}
		return messages.add(trajectoryId, participantId, Author.PARTICIPANT, MessageKind.MESSAGE, text.strip(), Channel.WEB,
				null, files);
	}

	/**
	 * The mail is put in the outbox first so the letter is stored with its Message-ID in one insert;
	 * both are in the caller's transaction, so neither is visible without the other.
	 */
	UUID coachMessage(TrajectoryOverview trajectory, String text, Channel channel, UUID inboundMailId,
			List<MailAttachment> attachments) {
		return coachMessage(trajectory, text, channel, inboundMailId, attachments, null).messageId();
	}

	/** A coach's letter kept, and whether its mail went as a notification only. */
	private record Sent(UUID messageId, boolean asNotification) {
	}

	private Sent coachMessage(TrajectoryOverview trajectory, String text, Channel channel, UUID inboundMailId,
			List<MailAttachment> attachments, String quoted) {
		Account participant = accounts.byId(trajectory.participantId()).orElseThrow();
		String token = tokens.tokenFor(trajectory.id(), participant.id());
		Messages.MailThread thread = messages.mailThread(trajectory.id());
		List<String> references = referencesKept(thread.references());
		List<String> files = attachments == null ? List.of()
				: attachments.stream().filter(MailAttachment::accepted).map(MailAttachment::name).toList();
		// The mail is made before the letter is kept (it is kept with the mail's Message-ID): the language the letter
		// will be kept in, asked first, so that the mail marks the letter with it.
		Locale written = messages.languageOfNew(trajectory.id(), Author.COACH, MessageKind.MESSAGE, text.strip());
		OutgoingMail mail = mails.coachMessage(trajectory, participant, text.strip(), written, files, replyAddress.of(token),
				thread.inReplyTo(), references);
		String mailId = outbox.enqueue(mail);
		UUID id = messages.add(trajectory.id(), trajectory.coachId(), Author.COACH, MessageKind.MESSAGE, text.strip(), channel,
				inboundMailId, mailId, attachments);
		writing.record(trajectory.coachId(), id, text, participant.language(), quoted);
		afterTheEnd.answered(trajectory);
		return new Sent(id, mail.notification());
	}

	/**
	 * The participant's mail reached a conversation that has ended: it is kept, and its coach told by
	 * a mail they can answer (see {@link MessageMail#afterTheEnd}) and in their workspace until they open
	 * the conversation ({@link LettersAfterTheEnd}, decision 0090).
	 */
	void participantWroteAfterTheEnd(TrajectoryOverview trajectory) {
		if (trajectory.coachId() == null) {
			return;
		}
		afterTheEnd.wrote(trajectory.id());
		accounts.byId(trajectory.coachId()).ifPresent(coach -> outbox.enqueue(mails.afterTheEnd(trajectory, coach,
				replyAddress.of(tokens.tokenFor(trajectory.id(), trajectory.participantId())))));
	}

	TrajectoryOverview trajectory(UUID trajectoryId) {
		return trajectories.byId(trajectoryId).orElseThrow(() -> new NotYourTrajectoryException(trajectoryId));
	}

	/** A trajectory that does not exist or is not the person's own: both answer 404, so ids reveal nothing. */
	public static class NotYourTrajectoryException extends RuntimeException {

		NotYourTrajectoryException(UUID trajectoryId) {
			super("No trajectory " + trajectoryId + " for this person");
		}
	}

	/** The References a letter carries: the thread's first Message-ID and the most recent ones. */
	static List<String> referencesKept(List<String> references) {
		if (references.size() <= MAX_REFERENCES) {
			return references;
		}
		List<String> kept = new ArrayList<>(MAX_REFERENCES);
		kept.add(references.get(0));
		kept.addAll(references.subList(references.size() - (MAX_REFERENCES - 1), references.size()));
		return kept;
	}
}
