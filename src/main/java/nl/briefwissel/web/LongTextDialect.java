package nl.briefwissel.web;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.processor.AbstractStandardExpressionAttributeTagProcessor;
import org.thymeleaf.standard.processor.StandardTextTagProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * {@code bw:text} writes what people wrote (letters, notes, a question, goals) as {@code th:text}
 * does, character for character the same markup, with an escaper made for long texts. Thymeleaf's
 * escaper writes each apostrophe as a numeric reference built digit by digit; Dutch letters are
 * full of them ('s, m'n, zo'n), and on a conversation page of 25 letters that was 6 % of the CPU
 * (docs/performance.md). Short texts and attributes keep {@code th:text}.
 */
@Component
class LongTextDialect extends AbstractProcessorDialect {

	LongTextDialect() {
		// A dialect precedence above the standard dialect's (1000): on an element, th:if and th:each
		// decide first whether and how often there is a text to write, as they do for th:text.
		super("Briefwissel long texts", "bw", StandardTextTagProcessor.PRECEDENCE);
	}

	@Override
	public Set<IProcessor> getProcessors(String prefix) {
		return Set.of(new LongTextProcessor(prefix));
	}

	/**
	 * The text with the five characters that mean something in HTML written as references, exactly
	 * as Thymeleaf's {@code th:text} writes them ({@code HtmlEscape.escapeHtml4Xml}); a text without
	 * any of them is returned as it is.
	 */
	static String escape(String text) {
		int length = text.length();
		int from = 0;
		StringBuilder escaped = null;
		for (int i = 0; i < length; i++) {
			String reference = switch (text.charAt(i)) {
				case '&' -> "&amp;";
				case '<' -> "&lt;";
				case '>' -> "&gt;";
				case '"' -> "&quot;";
				case '\'' -> "&#39;";
				default -> null;
			};
			if (reference != null) {
				if (escaped == null) {
					escaped = new StringBuilder(length + 64);
				}
				escaped.append(text, from, i).append(reference);
				from = i + 1;
			}
		}
		return escaped == null ? text : escaped.append(text, from, length).toString();
	}

	private static final class LongTextProcessor extends AbstractStandardExpressionAttributeTagProcessor {

		LongTextProcessor(String prefix) {
			super(TemplateMode.HTML, prefix, "text", StandardTextTagProcessor.PRECEDENCE, true, false);
		}

		@Override
		protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
				String attributeValue, Object expressionResult, IElementTagStructureHandler structureHandler) {
			structureHandler.setBody(expressionResult == null ? "" : escape(expressionResult.toString()), false);
		}
	}
}
