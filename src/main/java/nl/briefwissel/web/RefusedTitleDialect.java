package nl.briefwissel.web;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * A page answered 422 or 409 ({@link RefusedForms}), a form shown again or a page saying the state is in the way, says
 * so first in its title: "Fout: Sanne Bakker · Briefwissel" (WCAG 3.3.1, as GOV.UK does). A screen reader reads the title first when the page loads, and
 * it was the page's own, as if the form had been taken. Done once here on the title every template hands the layout,
 * not in each of them.
 */
@Component
class RefusedTitleDialect extends AbstractDialect implements IPostProcessorDialect {

	RefusedTitleDialect() {
		super("Briefwissel refused title");
	}

	@Override
	public int getDialectPostProcessorPrecedence() {
		return 1000;
	}

	@Override
	public Set<IPostProcessor> getPostProcessors() {
		return Set.of(new PostProcessor(TemplateMode.HTML, Prefix.class, 1000));
	}

	/**
	 * Public, as Thymeleaf makes one for each page from its class. It sees every element and text of every page, the
	 * measured ones too (issue #9), so it decides once, when it is given the page's context, whether it has anything to
	 * do, and otherwise only passes each event on.
	 */
	public static final class Prefix extends AbstractTemplateHandler {

		/** Until the title is prefixed, on a page shown again only. */
		private boolean looking;

		private boolean inTitle;

		public Prefix() {
		}

		@Override
		public void setContext(ITemplateContext context) {
			super.setContext(context);
			looking = Boolean.TRUE.equals(context.getVariable(RefusedForms.SHOWN_AGAIN));
		}

		@Override
		public void handleOpenElement(IOpenElementTag tag) {
			if (looking) {
				inTitle = "title".equalsIgnoreCase(tag.getElementCompleteName());
			}
			super.handleOpenElement(tag);
		}

		@Override
		public void handleText(IText text) {
			if (inTitle) {
				inTitle = false;
				looking = false;
				String title = getContext().getMessage(RefusedTitleDialect.class, "layout.title.refused",
						new Object[] { text.getText().strip() }, true);
				super.handleText(getContext().getModelFactory().createText(title));
				return;
			}
			super.handleText(text);
		}

		@Override
		public void handleCloseElement(ICloseElementTag tag) {
			inTitle = false;
			super.handleCloseElement(tag);
		}
	}
}
