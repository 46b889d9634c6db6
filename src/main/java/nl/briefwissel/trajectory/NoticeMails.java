package nl.briefwissel.trajectory;

import java.util.List;
import java.util.Locale;

import nl.briefwissel.mail.OutgoingMail;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The automatic mails of intake and matching, each with a plain-text and an HTML part in the
 * recipient's language. Every text comes from the message bundles: {@code <key>.subject},
 * {@code <key>.greeting}, the paragraphs {@code <key>.body} and the link's {@code <key>.button}.
 */
@Component
class NoticeMails {

	private final MessageSource texts;

	private final ITemplateEngine templates;

	NoticeMails(MessageSource texts, ITemplateEngine templates) {
		this.texts = texts;
		this.templates = templates;
	}

	OutgoingMail compose(String to, Locale language, String key, Object[] args, String link) {
		String subject = texts.getMessage(key + ".subject", args, language);
		String greeting = texts.getMessage(key + ".greeting", args, language);
		List<String> paragraphs = List.of(texts.getMessage(key + ".body", args, language).split("\n\n"));
		String button = texts.getMessage(key + ".button", args, language);
		String signature = texts.getMessage("mail.signature", null, language);
		StringBuilder text = new StringBuilder(greeting).append("\n\n");
		paragraphs.forEach(paragraph -> text.append(paragraph).append("\n\n"));
		if (link != null) {
			text.append(button).append(":\n").append(link).append("\n\n");
		}
		text.append(signature).append("\n");
		Context context = new Context(language);
		context.setVariable("subject", subject);
		context.setVariable("greeting", greeting);
		context.setVariable("paragraphs", paragraphs);
		context.setVariable("link", link);
		context.setVariable("button", button);
		String html = templates.process("trajectory/mail/notice", context);
		return OutgoingMail.notice(to, subject, text.toString(), html);
	}
}
