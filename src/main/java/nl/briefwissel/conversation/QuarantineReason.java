package nl.briefwissel.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Why a mail went to the quarantine. Pages show it through the text {@code quarantine.reason.<code>}
 * in the reader's language, with the argument (an address) filled in; the English sentence goes
 * into the reason column, where administrators and the rows from before the codes find it.
 */
public sealed interface QuarantineReason {

	/** The last part of the text's key; null for a reason stored before the codes. */
	String code();

	/** What the text fills in, such as an address, and what is stored beside the code; null when there is none. */
	String argument();

	/** What the page's text fills in: the argument, unless it only points to what the page reads when shown. */
	default String shown() {
		return argument();
	}

	/**
	 * The last part of the key of the sentence a page shows: the code, unless what the page read when it
	 * was shown makes another sentence read right (a conversation erased since).
	 */
	default String text() {
		return code();
	}

	/** A number the page's sentence fills in after {@link #shown()}; none but where a sentence counts. */
	default int shownCount() {
		return 0;
	}

	/** Technical detail in English, shown as it is after the text; null when there is none. */
	default String detail() {
		return null;
	}

	/**
	 * Whether {@link #detail()} is a program's complaint (a parser's, a decoder's) rather than what the sentence
	 * introduces: the page then marks it as the technical message, apart from the plain words, which read whole
	 * without it. An administrator read "base64 with characters that are no base64" as the sentence's end.
	 */
	default boolean technicalDetail() {
		return false;
	}

	/** The whole reason in English, as the reason column has always held it. */
	String english();

	/** Whether the mail may be added to the conversation as the participant's letter. */
	default boolean attachable() {
		return true;
	}

	/**
	 * The address the mail came from, when it may be the participant's: not a coach's own unconfirmed mail nor a
	 * former coach's, which the reason says are a coach's. Null when the reason has no sender. Whether it is the
	 * participant's, and what each reader does with a coach's address beyond that, is for the reader to say.
	 */
	default String heldFrom() {
		return null;
	}

	/**
	 * Whether the mail answers no letter: a person's mail then is a new one, not the reply its kind (a person's mail,
	 * as the transport tells) reads as on the page that shows it.
	 */
	default boolean answersNoLetter() {
		return false;
	}

	/**
	 * Whether only the mail's From says it is from whom it names: the receiving mail server did not confirm it
	 * (decision 0037), or was not asked. Such a mail may be someone else's words in the participant's name.
	 */
	default boolean senderDoubted() {
		return false;
	}

	/**
	 * For the operator's log, and what a closed entry keeps: the reason without the addresses in it.
	 * The reasons that name an address say so without it; any other may still hold one (a parser's
	 * complaint about a header, a sentence stored before the codes), and loses it here.
	 */
	default String forLog() {
		return nl.briefwissel.mail.LogText.withoutAddresses(english());
	}

	/** The reason as it was stored: by code and argument, or as English text only (older rows). */
	static QuarantineReason of(String code, String argument, String english) {
		if (code == null) {
			return new Unexplained(english);
		}
		return switch (code) {
			case Unreadable.CODE -> new Unreadable(argument);
			case TooBig.CODE -> new TooBig(argument == null ? "" : argument);
			case Undecodable.CODE -> new Undecodable(argument == null ? "" : argument, Undecodable.problemIn(english));
			case EmptyMail.CODE -> new EmptyMail(argument == null ? "" : argument);
			case UnknownReplyAddress.CODE -> new UnknownReplyAddress();
			case NoReference.CODE -> new NoReference();
			case UnconfirmedWithoutReference.CODE -> new UnconfirmedWithoutReference(argument == null ? "" : argument,
					UnconfirmedSender.foundIn(english));
			case NewMail.CODE -> new NewMail(argument == null ? "" : argument, false);
			case NewMail.CODE_CONFIRMED -> new NewMail(argument == null ? "" : argument, true);
			case ErasedConversation.CODE -> new ErasedConversation();
			case StrayBounce.CODE, StrayBounce.CODE_WITH_ADDRESS -> new StrayBounce(argument);
			case UnknownSender.CODE, UnknownSender.CODE_WITHOUT_SENDER -> new UnknownSender(argument == null ? "" : argument);
			case FormerCoach.CODE -> new FormerCoach(argument == null ? "" : argument);
			case ManagingCoach.CODE -> new ManagingCoach(argument == null ? "" : argument);
			case UnconfirmedSender.CODE_PARTICIPANT -> new UnconfirmedSender(argument == null ? "" : argument, false,
					UnconfirmedSender.foundIn(english));
			case UnconfirmedSender.CODE_COACH -> new UnconfirmedSender(argument == null ? "" : argument, true,
					UnconfirmedSender.foundIn(english));
			case UnconfirmedSender.CODE_AT_INTAKE -> UnconfirmedSender.atIntake(argument == null ? "" : argument,
					UnconfirmedSender.foundIn(english));
			case UnanswerableApplicant.CODE -> new UnanswerableApplicant(argument);
			case EndedProgramme.CODE -> new EndedProgramme();
			case ReportAboutTheCoach.CODE_FAILED -> new ReportAboutTheCoach(argument, true);
			case ReportAboutTheCoach.CODE_DELAYED -> new ReportAboutTheCoach(argument, false);
			case SeveralConversations.CODE -> new SeveralConversations(argument == null ? "" : argument, null, 0);
			// A code a later version wrote and this one does not know: its English sentence still says it.
			default -> new Unexplained(english);
		};
	}

	/** The mail could not be read at all. */
	record Unreadable(String problem) implements QuarantineReason {

		static final String CODE = "unreadable";

		/** Nothing of it could be read: added, it was an empty letter (and the entry closed as dealt with). */
		@Override
		public boolean attachable() {
			return false;
		}

		public String code() {
			return CODE;
		}

		/** Stored with the code; the text leaves it out, the page shows it as {@link #detail()}. */
		public String argument() {
			return problem;
		}

		@Override
		public boolean technicalDetail() {
			return true;
		}

		@Override
		public String detail() {
			return problem;
		}

		public String english() {
			return "unreadable: " + problem;
		}

		/**
		 * Without the parser's complaint: it quotes what it could not read, a file's name ("burn-out
		 * verslag.pdf") or a header, and the log keeps it where no erasure reaches. Its kind stays.
		 */
		@Override
		public String forLog() {
			java.util.regex.Matcher parsed = PARSER_COMPLAINT.matcher(problem == null ? "" : problem);
			return "unreadable: " + (parsed.matches() ? parsed.group(1) : nl.briefwissel.mail.LogText.withoutAddresses(problem));
		}

		private static final java.util.regex.Pattern PARSER_COMPLAINT = java.util.regex.Pattern
			.compile("(?s)(cannot be parsed: [A-Za-z0-9_$.]+):.*");
	}

	/**
	 * A mail held for its conversation with nothing of it to keep as a letter: too big, a text that does not decode,
	 * or no words and no file (decision 0121). Its sender is what is stored, for the erasure of a person to find it.
	 * Not attachable: added, it was an empty letter, or garbage as the participant's.
	 */
	sealed interface NotKept extends QuarantineReason {

		String FROM = " (from ";

		String sender();

		@Override
		default String argument() {
			return sender().isEmpty() ? null : sender();
		}

		@Override
		default String heldFrom() {
			return sender().isBlank() ? null : sender();
		}

		@Override
		default boolean attachable() {
			return false;
		}

		@Override
		default String english() {
			return forLog() + (sender().isEmpty() ? "" : FROM + sender() + ")");
		}

		/** Its own words for the log: the English is made of them, so they cannot be made of the English here. */
		@Override
		String forLog();
	}

	/**
	 * A mail larger than Briefwissel keeps: only its headers were read (decision 0075). Held for the
	 * conversation whose reply address it went to, so its coach sees that mail came that could not be
	 * kept; the sender's address is what is stored, for the erasure of a person to find it.
	 */
	record TooBig(String sender) implements NotKept {

		static final String CODE = "tooBig";

		public String code() {
			return CODE;
		}

		@Override
		public String forLog() {
			return "too big to keep: larger than " + nl.briefwissel.mail.MailReader.MAX_MAIL_BYTES / (1024 * 1024) + " MB";
		}
	}

	/**
	 * A mail whose text does not decode: base64 that is no base64, or a text that reads as no text in the charset
	 * it names nor in any Briefwissel guesses. Read anyway, it put garbage in the conversation as the participant's
	 * letter. Held for the conversation its reply address (or its references) points to, as a mail too big is, with
	 * the sender stored for the erasure of a person to find it; {@code problem} is the reader's technical detail.
	 */
	record Undecodable(String sender, String problem) implements NotKept {

		static final String CODE = "undecodable";

		private static final String PREFIX = "text cannot be decoded: ";

		public String code() {
			return CODE;
		}

		@Override
		public boolean technicalDetail() {
			return true;
		}

		@Override
		public String detail() {
			return problem;
		}

		@Override
		public String forLog() {
			return PREFIX + problem;
		}

		/** The reader's detail, from the English sentence it was stored with. */
		static String problemIn(String english) {
			if (english == null || !english.startsWith(PREFIX)) {
				return "";
			}
			String rest = english.substring(PREFIX.length());
			int from = rest.lastIndexOf(NotKept.FROM);
			return from < 0 ? rest : rest.substring(0, from);
		}
	}

	/**
	 * A reply with nothing of the sender's own: no words once the quoted letter and the signature are cut, and
	 * no file that was kept. Threaded, it was an empty letter that counted as written, which the web form refuses.
	 * Held for the conversation, so nothing is lost: the coach sees it, with its subject.
	 */
	record EmptyMail(String sender) implements NotKept {

		static final String CODE = "emptyMail";

		public String code() {
			return CODE;
		}

		@Override
		public String forLog() {
			return "an empty mail: no words of its own (after the quoted letter and signature) and no file kept";
		}
	}

	/** A reply address with a token that Briefwissel never issued. */
	record UnknownReplyAddress() implements QuarantineReason {

		static final String CODE = "unknownReplyAddress";

		public String code() {
			return CODE;
		}

		public String argument() {
			return null;
		}

		public String english() {
			return "unknown reply address (token not issued by Briefwissel)";
		}
	}

	/** Neither a reply address nor a reference to one of our mails. */
	record NoReference() implements QuarantineReason {

		static final String CODE = "noReference";

		public String code() {
			return CODE;
		}

		public String argument() {
			return null;
		}

		public String english() {
			return "no reply address and no reference to a conversation";
		}

		@Override
		public boolean answersNoLetter() {
			return true;
		}
	}

	/**
	 * Neither a reply address nor a reference to one of our mails, from a sender the receiving mail server did not
	 * confirm (decision 0037): someone may have written that From, such as the address of a person who applied by mail
	 * today, whose application it is then kept out of (decision 0129). The administrator reads that the sender is in
	 * doubt, not only that no conversation was found. {@code found} is what the server's header said, in short.
	 */
	record UnconfirmedWithoutReference(String sender, String found) implements QuarantineReason {

		static final String CODE = "noReferenceUnconfirmed";

		private static final String FOUND = " by the receiving mail server; it found: ";

		public String code() {
			return CODE;
		}

		public String argument() {
			return sender;
		}

		@Override
		public String detail() {
			return found;
		}

		@Override
		public boolean senderDoubted() {
			return true;
		}

		@Override
		public boolean answersNoLetter() {
			return true;
		}

		public String english() {
			return "no reply address and no reference to a conversation; sender " + sender + " not confirmed" + FOUND + found;
		}

		@Override
		public String forLog() {
			return "no reply address and no reference to a conversation; sender not confirmed" + FOUND + found;
		}
	}

	/**
	 * A new mail from the participant of one open trajectory, to the reply mailbox without a reply address of
	 * a conversation (none, or one Briefwissel never issued): not an answer to a letter, so not let in by itself
	 * (a sender is anyone's to write), but held for that trajectory's coach to decide, as a letter from another
	 * address is (decision 0106). The sender is stored, for the erasure of a person to find it. {@code confirmed}:
	 * the receiving mail server confirmed the sender's domain (decision 0037). With the check off, the evaluation
	 * default, nothing but the From says whose it is: anyone can write a participant's address there.
	 * {@code waitingForACoach}: as shown, its trajectory's application waits for a coach (none yet, or one proposed who
	 * has not accepted), read when the page is: no e-coach sees the mail yet, and the participant heard that their
	 * application is in (decision 0129). Not stored: once a coach accepts, they see it, and the page says so.
	 */
	record NewMail(String sender, boolean confirmed, boolean waitingForACoach) implements QuarantineReason {

		/** As stored before the check's verdict was: not known to be confirmed. */
		static final String CODE = "newMail";

		static final String CODE_CONFIRMED = "newMailConfirmed";

		static final String TEXT_WAITING = "newMailWaiting";

		NewMail(String sender, boolean confirmed) {
			this(sender, confirmed, false);
		}

		/** As shown for a trajectory that waits for a coach. */
		NewMail waiting() {
			return new NewMail(sender, confirmed, true);
		}

		public String code() {
			return confirmed ? CODE_CONFIRMED : CODE;
		}

		/**
		 * The same sentence whether confirmed or not: it says already that anyone can write a sender. Another while
		 * the trajectory waits for a coach: what the participant heard, and that no e-coach sees it yet.
		 */
		@Override
		public String text() {
			return waitingForACoach ? TEXT_WAITING : CODE;
		}

		public String argument() {
			return sender;
		}

		@Override
		public String heldFrom() {
			return sender.isBlank() ? null : sender;
		}

		@Override
		public boolean senderDoubted() {
			return !confirmed;
		}

		@Override
		public boolean answersNoLetter() {
			return true;
		}

		public String english() {
			return "a new mail from the participant " + sender + ", not an answer to a letter (no reply address of a conversation)";
		}

		@Override
		public String forLog() {
			return "a new mail from the participant, not an answer to a letter (no reply address of a conversation)";
		}
	}

	/** A reply to a conversation that was erased; its reply address went with it. */
	record ErasedConversation() implements QuarantineReason {

		static final String CODE = "erasedConversation";

		public String code() {
			return CODE;
		}

		public String argument() {
			return null;
		}

		public String english() {
			return "reply to a conversation that was erased";
		}
	}

	/** A bounce about a mail of no conversation; the address that failed when the bounce names it. */
	record StrayBounce(String failedAddress) implements QuarantineReason {

		static final String CODE = "strayBounce";

		static final String CODE_WITH_ADDRESS = "strayBounceFor";

		public String code() {
			return failedAddress == null ? CODE : CODE_WITH_ADDRESS;
		}

		public String argument() {
			return failedAddress;
		}

		public String english() {
			return forLog() + (failedAddress == null ? "" : " (failed address " + failedAddress + ")");
		}

		@Override
		public String forLog() {
			return "bounce about a mail that belongs to no conversation";
		}

		/** A mail server's report, not the participant's letter: added as theirs, it answered their assignments. */
		@Override
		public boolean attachable() {
			return false;
		}
	}

	/**
	 * A mail server's report (failed or delayed) about a notice to the coach, which carries the
	 * conversation's reply address: nothing about the participant's mail, and not the conversation's.
	 */
	record ReportAboutTheCoach(String coachAddress, boolean failed) implements QuarantineReason {

		static final String CODE_FAILED = "coachMailFailed";

		static final String CODE_DELAYED = "coachMailDelayed";

		public String code() {
			return failed ? CODE_FAILED : CODE_DELAYED;
		}

		public String argument() {
			return coachAddress;
		}

		public String english() {
			return forLog() + " (" + coachAddress + ")";
		}

		@Override
		public String forLog() {
			return failed ? "a mail to the coach was not delivered" : "a mail to the coach is delayed";
		}

		/** Not the participant's letter. */
		@Override
		public boolean attachable() {
			return false;
		}
	}

	/** A mail to a programme's intake address from an address no mail can be written to. */
	record UnanswerableApplicant(String sender) implements QuarantineReason {

		static final String CODE = "unanswerableApplicant";

		public String code() {
			return CODE;
		}

		public String argument() {
			return sender;
		}

		public String english() {
			return forLog() + " (" + sender + ")";
		}

		@Override
		public String forLog() {
			return "an application from an address no mail can be written to";
		}

		/** An application, not a participant's letter. */
		@Override
		public boolean attachable() {
			return false;
		}
	}

	/**
	 * A mail to a programme's intake address read while the programme's organisation was ended: no application was
	 * made of it, nor an answer sent (decision 0082). The sender's address is not stored beside it: the mail, which
	 * the retention job clears, has it.
	 */
	record EndedProgramme() implements QuarantineReason {

		static final String CODE = "endedProgramme";

		public String code() {
			return CODE;
		}

		public String argument() {
			return null;
		}

		public String english() {
			return "an application by mail to a programme whose organisation has ended";
		}

		/** An application, not a participant's letter. */
		@Override
		public boolean attachable() {
			return false;
		}
	}

	/**
	 * A mail to the reply addresses of two or more conversations, from someone who writes in none of them
	 * or in more than one: which coach it was meant for is for an administrator to decide (decision 0059).
	 * {@code trajectories} is what is stored: the conversations' ids, comma-separated, not their people's
	 * names, since the entry has no trajectory of its own for an erasure to find it by and a name stored
	 * here would outlive the erasure of its person. {@code named} is what the page shows, each conversation's
	 * participant and coach as they are when the list is read ({@link Quarantine}); an erased one is gone
	 * from it. Null until then. {@code erased} counts the conversations gone since, which the sentence says
	 * instead of their names: with all of them erased it read "more than one conversation ()".
	 */
	record SeveralConversations(String trajectories, String named, int erased) implements QuarantineReason {

		static final String CODE = "severalConversations";

		SeveralConversations(List<UUID> ids) {
			this(ids.stream().map(UUID::toString).collect(Collectors.joining(",")), null, 0);
		}

		/** The conversations it was sent to; a part that is no id (a damaged row) names none. */
		List<UUID> ids() {
			List<UUID> ids = new ArrayList<>();
			for (String part : trajectories.split(",")) {
				try {
					ids.add(UUID.fromString(part.strip()));
				}
				catch (IllegalArgumentException notAnId) {
					// left out
				}
			}
			return ids;
		}

		/** As shown: the names of those still there, and how many are gone (erased, or a part that was no id). */
		SeveralConversations named(List<String> names) {
			return new SeveralConversations(trajectories, String.join("; ", names),
					Math.max(0, trajectories.split(",").length - names.size()));
		}

		public String code() {
			return CODE;
		}

		@Override
		public String text() {
			if (named != null && named.isEmpty()) {
				return CODE + "Erased";
			}
			return erased > 0 ? CODE + "PartlyErased" : CODE;
		}

		@Override
		public int shownCount() {
			return erased;
		}

		public String argument() {
			return trajectories;
		}

		@Override
		public String shown() {
			return named == null ? "" : named;
		}

		public String english() {
			return forLog() + ": " + trajectories;
		}

		@Override
		public String forLog() {
			return "sent to the reply addresses of several conversations";
		}
	}

	/** A reply in a conversation from someone who is neither its participant nor its coach. */
	record UnknownSender(String sender) implements QuarantineReason {

		static final String CODE = "unknownSender";

		static final String CODE_WITHOUT_SENDER = "noSender";

		public String code() {
			return sender.isEmpty() ? CODE_WITHOUT_SENDER : CODE;
		}

		public String argument() {
			return sender.isEmpty() ? null : sender;
		}

		@Override
		public String heldFrom() {
			return sender.isBlank() ? null : sender;
		}

		public String english() {
			return "sender " + (sender.isEmpty() ? "(none)" : sender) + " is not the participant or the coach of this trajectory";
		}

		@Override
		public String forLog() {
			return "sender is not the participant or the coach of this trajectory";
		}
	}

	/**
	 * A reply in a conversation from a coach it was handed over from. Not the participant's words, so
	 * it cannot be added as theirs; the coach it has now reads it and, if need be, writes themselves.
	 */
	record FormerCoach(String sender) implements QuarantineReason {

		static final String CODE = "formerCoach";

		public String code() {
			return CODE;
		}

		public String argument() {
			return sender;
		}

		@Override
		public boolean attachable() {
			return false;
		}

		public String english() {
			return "sender " + sender + " coached this trajectory before it was handed over";
		}

		@Override
		public String forLog() {
			return "sender coached this trajectory before it was handed over";
		}
	}

	/**
	 * A letter by mail from the trajectory's coach while their account is a programme manager's too, given before
	 * decision 0145: the coach's pages are closed to them, and a mail is no way around it. Not the participant's
	 * words, so not attachable; held for the administrator, who takes one of the two roles back. Its texts say what
	 * was so when the mail came in: after a handover, or a role taken back, the sender no longer is both.
	 */
	record ManagingCoach(String sender) implements QuarantineReason {

		static final String CODE = "managingCoach";

		public String code() {
			return CODE;
		}

		public String argument() {
			return sender;
		}

		@Override
		public boolean attachable() {
			return false;
		}

		public String english() {
			return "sender " + sender + " was the coach of this trajectory and a programme manager too when it came (decision 0145)";
		}

		@Override
		public String forLog() {
			return "sender was the coach of this trajectory and a programme manager too when it came (decision 0145)";
		}
	}

	/**
	 * A letter from the participant's or the coach's address that the receiving mail server did not
	 * confirm came from that address's domain (decision 0037): someone with the conversation's reply
	 * address may have written that From. {@code found} is what the server's header said, in short.
	 * Only the participant's may be added as their letter, by someone who knows it is theirs. {@code atIntake}: a mail
	 * to the programme's intake address in the name of the participant of a trajectory of that programme that runs or
	 * waits for a coach (decision 0137). No application was made of it (its answer and link would go to that address
	 * with a stranger's words on the form) and nobody was answered; it carries no reply address, so it is a new mail.
	 * {@code waitingForACoach}: as shown, the trajectory it was held for waits for a coach (none yet, or one proposed
	 * who has not accepted), read when the page is, as for {@link NewMail}: it cannot be added then (no coach reads
	 * the conversation), and is left for the coach who accepts. Not stored.
	 */
	record UnconfirmedSender(String sender, boolean coach, String found, boolean atIntake, boolean waitingForACoach)
			implements QuarantineReason {

		static final String CODE_PARTICIPANT = "unconfirmedParticipant";

		static final String CODE_COACH = "unconfirmedCoach";

		static final String CODE_AT_INTAKE = "unconfirmedAtIntake";

		private static final String FOUND = " by the receiving mail server; it found: ";

		private static final String AT_INTAKE = "to the intake address, no application made, nobody answered; ";

		/** A letter to a conversation's reply address. */
		UnconfirmedSender(String sender, boolean coach, String found) {
			this(sender, coach, found, false, false);
		}

		/** A mail to a programme's intake address in a participant's name. */
		static UnconfirmedSender atIntake(String sender, String found) {
			return new UnconfirmedSender(sender, false, found, true, false);
		}

		/** As shown for a trajectory that waits for a coach: only a mail to the intake address is held for one. */
		UnconfirmedSender waiting() {
			return atIntake ? new UnconfirmedSender(sender, coach, found, true, true) : this;
		}

		public String code() {
			return coach ? CODE_COACH : atIntake ? CODE_AT_INTAKE : CODE_PARTICIPANT;
		}

		/** Another sentence while the trajectory waits for a coach: no e-coach sees it yet, and it cannot be added. */
		@Override
		public String text() {
			return waitingForACoach ? CODE_AT_INTAKE + "Waiting" : code();
		}

		@Override
		public boolean answersNoLetter() {
			return atIntake;
		}

		public String argument() {
			return sender;
		}

		@Override
		public String detail() {
			return found;
		}

		@Override
		public boolean attachable() {
			return !coach;
		}

		@Override
		public String heldFrom() {
			return coach || sender.isBlank() ? null : sender;
		}

		@Override
		public boolean senderDoubted() {
			return true;
		}

		public String english() {
			return (atIntake ? AT_INTAKE : "") + "sender " + sender + " (the " + (coach ? "coach" : "participant") + ") not confirmed"
					+ FOUND + found;
		}

		@Override
		public String forLog() {
			return (atIntake ? AT_INTAKE : "") + "sender (the " + (coach ? "coach" : "participant") + ") not confirmed" + FOUND + found;
		}

		/** What the server found, from the English sentence it was stored with. */
		static String foundIn(String english) {
			int at = english == null ? -1 : english.indexOf(FOUND);
			return at < 0 ? "" : english.substring(at + FOUND.length());
		}
	}

	/** A reason stored as English text only, before the codes: shown as it is. */
	record Unexplained(String english) implements QuarantineReason {

		public String code() {
			return null;
		}

		public String argument() {
			return null;
		}
	}
}
