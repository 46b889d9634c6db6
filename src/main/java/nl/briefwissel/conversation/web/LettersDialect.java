package nl.briefwissel.conversation.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.briefwissel.conversation.Attachment;
import nl.briefwissel.conversation.Author;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.mail.Delivery;
import nl.briefwissel.mail.SendFailure;
import nl.briefwissel.web.FileSizes;
import nl.briefwissel.web.Html;
import nl.briefwissel.web.Times;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.spring6.requestdata.RequestDataValueProcessorUtils;
import org.thymeleaf.standard.processor.AbstractStandardExpressionAttributeTagProcessor;
import org.thymeleaf.standard.processor.StandardTextTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code bw:letters="${messages}"} writes the letters of a conversation into the element, in Java
 * (decision 0019). The letters were a loop of some forty template elements each, and on a
 * conversation of 25 letters that loop was 42 % of a page view's CPU; written here it is a fraction of
 * that. The markup is the one the template wrote; everything a person wrote or chose (names, letters,
 * file names, mail errors) goes through {@link Html#escape} (a letter's web addresses as links through
 * {@link Html#escapeLinking}, decision 0123), texts through the page's messages,
 * links through the page's link builder, and forms get the page's CSRF field as {@code th:action}
 * gives them.
 * <p>
 * Read from the page, as the fragment {@code conversation/fragments :: conversation} passes them:
 * {@code deliveries} (the coach's mail deliveries by Message-ID, or null), {@code attachmentBase}
 * (where this reader downloads files), {@code originalBase} (where the coach sees an original mail,
 * or null), {@code lettersAfterTheEnd} (the ids of the letters that came after the trajectory ended, headed so as the
 * record heads them, decision 0122; null for none), {@code own} (true where the participant reads: their letters are headed You, as in their own
 * record, {@code report.own.author}; the coach's page names both writers) and {@code highlightAction}
 * (where a passage is marked, or null).
 */
@Component
class LettersDialect extends AbstractProcessorDialect {

	LettersDialect() {
		// As bw:text: th:if and th:each on the element decide first.
		super("Briefwissel letters", "bw", StandardTextTagProcessor.PRECEDENCE);
	}

	@Override
	public Set<IProcessor> getProcessors(String prefix) {
		return Set.of(new LettersProcessor(prefix));
	}

	private static final class LettersProcessor extends AbstractStandardExpressionAttributeTagProcessor {

		LettersProcessor(String prefix) {
			super(TemplateMode.HTML, prefix, "letters", StandardTextTagProcessor.PRECEDENCE, true, false);
		}

		@Override
		protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
				String attributeValue, Object expressionResult, IElementTagStructureHandler structureHandler) {
			@SuppressWarnings("unchecked")
			List<Message> messages = expressionResult == null ? List.of() : (List<Message>) expressionResult;
			structureHandler.setBody(new Letters(context).write(messages), false);
		}
	}

	/** One page's letters: what is the same for every letter is worked out once. */
	private static final class Letters {

		private final ITemplateContext page;

		private final Times times;

		private final Map<?, ?> deliveries;

		private final String attachmentBase;

		private final String originalLink;

		private final String markAction;

		/** The letters that came after the trajectory ended (Conversations#afterTheEnd): their heading says so. */
		private final java.util.Collection<?> afterTheEnd;

		/** The participant reads their own conversation: their letters are theirs, headed You, not their full name. */
		private final boolean own;

		private final String csrfFields;

		/** A passage refused a moment ago: the letter it was for, what was typed and why it was refused. */
		private final Object refusedFor;

		private final String refusedPassage;

		private final String refusal;

		private final StringBuilder out = new StringBuilder(32_768);

		Letters(ITemplateContext page) {
			this.page = page;
			this.times = (Times) page.getExpressionObjects().getObject("times");
			this.deliveries = (Map<?, ?>) page.getVariable("deliveries");
			this.attachmentBase = link((String) page.getVariable("attachmentBase"));
			this.own = Boolean.TRUE.equals(page.getVariable("own"));
			this.afterTheEnd = page.getVariable("lettersAfterTheEnd") instanceof java.util.Collection<?> ids ? ids : java.util.Set.of();
			this.originalLink = link((String) page.getVariable("originalBase"));
			String highlightAction = (String) page.getVariable("highlightAction");
			this.markAction = highlightAction == null ? null
					: RequestDataValueProcessorUtils.processAction(page, link(highlightAction), "post");
			StringBuilder fields = new StringBuilder();
			Map<String, String> hidden = highlightAction == null && originalLink == null ? null
					: RequestDataValueProcessorUtils.getExtraHiddenFields(page);
			if (hidden != null) {
				hidden.forEach((name, value) -> attribute(attribute(fields.append("<input type=\"hidden\""), "name", name), "value", value)
					.append('>'));
			}
			this.csrfFields = fields.toString();
			this.refusedFor = page.getVariable("highlightMessage");
			Object typed = page.getVariable("highlightTyped");
			this.refusedPassage = typed instanceof String passage ? passage : "";
			Object problem = page.getVariable("highlightProblem");
			this.refusal = refusedFor != null && problem instanceof String key ? text(key) : null;
		}

		String write(List<Message> messages) {
			String markLabel = text("highlight.mark");
			String passageLabel = text("highlight.passage");
			String passageHelp = text("highlight.passage.help");
			String saveLabel = text("highlight.save");
			String originalLabel = text("conversation.showOriginal");
			String unreadable = text("conversation.letter.unreadable");
			String you = own ? text("report.own.author") : null;
			String afterTheEndMark = afterTheEnd.isEmpty() ? null : " " + text("conversation.letter.afterTheEnd");
			for (int i = 0; i < messages.size(); i++) {
				Message m = messages.get(i);
				String id = m.id().toString();
				boolean note = m.isNote();
				out.append("\n  <li class=\"")
					.append(note ? "bw-message bw-message--note"
							: m.author() == Author.COACH ? "bw-message bw-message--coach" : "bw-message bw-message--participant")
					.append("\" id=\"m-").append(id).append("\">");
				if (i == messages.size() - 1) {
					out.append("\n    <span id=\"latest\"></span>");
				}
				out.append("\n    <article aria-labelledby=\"h-").append(id).append("\">")
					.append("\n      <header class=\"bw-message__header\">")
					.append("\n        <h3 class=\"utrecht-heading-3 bw-message__author\" id=\"h-").append(id).append("\">");
				Html.escape(out, note ? text("conversation.note." + m.kind().name())
						: own && m.author() == Author.PARTICIPANT ? you : m.authorName());
				if (afterTheEndMark != null && !note && afterTheEnd.contains(m.id())) {
					// Nobody coached them any more when it came: said in its heading, as the record says it (decision 0122).
					Html.escape(out, afterTheEndMark);
				}
				out.append("</h3>")
					.append("\n        <p class=\"bw-message__meta\">\n          <time datetime=\"").append(m.createdAt()).append("\">");
				Html.escape(out, times.format(m.createdAt(), "d MMMM yyyy, HH:mm")).append("</time>\n          <span>");
				Html.escape(out, " · " + text("conversation.channel." + m.channel().name())).append("</span>\n        </p>")
					.append("\n      </header>");
				if (m.readable()) {
					// The language this letter was written in, said where it is not the page's (WCAG 3.1.2):
					// the participant's setting of today is not the language of every letter (decision 0097).
					String lang = m.langOn(page.getLocale());
					// dir=auto: a letter in Arabic or Hebrew runs from its own side, and a direction override
					// typed in a letter stays inside it instead of turning what follows around.
					out.append(lang == null ? "\n      <div class=\"bw-message__body\" dir=\"auto\">"
							: "\n      <div class=\"bw-message__body\" dir=\"auto\" lang=\"" + lang + "\">");
					Html.escapeLinking(out, m.body()).append("</div>");
				}
				else {
					// In its place, with its date and writer: no error page for the whole conversation, no
					// empty letter, nothing of the sealed text (decision 0057). In the page's language.
					Html.escape(out.append("\n      <p class=\"bw-message__body bw-message__body--unreadable\">"), unreadable)
						.append("</p>");
				}
				attachments(m.attachments());
				delivery(m);
				// Nothing of it can be quoted, so nothing of it can be marked.
				if (markAction != null && !note && m.readable()) {
					highlightForm(m, id, markLabel, passageLabel, passageHelp, saveLabel);
				}
				if (originalLink != null && !note && m.cameByMail()) {
					out.append("\n      <p class=\"bw-message__original\">\n        <a class=\"utrecht-link\" href=\"");
					Html.escape(out, originalLink + "/" + id + "/original").append("\">");
					Html.escape(out, originalLabel).append("</a>\n      </p>");
				}
				out.append("\n    </article>\n  </li>");
			}
			return out.append('\n').toString();
		}

		private void attachments(List<Attachment> attachments) {
			if (attachments.isEmpty()) {
				return;
			}
			out.append("\n      <ul class=\"utrecht-unordered-list bw-attachments\">");
			for (Attachment a : attachments) {
				out.append("\n        <li>");
				if (a.available()) {
					// One link per file: a photo's small preview (lazy, bounded by CSS; a photo assignment brings many)
					// sits in the link of its name, so a keyboard or a screen reader meets the file once. The name says
					// what the link is; the image, with empty alt text, adds nothing to it. Its box is fixed before
					// the photo loads, so a lazy photo coming in does not push the letters below it down; the style
					// sheet fits the photo inside (no bytes are read to write the page, decision 0120).
					String href = attachmentBase + "/" + a.id();
					Html.escape(out.append("<a class=\"utrecht-link\" href=\""), href).append("\">");
					if (a.photo()) {
						Html.escape(out.append("<img class=\"bw-attachment__photo\" src=\""), href + "/preview")
							.append("\" width=\"192\" height=\"144\" alt=\"\" loading=\"lazy\" decoding=\"async\"> ");
					}
					Html.escape(out, a.fileName() + " (" + FileSizes.format(a.size(), page.getLocale()) + ")").append("</a>");
				}
				else {
					out.append("<span>");
					Html.escape(out, text("conversation.attachment.refused." + a.refusalKind(), a.fileName(), a.refusalDetail()))
						.append("</span>");
				}
				out.append("</li>");
			}
			out.append("\n      </ul>");
		}

		private void delivery(Message m) {
			Object found = deliveries == null || m.mailMessageId() == null ? null : deliveries.get(m.mailMessageId());
			if (!(found instanceof Delivery d)) {
				return;
			}
			String state = d.status() == Delivery.Status.FAILED ? " bw-delivery--failed" : d.delayed() ? " bw-delivery--delayed" : "";
			out.append("\n      <p class=\"bw-delivery").append(state).append("\">");
			String line = switch (d.status()) {
				// As the mail went: a notification of the letter says so, whatever the participant chose since.
				case SENT -> text(d.notification() ? "conversation.delivery.sent.notification" : "conversation.delivery.sent",
						times.format(d.sentAt(), "d MMM HH:mm"));
				case PENDING -> d.delayed()
						? text("conversation.delivery.delayed", d.attempts(), times.format(d.nextAttemptAt(), "d MMM HH:mm"), reason(d.failure()))
						: text(d.notification() ? "conversation.delivery.pending.notification" : "conversation.delivery.pending");
				case FAILED -> text("conversation.delivery.failed", d.attempts(), reason(d.failure()));
			};
			Html.escape(out.append("<span>"), line).append("</span></p>");
			if (d.status() == Delivery.Status.FAILED && originalLink != null) {
				// The coach may know what the outbox cannot: that the relay or the mailbox works again.
				String action = RequestDataValueProcessorUtils.processAction(page, originalLink + "/" + m.id() + "/send-again", "post");
				Html.escape(out.append("\n      <form class=\"bw-delivery__again\" method=\"post\" action=\""), action).append("\">")
					.append(csrfFields).append("<button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">");
				Html.escape(out, text("conversation.delivery.sendAgain")).append("</button></form>");
			}
		}

		/** The failure in the reader's language, and the relay's code or the failure's type as it is. */
		private String reason(SendFailure failure) {
			if (failure == null) {
				return text("conversation.delivery.reason.other");
			}
			String kind = text("conversation.delivery.reason." + failure.kind().code());
			return failure.detail() == null ? kind : kind + " (" + failure.detail() + ")";
		}

		private void highlightForm(Message m, String id, String markLabel, String passageLabel, String passageHelp,
				String saveLabel) {
			boolean refused = refusal != null && id.equals(String.valueOf(refusedFor));
			out.append(refused ? "\n      <details class=\"bw-details bw-highlight-form\" open>\n        <summary>"
					: "\n      <details class=\"bw-details bw-highlight-form\">\n        <summary>");
			Html.escape(out, markLabel).append("</summary>\n        <form action=\"");
			Html.escape(out, markAction).append("\" method=\"post\" class=\"bw-form\">").append(csrfFields)
				.append("\n          <input type=\"hidden\" name=\"message\" value=\"").append(id).append("\">")
				.append("\n          <input type=\"hidden\" name=\"trajectory\" value=\"").append(m.trajectoryId()).append("\">")
				.append("\n          <div class=\"utrecht-form-field utrecht-form-field--textarea\">")
				.append("\n            <div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"passage-")
				.append(id).append("\">");
			Html.escape(out, passageLabel).append("</label></div>\n            <p class=\"utrecht-form-field-description\" id=\"passage-help-")
				.append(id).append("\">");
			Html.escape(out, passageHelp).append("</p>");
			if (refused) {
				out.append("\n            <p class=\"utrecht-form-field-error-message\" id=\"passage-error-").append(id).append("\">");
				Html.escape(out, refusal).append("</p>");
			}
			out.append("\n            <div class=\"utrecht-form-field__input\"><textarea class=\"utrecht-textarea utrecht-textarea--html-textarea\"")
				.append(" name=\"passage\" rows=\"3\" maxlength=\"4000\" id=\"passage-").append(id)
				.append("\" aria-describedby=\"passage-help-").append(id);
			if (refused) {
				// The page opens here; the field says what is wrong and has what was typed, to correct.
				out.append(" passage-error-").append(id).append("\" aria-invalid=\"true\" autofocus>");
				Html.escape(out, refusedPassage);
			}
			else {
				out.append("\">");
			}
			out.append("</textarea></div>")
				.append("\n          </div>\n          <button type=\"submit\" class=\"utrecht-button utrecht-button--secondary-action\">");
			Html.escape(out, saveLabel).append("</button>\n        </form>\n      </details>");
		}

		private String text(String key, Object... arguments) {
			return page.getMessage(LettersDialect.class, key, arguments, true);
		}

		/** As {@code @{...}} writes it: the application's context path first. */
		private String link(String base) {
			return base == null ? null : page.buildLink(base, null);
		}

		private static StringBuilder attribute(StringBuilder out, String name, String value) {
			return Html.escape(out.append(' ').append(name).append("=\""), value).append('"');
		}
	}
}
