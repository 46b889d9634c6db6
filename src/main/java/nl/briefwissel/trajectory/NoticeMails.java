package nl.briefwissel.trajectory;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import nl.briefwissel.account.Account;
import nl.briefwissel.mail.MailAttachment;
import nl.briefwissel.mail.OutgoingMail;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The automatic mails of intake and matching, and every notice to a participant about their trajectory
 * ({@link #toParticipant}), each with a plain-text and an HTML part in the recipient's language, or in two
 * when that is unknown. Every text comes from the message bundles: {@code <key>.subject},
 * {@code <key>.greeting}, the paragraphs {@code <key>.body} and the link's {@code <key>.button}.
 * Public for the conversation's notices of mail held back: one composer, so that what a participant gets
 * from Briefwissel reads as one product whichever module sends it (decision 0081).
 */
@Component
public class NoticeMails {

	/** The texts every notice to a participant shares: {@code .greeting}, {@code .closing} and {@code .footer}. */
	private static final String PARTICIPANT = "mail.participantNotice";

	private final MessageSource texts;

	private final ITemplateEngine templates;

	NoticeMails(MessageSource texts, ITemplateEngine templates) {
		this.texts = texts;
		this.templates = templates;
	}

	/**
	 * The greeting and paragraphs of a mail in one language, with its link under them: {@code language}
	 * is its language tag, {@code button} the link's label and {@code link} the address (null for none).
	 */
	record Translation(String language, String greeting, List<String> paragraphs, String button, String link) {
	}

	/**
	 * A person's name among a mail's arguments: a sentence that begins with it begins with a capital (van Dijk: Van
	 * Dijk, decision 0143). Only a name: a programme's name, a date or a sentence given as an argument is written as
	 * it is, so a programme called „jan” made „jan.pdf is niet bewaard.” no „Jan.pdf”. Fills in as its text.
	 */
	public record Name(String text) {

		@Override
		public String toString() {
			return text == null ? "" : text;
		}
	}

	/** The names among these arguments, as text. */
	private static Object[] names(Object[] args) {
		return args == null ? new Object[0]
				: java.util.Arrays.stream(args).filter(Name.class::isInstance).map(Object::toString).toArray();
	}

	OutgoingMail compose(String to, Locale language, String key, Object[] args, String link) {
		return compose(to, language, null, key, any -> args, any -> link, false);
	}

	/**
	 * A notice to a participant about their trajectory (a pause, an extension, a stop, mail of theirs held back):
	 * greeted by first name, as the coach's letters and the reminders greet them, and ended alike, with the
	 * closing, the signature and the line that says the mail is automatic. {@code args} fill in
	 * {@code {1}} onwards of {@code <key>.subject}, {@code <key>.body} and {@code <key>.button}; {@code {0}}
	 * is the first name. A name among {@code args} is given as a {@link Name}: a sentence that begins with it begins
	 * with a capital. No {@code <key>.greeting}: the greeting is the same for every notice. Marked with its
	 * {@code kind}, by which it is found again among sent mail, never by its subject (decision 0093).
	 */
	public OutgoingMail toParticipant(String to, Locale language, String participantName, NoticeKind kind, String key,
			Object[] args, String link) {
		Object[] all = new Object[args.length + 1];
		all[0] = new Name(Account.firstNameOf(participantName));
		System.arraycopy(args, 0, all, 1, args.length);
		return compose(to, language, null, key, any -> all, any -> link, true).ofKind(kind.name());
	}

	/**
	 * A mail for a recipient whose language we do not know: the greeting, paragraphs and link in
	 * {@code first}, then once more in {@code second}. The HTML part marks the second with its own
	 * {@code lang}, so that a screen reader pronounces each in its language (WCAG 3.1.2). Each half has
	 * its own link ({@code linkIn} gives it for the language): the page it opens is in that half's
	 * language, where one Dutch link under both left the English reader a Dutch label and page. The
	 * subject and the signature come from {@code first} only.
	 */
	OutgoingMail composeInTwoLanguages(String to, Locale first, Locale second, String key, Object[] args,
			Function<Locale, String> linkIn) {
		return compose(to, first, second, key, language -> args, linkIn, false);
	}

	/**
	 * As {@link #composeInTwoLanguages(String, Locale, Locale, String, Object[], Function)}, without a link
	 * and with arguments written for each language: a date with its month by name, which one set of
	 * arguments cannot give both halves (a Dutch 5-12-2026 reads as 12 May to an English reader).
	 */
	OutgoingMail composeInTwoLanguages(String to, Locale first, Locale second, String key,
			Function<Locale, Object[]> argsIn) {
		return compose(to, first, second, key, argsIn, any -> null, false);
	}

	/** As the one above, with arguments written for each language and a link. */
	OutgoingMail composeInTwoLanguages(String to, Locale first, Locale second, String key,
			Function<Locale, Object[]> argsIn, Function<Locale, String> linkIn) {
		return compose(to, first, second, key, argsIn, linkIn, false);
	}

	/**
	 * The files of a mail that were not kept, one a line with why, under a line that counts them: in the words a
	 * letter's files are refused in ({@code conversation.attachment.refused.*}), so an applicant reads what a
	 * participant reads.
	 */
	String filesNotKept(List<MailAttachment> notKept, Locale language) {
		return texts.getMessage("mail.intakeByMail.filesNotKept.intro", new Object[] { notKept.size() }, language) + "\n"
				+ notKept.stream()
					.map(file -> "- " + texts.getMessage("conversation.attachment.refused." + MailAttachment.refusalKind(file.refusal()),
							new Object[] { file.name(), MailAttachment.refusalDetail(file.refusal()) }, language))
					.collect(java.util.stream.Collectors.joining("\n"));
	}

	private OutgoingMail compose(String to, Locale language, Locale secondLanguage, String key,
			Function<Locale, Object[]> argsIn, Function<Locale, String> linkIn, boolean toParticipant) {
		Object[] args = argsIn.apply(language);
		String greetingKey = toParticipant ? PARTICIPANT + ".greeting" : key + ".greeting";
		// A mail in two languages has its subject in both: the reader who needs the second half of the body
		// needs it in the subject first. A subject that is in both of itself (the same in either bundle) once.
		// A name that begins a sentence begins it with a capital (van Dijk heeft: Van Dijk heeft, decision 0143).
		String subject = Account.sentencesCapitalised(texts.getMessage(key + ".subject", args, language), names(args));
		if (secondLanguage != null) {
			Object[] secondArgs = argsIn.apply(secondLanguage);
			String secondSubject = Account.sentencesCapitalised(texts.getMessage(key + ".subject", secondArgs, secondLanguage),
					names(secondArgs));
			subject = secondSubject.equals(subject) ? subject : subject + " / " + secondSubject;
		}
		Translation first = translation(language, key, greetingKey, args, linkIn.apply(language));
		Translation second = secondLanguage == null ? null
				: translation(secondLanguage, key, greetingKey, argsIn.apply(secondLanguage), linkIn.apply(secondLanguage));
		String signature = texts.getMessage("mail.signature", null, language);
		String closing = toParticipant ? texts.getMessage(PARTICIPANT + ".closing", null, language) : null;
		String footer = toParticipant ? texts.getMessage(PARTICIPANT + ".footer", null, language) : null;
		StringBuilder text = new StringBuilder();
		for (Translation translation : second == null ? List.of(first) : List.of(first, second)) {
			text.append(translation.greeting()).append("\n\n");
			translation.paragraphs().forEach(paragraph -> text.append(paragraph).append("\n\n"));
			if (translation.link() != null) {
				text.append(translation.button()).append(":\n").append(translation.link()).append("\n\n");
			}
		}
		if (closing != null) {
			text.append(closing).append("\n");
		}
		text.append(signature).append("\n");
		if (footer != null) {
			text.append("\n").append(footer).append("\n");
		}
		Context context = new Context(language);
		context.setVariable("closing", closing);
		context.setVariable("footer", footer);
		context.setVariable("subject", subject);
		context.setVariable("greeting", first.greeting());
		context.setVariable("paragraphs", first.paragraphs());
		context.setVariable("second", second);
		context.setVariable("link", first.link());
		context.setVariable("button", first.button());
		String html = templates.process("trajectory/mail/notice", context);
		return OutgoingMail.notice(to, subject, text.toString(), html);
	}

	private Translation translation(Locale language, String key, String greetingKey, Object[] args, String link) {
		return new Translation(language.toLanguageTag(), greeting(language, greetingKey, args),
				List.of(Account.sentencesCapitalised(texts.getMessage(key + ".body", args, language), names(args)).split("\n\n")),
				link == null ? null : texts.getMessage(key + ".button", args, language), link);
	}

	/**
	 * The greeting, with the name the first argument gives; the one without a name (Hallo) when a greeting
	 * that names someone has no name to give (an invitation made from an application by mail, which came
	 * without one): it greeted an empty name. (No quoted comma here: the module documentation's JSON reader
	 * stumbles over one.)
	 */
	private String greeting(Locale language, String greetingKey, Object[] args) {
		boolean noName = args == null || args.length == 0 || args[0] == null || args[0].toString().isBlank();
		if (noName && texts.getMessage(greetingKey, null, language).contains("{0}")) {
			return texts.getMessage("mail.greeting.noName", null, language);
		}
		return texts.getMessage(greetingKey, args, language);
	}
}
