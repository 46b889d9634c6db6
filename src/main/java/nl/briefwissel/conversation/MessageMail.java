package nl.briefwissel.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Account;
import nl.briefwissel.mail.OutgoingMail;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.web.Html;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The mail that carries a coach's message: plain text and simple HTML that Outlook, Gmail and
 * Apple Mail all show well, in the participant's language, and with the whole text or only a
 * notice with a link, as the programme's mail mode says.
 */
@Component
class MessageMail {

	private final MessageSource texts;

	private final ITemplateEngine templates;

	private final PublicAddress address;

	private final Trajectories trajectories;

	private final ReplyTokens tokens;

	MessageMail(MessageSource texts, ITemplateEngine templates, PublicAddress address, Trajectories trajectories,
			ReplyTokens tokens) {
		this.texts = texts;
		this.templates = templates;
		this.address = address;
		this.trajectories = trajectories;
		this.tokens = tokens;
	}

	/**
	 * The one subject of the conversation's mail thread (decision 0097): in the language the thread began in,
	 * whatever the participant reads now, or Gmail and Outlook begin a new thread at a change of language.
	 * The coach's name is the writer's: a new coach after a handover begins a thread of their own.
	 */
	String threadSubject(TrajectoryOverview trajectory, String coachName, Locale participantLanguage) {
		return texts.getMessage("mail.message.subject", new Object[] { coachName },
				threadLanguage(trajectory, participantLanguage));
	}

	Locale threadLanguage(TrajectoryOverview trajectory, Locale participantLanguage) {
		return tokens.threadLanguage(trajectory.id()).orElse(participantLanguage);
	}

	/** A letter whose language is not known: its mail marks none of its own (no lang rather than a wrong one). */
	OutgoingMail coachMessage(TrajectoryOverview trajectory, Account participant, String text, String replyTo,
			String inReplyTo, List<String> references) {
		return coachMessage(trajectory, trajectory.coachName(), participant, text, null, List.of(), replyTo, inReplyTo,
				references);
	}

	/**
	 * {@code files}: the names of the files the coach's letter came with (a coach who answers by mail may
	 * attach a worksheet). They are not sent on: the mail says they are there and where to open them, by
	 * name only when the letter itself goes in full (a name may say what the letter is about). {@code written}: the
	 * language the letter is stored in ({@link Message#language}), null where not known.
	 */
	OutgoingMail coachMessage(TrajectoryOverview trajectory, Account participant, String text, Locale written,
			List<String> files, String replyTo, String inReplyTo, List<String> references) {
		return coachMessage(trajectory, trajectory.coachName(), participant, text, written, files, replyTo, inReplyTo,
				references);
	}

	/**
	 * As above, from a coach who need not be the trajectory's coach now: a letter sent again after a
	 * handover is still its author's.
	 */
	OutgoingMail coachMessage(TrajectoryOverview trajectory, String coachName, Account participant, String text,
			Locale written, List<String> files, String replyTo, String inReplyTo, List<String> references) {
		Locale language = participant.language();
		// The programme decides what may go by mail; within that, the participant may ask for less.
		boolean programmeSendsText = trajectory.lettersByMail();
		boolean fullText = inFull(trajectory);
		// A programme that keeps its letters out of ordinary mail (NTA 7516) does not ask for answers by it.
		// After the end (a coach who answers a letter after the end by mail, decision 0030, or a failed letter sent
		// again) it promises no answer either: the participant is told the same when they write (decision 0122).
		String footer = (programmeSendsText ? "mail.message.footer" : "mail.message.footer.secure")
				+ (LettersAfterTheEnd.ended(trajectory) ? ".ended" : "");
		// In the participant's language: the link often opens in a browser that has not been here before.
		// To this conversation: a participant in two programmes at once has two.
		String link = address.link("/participant/conversation", language).queryParam("trajectory", trajectory.id()).toUriString();
		Locale thread = threadLanguage(trajectory, language);
		String subject = texts.getMessage("mail.message.subject", new Object[] { coachName }, thread);
		Context context = new Context(language);
		// The HTML part's title is the subject that went, in the thread's language (decision 0097), marked so where
		// that is not the participant's of today; it was the subject in theirs, another name than the inbox shows.
		context.setVariable("subject", subject);
		context.setVariable("subjectLang", Message.langOn(thread, language));
		// The letter in its own words' language, as on the page and in the record (WCAG 3.1.2); the words around
		// it are the product's, in the participant's. A Dutch letter to a participant set to English was English.
		context.setVariable("letterLang", Message.langOn(written, language));
		context.setVariable("participant", participant.displayName());
		context.setVariable("paragraphs", fullText ? linked(text) : List.of());
		context.setVariable("fullText", fullText);
		context.setVariable("link", link);
		// Names the coach at the start of a sentence: with a capital there (van Dijk: Van Dijk, decision 0143).
		context.setVariable("footer", Account.sentencesCapitalised(
				texts.getMessage(footer + "Html", new Object[] { coachName }, language), coachName));
		String filesSaid = files.isEmpty() ? null
				: texts.getMessage("mail.message.files",
						new Object[] { files.size(), fullText ? " (" + String.join(", ", files) + ")" : "" }, language);
		context.setVariable("files", filesSaid);
		// The notice said as the plain text says it, its name capitalised at a sentence's start in both parts alike.
		String notice = Account.sentencesCapitalised(texts.getMessage("mail.message.notice", new Object[] { coachName }, language),
				coachName);
		context.setVariable("notice", notice);
		String html = templates.process("conversation/mail/message", context);
		String plain = (fullText ? text : notice)
				+ (filesSaid == null ? "" : "\n\n" + filesSaid + "\n" + link)
				+ "\n\n-- \n" + Account.sentencesCapitalised(texts.getMessage(footer, new Object[] { coachName, link }, language),
						coachName);
		OutgoingMail mail = new OutgoingMail(participant.email(), subject, plain, html, replyTo, inReplyTo, references, false)
			.writtenBy(coachName);
		return fullText ? mail : mail.asNotification();
	}

	/**
	 * The letter's paragraphs, each as its lines, each line as its parts: text and link in turn, beginning with
	 * text. An address in the letter is a link in the HTML mail, as a plain-text client makes it one: the link
	 * to a video, or to the page where coach cards are laid, is clicked, not copied. Which text is an address is
	 * the page's rule ({@link Html#webAddresses}, decision 0123): one written as www. is a link too, to https://
	 * (the template puts it before), so a video given as www.youtube.com is clicked in the mail as on the page.
	 */
	static List<List<List<String>>> linked(String text) {
		List<List<List<String>>> paragraphs = new ArrayList<>();
		for (String paragraph : text.split("\\n\\s*\\n")) {
			List<List<String>> lines = new ArrayList<>();
			for (String line : paragraph.strip().split("\\r?\\n")) {
				List<String> parts = new ArrayList<>();
				int from = 0;
				for (Html.WebAddress link : Html.webAddresses(line)) {
					parts.add(line.substring(from, link.start()));
					parts.add(line.substring(link.start(), link.end()));
					from = link.end();
				}
				parts.add(line.substring(from));
				lines.add(parts);
			}
			paragraphs.add(lines);
		}
		return paragraphs;
	}

	/** Whether a coach's letter goes by mail with its words now: the programme allows it and the participant wants it. */
	boolean inFull(TrajectoryOverview trajectory) {
		return trajectory.lettersByMail() && trajectories.wantsFullText(trajectory.id());
	}

	/**
	 * To the coach: the participant wrote after the trajectory ended. Such a letter is kept in the
	 * record but no list shows it any more, so the coach is told, without its text (it is read in the
	 * ended conversation). The mail's reply address is the conversation's: a coach who answers it by
	 * mail answers the participant, as with any mail of the conversation. About the trajectory, so it
	 * goes with its erasure.
	 */
	OutgoingMail afterTheEnd(TrajectoryOverview trajectory, Account coach, String replyTo) {
		Locale language = coach.language();
		// The coach greeted by first name, the participant named in full once and then by first name ({3}).
		Object[] args = { trajectory.participantName(), coach.firstName(),
				address.link("/coach/trajectories/{id}", language).buildAndExpand(trajectory.id()).toUriString(),
				Account.firstNameOf(trajectory.participantName()) };
		return new OutgoingMail(coach.email(), Account.sentencesCapitalised(texts.getMessage("mail.afterTheEnd.subject", args, language), args),
				Account.sentencesCapitalised(texts.getMessage("mail.afterTheEnd.text", args, language), args), null, replyTo, null, List.of(), true)
			.about(trajectory.id())
			.inLanguage(language, address.base());
	}
}
