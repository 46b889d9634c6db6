package nl.briefwissel.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.RowLocks;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.mail.Outbox;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.NoticeKind;
import nl.briefwissel.trajectory.NoticeMails;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the participant, at the address Briefwissel knows as theirs, that mail of theirs did not reach
 * the conversation as they sent it: a mail too big to keep, a mail from another address, a file of a
 * letter that was not kept (decision 0075). Never to the address a mail came from (no answers to
 * strangers who have the reply address), never with a word or a file name of a mail that was held back,
 * and about the trajectory, so its erasure forgets them. The first two at most once an hour per
 * trajectory: someone who sends the same mail five times, or a stranger who keeps writing, gives one
 * notice, not five. Queued as automatic mail, behind the outbox's loop brake.
 */
@Component
class HeldBackNotices {

	/** The notices about a mail of theirs that was held back or only partly kept: each has an ".ended" text. */
	private static final Set<NoticeKind> OF_HELD_MAIL = EnumSet.of(NoticeKind.MAIL_TOO_BIG,
			NoticeKind.MAIL_UNREADABLE, NoticeKind.MAIL_EMPTY, NoticeKind.MAIL_FROM_ANOTHER_ADDRESS, NoticeKind.NEW_MAIL_HELD,
			NoticeKind.FILES_NOT_KEPT);

	/** At most one notice of each kind per trajectory in this time. */
	static final Duration QUIET = Duration.ofHours(1);

	private final Outbox outbox;

	private final MessageSource texts;

	private final PublicAddress address;

	private final ReplyTokens tokens;

	private final ReplyAddress replyAddress;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MessageMail letters;

	private final NoticeMails mails;

	private final WhereNext whereNext;

	/** How the participant's turn for a notice is taken ({@link #takeTurn}). */
	private final RowLocks locks;

	HeldBackNotices(Outbox outbox, MessageSource texts, PublicAddress address, ReplyTokens tokens, ReplyAddress replyAddress,
			JdbcClient jdbc, Clock clock, MessageMail letters, NoticeMails mails, WhereNext whereNext, DataSource dataSource) {
		this.whereNext = whereNext;
		this.locks = RowLocks.of(dataSource);
		this.mails = mails;
		this.outbox = outbox;
		this.texts = texts;
		this.address = address;
		this.tokens = tokens;
		this.replyAddress = replyAddress;
		this.jdbc = jdbc;
		this.clock = clock;
		this.letters = letters;
	}

	/** Their mail was larger than Briefwissel keeps: send it again smaller, or share large files another way. */
	void tooBig(TrajectoryOverview trajectory, OffsetDateTime receivedAt) {
		send(trajectory, NoticeKind.MAIL_TOO_BIG, "mail.heldBack.tooBig", receivedAt, language -> List.of(), true, null);
	}

	/** Their mail's text could not be read (damaged on the way, or in a charset nobody knows): send it again. */
	void undecodable(TrajectoryOverview trajectory, OffsetDateTime receivedAt) {
		send(trajectory, NoticeKind.MAIL_UNREADABLE, "mail.heldBack.undecodable", receivedAt, language -> List.of(), true, null);
	}

	/**
	 * Their mail had no words of their own and no file kept: it did not become a letter; send it again if meant.
	 * With {@code filesNotKept} files that were not kept (too big, a program, damaged), said so, as the notice about a
	 * letter's files does: an "empty" mail with a video in it would leave them puzzled. Not named: the mail is held,
	 * and the secure mode's notice names no file either.
	 */
	void empty(TrajectoryOverview trajectory, int filesNotKept, OffsetDateTime receivedAt) {
		send(trajectory, NoticeKind.MAIL_EMPTY, filesNotKept == 0 ? "mail.heldBack.empty" : "mail.heldBack.emptyFilesNotKept",
				receivedAt, language -> List.of(filesNotKept), true, null);
	}

	/**
	 * Their letter came after their trajectory was completed or stopped (decision 0122): it is kept in the conversation
	 * and its coach is told (decisions 0030, 0090), but nobody coaches them any more, and without this they would wait
	 * for an answer that may never come. Says the day it ended, that the coach no longer reads along as a matter of
	 * course, and where a new question goes: the programme's intake address, else its application form when it is
	 * open, else the organisation that offers the programme, by name. Not "your organisation": a participant may
	 * take that for their employer, or for their coach's (a coach may belong to another organisation, or to none,
	 * decision 0085). An organisation that ended takes no one any more (decision 0082): then that is said, with
	 * nowhere to go, as its public link says it. At most once an hour, as the notices of held mail: someone who
	 * writes three times in a row hears it once. Never a word of the letter.
	 */
	void afterTheEnd(TrajectoryOverview trajectory, OffsetDateTime receivedAt) {
		send(trajectory, NoticeKind.LETTER_AFTER_THE_END, "mail.heldBack.afterTheEnd", receivedAt,
				language -> whenEndedAndWhereNext(trajectory, language), true, false);
		// Not answering to the conversation's address, whatever the mail mode: that address is no longer read, and
		// an answer to this notice (or an auto-responder's that says nothing of it) was another letter after the
		// end, and another notice an hour later (review).
	}

	/**
	 * The day the trajectory ended, and where a new question goes ({@link #afterTheEnd}): said by every notice about
	 * mail after the end, in the participant's language.
	 */
	private List<Object> whenEndedAndWhereNext(TrajectoryOverview trajectory, Locale language) {
		// "op 4 februari 2027" or "kort geleden": the preposition goes with the date ("op kort geleden" read wrong).
		String ended = trajectory.endedOn() == null ? texts.getMessage("mail.heldBack.afterTheEnd.endedRecently", null, language)
				: texts.getMessage("mail.heldBack.afterTheEnd.endedOn",
						new Object[] { DateTimeFormatter.ofPattern("d MMMM yyyy", language).format(trajectory.endedOn()) }, language);
		String again = whereNext.sentence(trajectory, language);
		return List.of(ended, again);
	}

	/**
	 * A mail from {@code sender} reached the conversation's reply address and was held back. The address
	 * is named, to the participant only: most often it is their own other address, which they recognise
	 * by it; and if it is not, it is someone who has the reply address of their conversation, which
	 * is theirs to know. What the mail said is not. Named only when it is a plain address ({@link #nameable}):
	 * the From header is read as leniently as mail programs read it, and a quoted part of it can hold a
	 * link of a stranger's choosing, in a mail from Briefwissel (decision 0075, session 37). {@code waiting}: the
	 * question about this address that the participant can still answer, when their coach accepted it.
	 */
	void fromAnotherAddress(TrajectoryOverview trajectory, String sender, OffsetDateTime receivedAt,
			Optional<AcceptedAddresses.Accepted> waiting) {
		if (waiting.isPresent() && !LettersAfterTheEnd.ended(trajectory)) {
			waitingForConfirmation(trajectory, waiting.get(), receivedAt);
			return;
		}
		send(trajectory, NoticeKind.MAIL_FROM_ANOTHER_ADDRESS, "mail.heldBack.otherAddress", receivedAt,
				language -> List.of(nameable(sender) ? sender : texts.getMessage("mail.heldBack.otherAddress.unnamed", null,
						language)),
				true, null);
	}

	/**
	 * The sender is an address their coach accepted that waits for them to confirm it (decision 0091): the notice
	 * says so, and where to confirm it (the link of the mail that asked, named by its date and subject, or their
	 * conversation page, where the button opens the question), instead of telling them to write from their own
	 * address (decision 0102). The same kind, under the same hourly limit: it is the same mail held back. The
	 * address is a plain one (only such a one is accepted), so it is named.
	 */
	private void waitingForConfirmation(TrajectoryOverview trajectory, AcceptedAddresses.Accepted waiting,
			OffsetDateTime receivedAt) {
		send(trajectory, NoticeKind.MAIL_FROM_ANOTHER_ADDRESS, "mail.heldBack.otherAddressWaiting", receivedAt,
				language -> List.of(waiting.address(), day(waiting.askedAt(), language), day(waiting.expiresAt(), language),
						texts.getMessage("mail.confirmAddress.subject", null, language)),
				true, null, language -> address.link("/participant/conversation", language)
					.queryParam("trajectory", trajectory.id())
					.fragment("address-to-confirm")
					.toUriString());
	}

	private String day(OffsetDateTime when, Locale language) {
		return DateTimeFormatter.ofPattern("d MMMM yyyy", language).format(when.atZoneSameInstant(clock.getZone()));
	}

	/**
	 * A new mail of theirs reached Briefwissel without the reply address of their conversation (decision 0106):
	 * it waits for their coach, who adds it to the conversation or not. Answering a letter brings the next one in
	 * at once. Never a word of the mail, as for the others. After their last trajectory ended: that it was kept, that
	 * nobody coaches them any more and where a new question goes, as a letter after the end is told (decision 0122).
	 */
	void newMail(TrajectoryOverview trajectory, OffsetDateTime receivedAt) {
		// After the end one text in either mode: it asks them to write nowhere.
		send(trajectory, NoticeKind.NEW_MAIL_HELD,
				LettersAfterTheEnd.ended(trajectory) || letters.inFull(trajectory) ? "mail.heldBack.newMail" : "mail.heldBack.newMailSecure",
				receivedAt, language -> List.of(), true, null);
	}

	/**
	 * They mailed the programme's intake address while their application is complete and waits for a coach: it was
	 * received already, and the mail is kept for their coach once there is one (decision 0129). Not the form's link
	 * again: there is nothing left to complete. Not answerable into a conversation either, as there is none yet: the
	 * button opens their own page. Never a word of the mail, as for the others.
	 */
	void newMailWhileWaiting(TrajectoryOverview trajectory, OffsetDateTime receivedAt) {
		send(trajectory, NoticeKind.NEW_MAIL_HELD, "mail.heldBack.newMailWaiting", receivedAt, language -> List.of(), true,
				false, language -> address.link("/participant", language).toUriString());
	}

	/**
	 * Their coach accepted {@code accepted} for the conversation (decisions 0089, 0091): it takes effect only once
	 * they confirm it, by the link in this mail (its token, working once for {@code days} days, until {@code until})
	 * or on their conversation page. Asked at their own address, never at the new one: if it is not theirs, they
	 * are the one to say so. Every time it is asked: each is a coach's question, at most one a day.
	 */
	void confirmAddress(TrajectoryOverview trajectory, String accepted, OffsetDateTime when, String token,
			OffsetDateTime until, long days) {
		send(trajectory, NoticeKind.ADDRESS_ACCEPTED, "mail.confirmAddress", when,
				language -> List.of(accepted, days, DateTimeFormatter.ofPattern("d MMMM yyyy", language)
					.format(until.atZoneSameInstant(clock.getZone()))),
				false, null, language -> address.link("/address-confirmation/" + token, language).toUriString());
	}

	private static final Pattern PLAIN_ADDRESS = Pattern
		.compile("[A-Za-z0-9_+-]+(\\.[A-Za-z0-9_+-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

	/**
	 * Whether an address may be named in a notice: letters, digits and {@code . _ + -} before the at sign,
	 * a domain name after it, and nothing a mail program would show as a link (no {@code / :}, quotes or
	 * spaces, no local part that starts like a web address). A deliverable address as well.
	 */
	static boolean nameable(String address) {
		if (address == null || !PLAIN_ADDRESS.matcher(address).matches()) {
			return false;
		}
		String local = address.substring(0, address.lastIndexOf('@')).toLowerCase(Locale.ROOT);
		return !local.startsWith("www.") && !local.startsWith("http") && nl.briefwissel.mail.MailAddresses.deliverable(address);
	}

	/**
	 * Files of their letter that were not kept (too big, a program, damaged), each by name and why, as
	 * the web form says it. Once per mail: it is their own letter, kept. By name only where the participant's
	 * letters go in full by mail, as the programme allows and they chose ({@link MessageMail#inFull}): a
	 * name may say what the letter is about (NTA 7516).
	 */
	void filesNotKept(TrajectoryOverview trajectory, List<MailAttachment> notKept, OffsetDateTime receivedAt) {
		if (notKept.isEmpty()) {
			return;
		}
		Locale language = languageOf(trajectory);
		String files = notKept.stream()
			.map(file -> new Attachment(null, null, file.name(), file.contentType(), file.size(), file.refusal()))
			.map(file -> "- " + texts.getMessage("conversation.attachment.refused." + file.refusalKind(),
					new Object[] { file.fileName(), file.refusalDetail() }, language))
			.collect(Collectors.joining("\n"));
		boolean inFull = letters.inFull(trajectory);
		String key = inFull ? "mail.heldBack.filesNotKept" : "mail.heldBack.filesNotKeptSecure";
		send(trajectory, NoticeKind.FILES_NOT_KEPT, key, receivedAt, any -> List.of(notKept.size(), files), false, inFull);
	}

	/**
	 * Composed as every notice to the participant is ({@link NoticeMails#toParticipant}): the same greeting,
	 * link and ending as a pause's. Its HTML part links only the conversation, Briefwissel's own address; a
	 * name or an address filled in stays text. {@code inFull}: whether letters go to the participant in full
	 * by mail; null when the caller did not read it. {@code kind}: what the notice is, by which it is found again;
	 * {@code key}: the texts it is written in.
	 */
	private void send(TrajectoryOverview trajectory, NoticeKind kind, String key, OffsetDateTime receivedAt,
			Function<Locale, List<Object>> more, boolean limited, Boolean inFull) {
		send(trajectory, kind, key, receivedAt, more, limited, inFull, conversation(trajectory));
	}

	/** The link to the participant's conversation page, which after the end is theirs to re-read. */
	private Function<Locale, String> conversation(TrajectoryOverview trajectory) {
		return language -> address.link("/participant/conversation", language).queryParam("trajectory", trajectory.id())
			.toUriString();
	}

	/** As above, with the button's link of its own instead of the conversation's. */
	private void send(TrajectoryOverview trajectory, NoticeKind kind, String key, OffsetDateTime receivedAt,
			Function<Locale, List<Object>> more, boolean limited, Boolean inFull,
			Function<Locale, String> linkIn) {
		String to = trajectory.participantEmail();
		if (to == null || to.isBlank()) {
			return;
		}
		if (limited) {
			takeTurn(trajectory);
			if (toldWithinTheHour(trajectory, kind)) {
				return;
			}
		}
		Locale language = languageOf(trajectory);
		String when = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", language)
			.format(receivedAt.atZoneSameInstant(clock.getZone()));
		List<Object> args = new ArrayList<>(List.of(when));
		args.addAll(more.apply(language));
		boolean afterTheEnd = LettersAfterTheEnd.ended(trajectory) && OF_HELD_MAIL.contains(kind);
		String writtenIn = key;
		Function<Locale, String> linkTo = linkIn;
		if (afterTheEnd) {
			// Their conversation ended: a notice that says to write in it, to send the mail again or that their coach
			// sees it promises what no longer holds (the conversation page takes no letter, nobody coaches them).
			// Its ".ended" text says what became of the mail, the day it ended and where a new question goes, under
			// the same kind and hourly limit: it is the same mail held back (decision 0122: the notice of its reason).
			writtenIn = key + ".ended";
			args.addAll(whenEndedAndWhereNext(trajectory, language));
			linkTo = conversation(trajectory);
		}
		String link = linkTo.apply(language);
		OutgoingMail mail = mails.toParticipant(to, language, trajectory.participantName(), kind, writtenIn, args.toArray(), link)
			.about(trajectory.id());
		// Not answering to the conversation's address after the end, as the notice of a letter after the end does not:
		// that address is read by no one any more.
		if (!afterTheEnd && (inFull == null ? letters.inFull(trajectory) : inFull)) {
			// Answered, it goes into the conversation as a letter does: sending it again is answering this mail.
			// Not where letters go as a notification only: the participant is not asked to answer by mail.
			mail = mail.replyingTo(replyAddress.of(tokens.tokenFor(trajectory.id(), trajectory.participantId())));
		}
		outbox.enqueue(mail);
	}

	/**
	 * Takes the participant's turn for a notice until the mail's transaction ends: two mails of theirs handled at
	 * once (on two nodes, or by two workers of one) ask {@link #toldWithinTheHour} one after the other, and the
	 * second sees the first one's notice. Not by the trajectory's row: the mail's entry (a letter, a held mail)
	 * holds that one shared on PostgreSQL, so writers of a conversation do not wait for each other, and two
	 * holders of a shared lock who both ask for it exclusively wait for each other until PostgreSQL ends one.
	 * The account's row is taken after the trajectory's, in the order an erasure takes them; exclusive without
	 * holding up a letter or a reply address written for them meanwhile (which only check that it exists).
	 */
	private void takeTurn(TrajectoryOverview trajectory) {
		jdbc.sql("select id from account where id = :id " + locks.exclusive())
			.param("id", trajectory.participantId())
			.query(UUID.class)
			.optional();
	}

	/**
	 * Whether this kind of notice went to the trajectory's participant in the last {@link #QUIET}, in whichever
	 * language and under whichever subject. Asked in the participant's turn ({@link #takeTurn}).
	 */
	private boolean toldWithinTheHour(TrajectoryOverview trajectory, NoticeKind kind) {
		// Not sent counts too: the limit is on how often a notice is made, and one the loop brake refused or
		// that bounced would most likely be refused or bounce again within the hour.
		return told(trajectory, List.of(kind), OffsetDateTime.now(clock).minus(QUIET), true);
	}

	/**
	 * Whether the participant was told since then that mail of theirs was held back (too big, from another
	 * address, a new mail that waits for the coach, one that could not be read or was empty): they wrote, and know what to do, so a reminder that they have not written is not for them
	 * (decision 0081). Not a file not kept: that letter is in the conversation. Not a notice the outbox did not
	 * send (the loop brake kept it as not sent, or it failed): that told them nothing.
	 */
	boolean toldSince(TrajectoryOverview trajectory, OffsetDateTime since) {
		return told(trajectory, List.of(NoticeKind.MAIL_TOO_BIG, NoticeKind.MAIL_FROM_ANOTHER_ADDRESS, NoticeKind.NEW_MAIL_HELD,
				NoticeKind.MAIL_UNREADABLE, NoticeKind.MAIL_EMPTY), since, false);
	}

	/**
	 * By the kind the notice was marked with when it was queued, never by its subject (decision 0093): the subject
	 * is in the participant's language, and a rewording in the message bundles would no longer find the notices of
	 * the days before. Those queued before the kind was kept were given theirs by V85.
	 */
	private boolean told(TrajectoryOverview trajectory, List<NoticeKind> kinds, OffsetDateTime since, boolean notSentToo) {
		return jdbc.sql("""
				select count(*) from outbound_mail m join outbound_mail_about a on a.mail_id = m.id
				where a.about_id = :trajectory and m.notice_kind in (:kinds) and m.created_at > :since %s"""
			.formatted(notSentToo ? "" : "and m.status <> 'FAILED'"))
			.param("trajectory", trajectory.id())
			.param("kinds", kinds.stream().map(NoticeKind::name).toList())
			.param("since", since)
			.query(Long.class)
			.single() > 0;
	}

	private static Locale languageOf(TrajectoryOverview trajectory) {
		return trajectory.participantLanguage() == null ? Locale.forLanguageTag("nl") : trajectory.participantLanguage();
	}
}
