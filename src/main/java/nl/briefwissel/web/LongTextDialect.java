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
 * <p>
 * {@code bw:linked} writes a letter the same way with its web addresses as links ({@link Html#escapeLinking},
 * decision 0123), as the conversation pages write theirs; the record's letters use it.
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
		return Set.of(new LongTextProcessor(prefix, "text", false), new LongTextProcessor(prefix, "linked", true));
	}

	private static final class LongTextProcessor extends AbstractStandardExpressionAttributeTagProcessor {

		private final boolean linking;

		LongTextProcessor(String prefix, String name, boolean linking) {
			super(TemplateMode.HTML, prefix, name, StandardTextTagProcessor.PRECEDENCE, true, false);
			this.linking = linking;
		}

		@Override
		protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
				String attributeValue, Object expressionResult, IElementTagStructureHandler structureHandler) {
			if (expressionResult == null) {
				structureHandler.setBody("", false);
			}
			else {
				String text = expressionResult.toString();
				// A page that says addressesAsText (the record's PDF, decision 0123) gets the letter as text alone.
				boolean links = linking && !Boolean.TRUE.equals(context.getVariable("addressesAsText"));
				structureHandler.setBody(links ? Html.escapeLinking(new StringBuilder(text.length() + 64), text).toString()
						: Html.escape(text), false);
			}
		}
	}
}
