package nl.briefwissel.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.assignment.GivenAssignments;
import nl.briefwissel.mail.InboundMail;
import nl.briefwissel.mail.InboundMailHandler;
import nl.briefwissel.mail.InboundResult;
import nl.briefwissel.mail.MailKind;
import nl.briefwissel.mail.ReadMail;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.mail.SenderAuthentication;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Intake;
import nl.briefwissel.trajectory.Intakes;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.stereotype.Component;

/**
 * Threads inbound mail into conversations: by reply token first, then by our own Message-IDs in
 * In-Reply-To and References. A mail to the reply addresses of several conversations goes to the one
 * its sender writes in, and to the administrators when that is not exactly one. The sender must be the trajectory's participant (at their own
 * address or one their coach accepted for the trajectory, decision 0089) or its coach; any
 * doubt sends the mail to the quarantine with the reason, never into a conversation. A mail that
 * belongs to no conversation but reached a programme's intake address is an application (its files kept with it),
 * unless its sender is the participant of a running trajectory of that programme: then it is their new mail, held
 * for their coach. The
 * participant hears of their mail that was held back or only partly kept, at their own address
 * ({@link HeldBackNotices}, decision 0075).
 */
@Component
class InboundReplies implements InboundMailHandler {

	private final ReplyTokens tokens;

	private final Messages messages;

	private final Trajectories trajectories;

	private final Quarantine quarantine;

	private final Conversations conversations;

	private final Programmes programmes;

	private final Intakes intakes;

	private final GivenAssignments given;

	private final SenderAuthentication authentication;

	private final HeldBackNotices notices;

	private final AcceptedAddresses accepted;

	private final ReplyAddress addresses;

	private final LetterArrivals arrivals;

	private final Accounts accounts;

	InboundReplies(ReplyTokens tokens, Messages messages, Trajectories trajectories, Quarantine quarantine,
			Conversations conversations, Programmes programmes, Intakes intakes, GivenAssignments given,
			SenderAuthentication authentication, HeldBackNotices notices, AcceptedAddresses accepted,
			ReplyAddress addresses, LetterArrivals arrivals, Accounts accounts) {
		this.accounts = accounts;
		this.arrivals = arrivals;
		this.addresses = addresses;
		this.accepted = accepted;
		this.notices = notices;
		this.given = given;
		this.authentication = authentication;
		this.programmes = programmes;
		this.intakes = intakes;
		this.tokens = tokens;
		this.messages = messages;
		this.trajectories = trajectories;
		this.quarantine = quarantine;
		this.conversations = conversations;
	}

	@Override
	public InboundResult handle(InboundMail mail) {
		ReadMail content = mail.content();
		if (content.kind() == MailKind.UNREADABLE) {
			if (content.tooBig()) {
				return heldForItsConversation(mail, new QuarantineReason.TooBig(sender(content)), notices::tooBig);
			}
			if (content.undecodable()) {
				// Its headers were read, its text not: held for the conversation it was meant for, as a mail too big is.
				return heldForItsConversation(mail, new QuarantineReason.Undecodable(sender(content),
						content.problem().substring("undecodable: ".length())), notices::undecodable);
			}
			return quarantine.put(mail.id(), new QuarantineReason.Unreadable(content.problem()), null);
		}
		List<Threading> addressed = addressed(content);
		Optional<Threading> trajectory;
		if (addressed.size() > 1) {
			// Reply addresses of two conversations: only the one the sender writes in may have it, and when
			// that is not one alone a person decides, not the order of the addresses (decision 0059).
			List<Threading> own = addressed.stream().filter(t -> writesIn(content, t.trajectory())).toList();
			if (own.size() != 1) {
				return quarantine.put(mail.id(),
						new QuarantineReason.SeveralConversations(addressed.stream().map(t -> t.trajectory().id()).toList()), null);
			}
			trajectory = Optional.of(own.get(0));
		}
		else {
			trajectory = addressed.isEmpty() ? byReferences(content) : Optional.of(addressed.get(0));
		}
		if (trajectory.isEmpty() && content.kind() == MailKind.REPLY && content.replyToken() == null && content.from() != null) {
			// The platform's own mailbox is never an intake, also for a programme given it before the form refused it:
			// a mail there without a reply address (a client that dropped the +token) is no application.
			Optional<Programme> programme = content.recipients().stream().filter(address -> !addresses.isPlatforms(address))
				.map(programmes::byIntakeAddress).flatMap(Optional::stream).findFirst();
			List<TrajectoryOverview> runningHere = programme.map(p -> runningIn(content, p)).orElse(List.of());
			if (runningHere.size() > 1) {
				// An address confirmed for two running trajectories of the programme (two participants sharing it, or
				// one with two): which coach it is for is not ours to pick, the first of an unordered list would be
				// an arbitrary one. An administrator decides, as with a mail to the reply addresses of two (decision 0059).
				return quarantine.put(mail.id(),
						new QuarantineReason.SeveralConversations(runningHere.stream().map(TrajectoryOverview::id).toList()), null);
			}
			Optional<TrajectoryOverview> running = runningHere.stream().findFirst();
			if (running.isPresent()) {
				// The participant of a running trajectory of this programme writing to its intake address ("how does it go
				// on?") is not applying again: an application would have them fill in the whole form to read that they
				// were in already, and their words would reach nobody. Held for their coach as their new mail without a
				// reply address is (decision 0106), and they hear at once that it waits for their coach.
				return heldForTheCoach(mail, running.get());
			}
			List<TrajectoryOverview> waitingHere = runningHere.isEmpty() ? programme.map(p -> waitingIn(content, p)).orElse(List.of())
					: List.of();
			if (waitingHere.size() > 1) {
				return quarantine.put(mail.id(),
						new QuarantineReason.SeveralConversations(waitingHere.stream().map(TrajectoryOverview::id).toList()), null);
			}
			if (waitingHere.size() == 1) {
				// Their application is complete and waits for a coach: a second application would have them fill in the
				// form again, to read that they were in already ("Maak je aanmelding af" to someone who did). The mail is
				// kept with the trajectory the application became, for its coach once there is one, and they hear that
				// their application is in and waits for a coach (decision 0129).
				return heldUntilACoach(mail, waitingHere.get(0));
			}
			SenderAuthentication.Verdict verdict = authentication.check(content);
			if (programme.isPresent() && verdict instanceof SenderAuthentication.Unconfirmed unconfirmed) {
				List<TrajectoryOverview> theirs = participantIn(sender(content), programme.get());
				if (!theirs.isEmpty()) {
					// In the name of someone coached in this programme or waiting for a coach, and anyone can write that
					// From: an application would answer their address with a link to a form holding the writer's words,
					// and a notice that it waits would tell them of a mail they may never have sent. Held for their
					// trajectory as an unconfirmed letter in their name is, telling nobody (decision 0137); of two, for
					// the administrators alone, as whose it is is not ours to pick.
					return quarantine.put(mail.id(), QuarantineReason.UnconfirmedSender.atIntake(sender(content),
							unconfirmed.found()), theirs.size() == 1 ? theirs.get(0).id() : null);
				}
			}
			if (programme.isPresent() && !Intakes.answerable(content.from())) {
				// An application from an address no mail can be written to could never be completed (its
				// link would never arrive): the administrators see it, with why.
				return quarantine.put(mail.id(), new QuarantineReason.UnanswerableApplicant(content.from()), null);
			}
			if (programme.isPresent() && verdict instanceof SenderAuthentication.Unconfirmed unconfirmed
					&& intakes.addsToAnApplication(programme.get(), content.from())) {
				// Anyone can write the From of someone who applied by mail today: unconfirmed, its words, files and mail
				// would go into that person's application and export. Held for the administrators as an unconfirmed
				// sender's mail without a reply address is (see own), outside every application and export; the
				// reason says the sender was not confirmed, not only that no conversation was found.
				return quarantine.put(mail.id(), new QuarantineReason.UnconfirmedWithoutReference(sender(content),
						unconfirmed.found()), null);
			}
			if (programme.isPresent()) {
				// Its files are the applicant's as a letter's are (a CV, say): kept with the application by a letter's rules.
				// From a sender the receiving server did not confirm, the application is marked so: it stays out of the
				// address's export until the link of our answer, which only the address's owner gets, is used (decision 0129).
				Optional<Intake> application = intakes.receiveByMail(programme.get(), content.from(),
						content.fromName(), question(content), mail.id(), content.attachments(),
						verdict instanceof SenderAuthentication.Unconfirmed);
				if (application.isEmpty()) {
					// Its organisation was ended after the address found the programme (decision 0082): kept aside, with why.
					return quarantine.put(mail.id(), new QuarantineReason.EndedProgramme(), null);
				}
				return new InboundResult.Application(application.get().id());
			}
		}
		if (trajectory.isEmpty()) {
			// A reply address whose code is no token at all (reply+ditbestaatniet@, too short to be one) is still a
			// reply address: the administrator reads that its code is unknown, not that the mail had none.
			QuarantineReason reason = content.replyToken() != null
					|| content.recipients().stream().anyMatch(addresses::isReplyAddress)
							? new QuarantineReason.UnknownReplyAddress() : new QuarantineReason.NoReference();
			if (messages.trajectoryOfMailIds(content.references()).isPresent()) {
				// Its reply address went with the erasure; the mail stays with the administrators, outside it.
				reason = new QuarantineReason.ErasedConversation();
			}
			if (content.kind() == MailKind.BOUNCE) {
				reason = new QuarantineReason.StrayBounce(content.failedRecipient());
			}
			else if (reason instanceof QuarantineReason.NoReference && content.kind() == MailKind.REPLY
					&& authentication.check(content) instanceof SenderAuthentication.Unconfirmed unconfirmed) {
				// The administrator reads that the sender was not confirmed as well: it says why no conversation of that
				// address took the mail, and that the From may be someone else's.
				reason = new QuarantineReason.UnconfirmedWithoutReference(sender(content), unconfirmed.found());
			}
			Optional<TrajectoryOverview> own = content.kind() == MailKind.REPLY
					&& (reason instanceof QuarantineReason.NoReference || reason instanceof QuarantineReason.UnknownReplyAddress)
							? own(content) : Optional.empty();
			if (own.isPresent()) {
				// A new mail of the participant of one open trajectory: their coach decides, not an administrator who
				// does not know them, and the participant hears it waits (decision 0106); or, after their last one
				// ended, that it was kept and nobody coaches them any more (the notice says which).
				return heldForTheCoach(mail, own.get());
			}
			return quarantine.put(mail.id(), reason, null);
		}
		TrajectoryOverview found = trajectory.get().trajectory();
		return switch (content.kind()) {
			// A report from someone's own address (one who has the reply address from a forwarded letter)
			// would put their words in the conversation as a note and say the participant's mail fails.
			case BOUNCE -> content.fromAMailServer() ? bounce(mail, found) : notTheirs(mail, found, sender(content));
			case AUTO_REPLY -> autoReply(mail, found);
			case DELIVERY_REPORT -> content.fromAMailServer() ? deliveryReport(mail, found) : notTheirs(mail, found, sender(content));
			case REPLY -> reply(mail, found, trajectory.get().mailMayBeFailing());
			case UNREADABLE -> throw new IllegalStateException("handled above");
		};
	}

	/**
	 * A mail too big to keep (only its headers were read, decision 0075), one whose text does not decode, or an
	 * empty one. Held for the conversation whose reply address (or, without one, whose mail) it answers, as a
	 * letter would have been, so its coach sees it; from its participant's address, the participant is told
	 * ({@code told}: to send it again smaller, that it could not be read, that it was empty); from another, that it
	 * was not taken. Never an answer to the address it came from.
	 */
	private InboundResult heldForItsConversation(InboundMail mail, QuarantineReason reason,
			java.util.function.BiConsumer<TrajectoryOverview, java.time.OffsetDateTime> told) {
		ReadMail content = mail.content();
		List<Threading> addressed = addressed(content);
		List<Threading> own = addressed.size() > 1
				? addressed.stream().filter(t -> writesIn(content, t.trajectory())).toList() : addressed;
		Optional<TrajectoryOverview> trajectory = own.size() == 1 ? Optional.of(own.get(0).trajectory())
				: addressed.isEmpty() ? byReferences(content).map(Threading::trajectory) : Optional.empty();
		String sender = sender(content);
		InboundResult held = quarantine.put(mail.id(), reason, trajectory.map(TrajectoryOverview::id).orElse(null));
		trajectory.ifPresent(found -> {
			if (fromParticipant(sender, found)) {
				told.accept(found, mail.receivedAt());
			}
			else if (mayBeTheParticipantsOtherAddress(content, found, sender)) {
				notices.fromAnotherAddress(found, sender, mail.receivedAt(), accepted.waitingFor(found.id(), sender));
			}
		});
		return held;
	}

	/**
	 * Whether a mail held back for coming from neither the participant nor the coach may be the
	 * participant's from another address: a person's, not a mail server's, and not the coach's or a coach's
	 * the trajectory was handed over from.
	 */
	private boolean mayBeTheParticipantsOtherAddress(ReadMail content, TrajectoryOverview trajectory, String sender) {
		return !sender.isEmpty() && !content.fromAMailServer() && !sender.equals(trajectory.coachEmail())
				&& !trajectories.coachedBefore(trajectory.id(), sender);
	}

	/**
	 * The one running or paused trajectory whose participant sent this mail (their own address, or one confirmed
	 * for it), when the receiving server did not doubt the sender (decision 0037): a mail without a reply address
	 * carries nothing else that says whose it is. None when the sender is the participant of two or more. When none
	 * of theirs runs any more, the one of theirs that ended last (by their own address): it is still their mail, kept
	 * for their conversation and in their export, and they hear that nobody coaches them any more, where it went to
	 * the administrators unseen and they heard nothing (decision 0106, session 44). A running one wins over an
	 * ended one, as a letter goes to the conversation they write in.
	 */
	private Optional<TrajectoryOverview> own(ReadMail content) {
		String sender = sender(content);
		if (sender.isEmpty() || authentication.check(content) instanceof SenderAuthentication.Unconfirmed) {
			return Optional.empty();
		}
		List<UUID> underway = accepted.underwayOf(sender);
		if (underway.isEmpty()) {
			return accepted.lastEndedOf(sender).flatMap(trajectories::withContent);
		}
		return underway.size() == 1 ? trajectories.withContent(underway.get(0)) : Optional.empty();
	}

	/**
	 * A mail to the intake address of the participant whose application to the programme is complete and waits for a
	 * coach: held for the trajectory it became, which its coach sees once they coach it (as a participant's new mail,
	 * decision 0106), and they are told their application is in and waits for a coach (decision 0129).
	 */
	private InboundResult heldUntilACoach(InboundMail mail, TrajectoryOverview trajectory) {
		ReadMail content = mail.content();
		boolean confirmed = authentication.check(content) instanceof SenderAuthentication.Confirmed;
		InboundResult held = quarantine.put(mail.id(), new QuarantineReason.NewMail(sender(content), confirmed), trajectory.id());
		notices.newMailWhileWaiting(trajectory, mail.receivedAt());
		return held;
	}

	/** A new mail of the trajectory's participant without its reply address: held for their coach, and they are told. */
	private InboundResult heldForTheCoach(InboundMail mail, TrajectoryOverview trajectory) {
		ReadMail content = mail.content();
		boolean confirmed = authentication.check(content) instanceof SenderAuthentication.Confirmed;
		InboundResult held = quarantine.put(mail.id(), new QuarantineReason.NewMail(sender(content), confirmed), trajectory.id());
		notices.newMail(trajectory, mail.receivedAt());
		return held;
	}

	/**
	 * The running or paused trajectory in this programme of the participant who sent the mail, judged as {@link #own}
	 * judges whose a mail is (their address or one confirmed for it, the receiving server not doubting it). One that
	 * ended is not: a new application to the programme is then what they may well mean. All of them: more than one
	 * is for a person to sort out, as {@link #own} leaves a sender of two to one.
	 */
	private List<TrajectoryOverview> runningIn(ReadMail content, Programme programme) {
		String sender = sender(content);
		if (sender.isEmpty() || authentication.check(content) instanceof SenderAuthentication.Unconfirmed) {
			return List.of();
		}
		return in(accepted.underwayOf(sender), programme);
	}

	/**
	 * The trajectories in this programme whose participant the From names, running or paused ({@link #runningIn}) or
	 * waiting for a coach ({@link #waitingIn}), whatever the receiving server said of the sender: for a mail whose
	 * sender it did not confirm, to say whose name it came in.
	 */
	private List<TrajectoryOverview> participantIn(String sender, Programme programme) {
		if (sender.isEmpty()) {
			return List.of();
		}
		List<UUID> ids = new java.util.ArrayList<>(accepted.underwayOf(sender));
		ids.addAll(accepted.waitingForACoach(sender));
		return in(ids.stream().distinct().toList(), programme);
	}

	private List<TrajectoryOverview> in(List<UUID> ids, Programme programme) {
		return ids.stream()
			.map(trajectories::withContent)
			.flatMap(Optional::stream)
			.filter(t -> programme.id().equals(t.programmeId()))
			.toList();
	}

	/**
	 * The trajectory in this programme of the participant who sent the mail whose application is complete and waits
	 * for a coach (none proposed yet, or one proposed who has not accepted): by their own address, the receiving server
	 * not doubting it, as {@link #runningIn} judges. All of them: more than one is for a person to sort out.
	 */
	private List<TrajectoryOverview> waitingIn(ReadMail content, Programme programme) {
		String sender = sender(content);
		if (sender.isEmpty() || authentication.check(content) instanceof SenderAuthentication.Unconfirmed) {
			return List.of();
		}
		return in(accepted.waitingForACoach(sender), programme);
	}

	/** The trajectory a mail belongs to, and whether mail to its participant may be marked failing. */
	private record Threading(TrajectoryOverview trajectory, boolean mailMayBeFailing) {
	}

	/** The conversations whose reply addresses the mail went to, each once, in the order of the addresses. */
	private List<Threading> addressed(ReadMail content) {
		Map<UUID, Threading> found = new LinkedHashMap<>();
		for (String token : content.replyTokens()) {
			tokens.byToken(token).ifPresent(binding -> {
				if (!found.containsKey(binding.trajectoryId())) {
					trajectories.withContent(binding.trajectoryId())
						.ifPresent(t -> found.put(t.id(), new Threading(t, binding.failingSince() != null)));
				}
			});
		}
		return List.copyOf(found.values());
	}

	private Optional<Threading> byReferences(ReadMail content) {
		return messages.trajectoryOfMailIds(content.references()).flatMap(trajectories::withContent)
			.map(t -> new Threading(t, true));
	}

	private boolean writesIn(ReadMail content, TrajectoryOverview trajectory) {
		String sender = sender(content);
		return !sender.isEmpty() && (fromParticipant(sender, trajectory) || sender.equalsIgnoreCase(trajectory.coachEmail()));
	}

	/**
	 * Whether the (lower-case) sender is the trajectory's participant: their own address, or another of theirs
	 * their coach accepted for this trajectory (decision 0089). Every other check stays as it is for their own.
	 */
	private boolean fromParticipant(String sender, TrajectoryOverview trajectory) {
		return !sender.isEmpty() && (sender.equalsIgnoreCase(trajectory.participantEmail())
				|| accepted.accepted(trajectory.id(), sender));
	}

	private InboundResult reply(InboundMail mail, TrajectoryOverview trajectory, boolean mailMayBeFailing) {
		ReadMail content = mail.content();
		String sender = sender(content);
		Optional<InboundResult> unconfirmed = unconfirmed(mail, trajectory, sender);
		if (unconfirmed.isPresent()) {
			return unconfirmed.get();
		}
		if (fromParticipant(sender, trajectory)) {
			String letter = messages.withInlineAnswers(trajectory.id(), content);
			if (empty(letter, content)) {
				// Nothing of theirs, a mail sent by mistake or only the letter answered: the web form refuses an empty
				// letter, and it would count as written. Held, and they hear it did not arrive, as for other held mail.
				// Its conversation is known here: held for it, not looked up again.
				int notKept = (int) content.attachments().stream().filter(file -> !file.accepted()).count();
				InboundResult held = quarantine.put(mail.id(), new QuarantineReason.EmptyMail(sender), trajectory.id());
				notices.empty(trajectory, notKept, mail.receivedAt());
				return held;
			}
			UUID id = messages.add(trajectory.id(), trajectory.participantId(), Author.PARTICIPANT, MessageKind.MESSAGE,
					letter, Channel.MAIL, mail.id(), content.messageId(), content.attachments());
			// The reply, photos and files included, answers the open assignments; after the closing summary only
			// what was given since, or in the letter it replies to (decision 0126).
			given.answerByMail(trajectory.id(), id, arrivals.byMail(trajectory.id(), content, mail.receivedAt()));
			arrivals.reactionToTheSummary(trajectory, content, id, letter);
			// A file not kept is said to them, as the web form says it: the coach sees only its name.
			notices.filesNotKept(trajectory, content.attachments().stream().filter(file -> !file.accepted()).toList(),
					mail.receivedAt());
			if (mailMayBeFailing) {
				tokens.markWorking(trajectory.id()); // the participant's mail arrives again
			}
			if (trajectory.status().ended()) {
				// No list of the coach shows an ended trajectory's news: they are told. And the participant hears that
				// nobody coaches them any more, and where a new question goes, or they wait for an answer (decision 0122).
				// Only for a letter: an automatic answer of theirs is a note, told nothing, so two robots do not talk.
				conversations.participantWroteAfterTheEnd(trajectory);
				notices.afterTheEnd(trajectory, mail.receivedAt());
			}
			return new InboundResult.Threaded(id);
		}
		if (sender.equals(trajectory.coachEmail()) && empty(content.text(), content)) {
			// An empty letter would go to the participant as one: the coach's web form refuses it too.
			return quarantine.put(mail.id(), new QuarantineReason.EmptyMail(sender), trajectory.id());
		}
		if (sender.equals(trajectory.coachEmail()) && managesToo(trajectory)) {
			// Programme manager and e-coach at once, from before decision 0145: no coach's page opens for them, and
			// their mail is no letter either. Held with why, for an administrator to see, not sent on nor dropped.
			return quarantine.put(mail.id(), new QuarantineReason.ManagingCoach(sender), trajectory.id());
		}
		if (sender.equals(trajectory.coachEmail())) {
			// A coach answering by mail: kept and sent on to the participant like a message from the web.
			return new InboundResult.Threaded(
					conversations.coachMessage(trajectory, content.text(), Channel.MAIL, mail.id(), content.attachments()));
		}
		return notTheirs(mail, trajectory, sender);
	}

	/** Whether the trajectory's coach is a programme manager too (decision 0145): read as the mail arrives. */
	private boolean managesToo(TrajectoryOverview trajectory) {
		return trajectory.coachId() != null && accounts.byId(trajectory.coachId()).map(Account::managesAndCoaches).orElse(false);
	}

	/**
	 * An automatic answer becomes a note only when the participant or the coach sent it, as a letter
	 * does: the headers that make a mail automatic are anyone's to write, so someone else with the
	 * reply address (from a forwarded letter) would otherwise put their words in the conversation.
	 * A delivery report that only says “delayed” is not one of these (see {@link MailKind#DELIVERY_REPORT}).
	 */
	private InboundResult autoReply(InboundMail mail, TrajectoryOverview trajectory) {
		ReadMail content = mail.content();
		String sender = sender(content);
		Optional<InboundResult> unconfirmed = unconfirmed(mail, trajectory, sender);
		if (unconfirmed.isPresent()) {
			return unconfirmed.get();
		}
		if (fromParticipant(sender, trajectory) || sender.equals(trajectory.coachEmail())) {
			return new InboundResult.AutoReply(messages.add(trajectory.id(), null, Author.SYSTEM,
					MessageKind.AUTO_REPLY_NOTE, note(content), Channel.MAIL, mail.id(), java.util.List.of()));
		}
		return notTheirs(mail, trajectory, sender);
	}

	/**
	 * A mail from the participant's or the coach's address that the receiving server did not confirm
	 * (when the site asks for it, decision 0037): to the quarantine, for the trajectory's coach to see.
	 * The coach's would otherwise be mailed to the participant in the coach's name.
	 */
	private Optional<InboundResult> unconfirmed(InboundMail mail, TrajectoryOverview trajectory, String sender) {
		boolean participant = fromParticipant(sender, trajectory);
		if (!participant && !sender.equals(trajectory.coachEmail())) {
			return Optional.empty();
		}
		if (authentication.check(mail.content()) instanceof SenderAuthentication.Unconfirmed verdict) {
			return Optional.of(quarantine.put(mail.id(), new QuarantineReason.UnconfirmedSender(sender, !participant,
					verdict.found()), trajectory.id()));
		}
		return Optional.empty();
	}

	/** Mail to a trajectory from neither its participant nor its coach: to the quarantine, saying from whom. */
	private InboundResult notTheirs(InboundMail mail, TrajectoryOverview trajectory, String sender) {
		if (!sender.isEmpty() && trajectories.coachedBefore(trajectory.id(), sender)) {
			// Answering an old mail after a handover: the new coach sees it, but it is nobody's letter here.
			return quarantine.put(mail.id(), new QuarantineReason.FormerCoach(sender), trajectory.id());
		}
		InboundResult held = quarantine.put(mail.id(), new QuarantineReason.UnknownSender(sender), trajectory.id());
		if (mail.content().kind() == MailKind.REPLY && mayBeTheParticipantsOtherAddress(mail.content(), trajectory, sender)) {
			// A letter, not someone's automatic answer or report: the participant hears of it at their own
			// address, in case it was theirs (decision 0075).
			notices.fromAnotherAddress(trajectory, sender, mail.receivedAt(), accepted.waitingFor(trajectory.id(), sender));
		}
		return held;
	}

	/**
	 * Whether a letter holds nothing of its writer's: no words once the quoted letter and the signature are cut (the
	 * answers written between the lines of the quote count as words) and no file that was kept. A photo alone is a
	 * letter; a file that was not kept is only a name, and no letter.
	 */
	private static boolean empty(String letter, ReadMail content) {
		return (letter == null || letter.isBlank()) && content.attachments().stream().noneMatch(file -> file.accepted());
	}

	/**
	 * The words of a mail to an intake address for the application's question: trimmed as a letter is (quoted
	 * history, signature, disclaimer and device footer cut), so the coach reads the person and not their company's
	 * footer. When the trimming leaves nothing (a mail that is only a signature) the mail stays as it came, after
	 * its subject: an empty letter is held for its conversation, but an application has no conversation yet, and
	 * what the person sent must not be lost to a rule about what they did not write. The name is never taken from
	 * the words: it comes from the sender's display name, or from the form the link opens.
	 */
	private static String question(ReadMail content) {
		if (content.text() != null && !content.text().isBlank()) {
			return content.text();
		}
		String whole = content.fullText() == null ? "" : content.fullText().strip();
		String subject = content.subject() == null ? "" : content.subject().strip();
		if (whole.isEmpty() || subject.isEmpty()) {
			return whole.isEmpty() ? subject : whole;
		}
		return subject + "\n\n" + whole;
	}

	private static String sender(ReadMail content) {
		return content.from() == null ? "" : content.from().toLowerCase(Locale.ROOT);
	}

	/**
	 * A mail server's report that a mail of ours is delayed, not failed: a note in the conversation, as
	 * a bounce is (from whoever's server, as bounces are). One about the coach's address is about a
	 * notice to the coach (it carries the conversation's reply address), not about the conversation:
	 * the administrators' quarantine.
	 */
	private InboundResult deliveryReport(InboundMail mail, TrajectoryOverview trajectory) {
		ReadMail content = mail.content();
		if (aboutTheCoach(content, trajectory)) {
			return quarantine.put(mail.id(), new QuarantineReason.ReportAboutTheCoach(content.failedRecipient(), false), null);
		}
		return new InboundResult.AutoReply(messages.add(trajectory.id(), null, Author.SYSTEM, MessageKind.AUTO_REPLY_NOTE,
				note(content), Channel.MAIL, mail.id(), java.util.List.of()));
	}

	/**
	 * Our mail did not arrive. A report about the coach's address (a notice to the coach, such as the one
	 * of a letter after the end, carries the conversation's reply address) says nothing about the
	 * participant's mail: it goes to the administrators' quarantine, not into the conversation.
	 */
	private InboundResult bounce(InboundMail mail, TrajectoryOverview trajectory) {
		ReadMail content = mail.content();
		if (aboutTheCoach(content, trajectory)) {
			return quarantine.put(mail.id(), new QuarantineReason.ReportAboutTheCoach(content.failedRecipient(), true), null);
		}
		String failed = content.failedRecipient() != null ? content.failedRecipient() : trajectory.participantEmail();
		// The note first: it locks the trajectory, which an erasure takes before the reply address.
		UUID note = messages.add(trajectory.id(), null, Author.SYSTEM, MessageKind.BOUNCE_NOTE, note(content), Channel.MAIL,
				mail.id(), java.util.List.of());
		tokens.markFailing(trajectory.id(), failed + ": " + firstLine(content.fullText()));
		return new InboundResult.Bounce(note);
	}

	private static boolean aboutTheCoach(ReadMail content, TrajectoryOverview trajectory) {
		return content.failedRecipient() != null && trajectory.coachEmail() != null
				&& content.failedRecipient().equalsIgnoreCase(trajectory.coachEmail());
	}

	private static String note(ReadMail content) {
		String text = content.text() == null ? "" : content.text().strip();
		return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
	}

	private static String firstLine(String text) {
		return text == null ? "" : text.strip().lines().filter(line -> !line.isBlank()).findFirst().orElse("");
	}
}
