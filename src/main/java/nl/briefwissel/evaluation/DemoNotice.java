package nl.briefwissel.evaluation;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the sign-in page (the account module's pages only, by package: a model attribute of every
 * page would be read on every request) that the demo data is still being written or could not be.
 */
@ControllerAdvice(basePackages = "nl.briefwissel.account.web")
@org.springframework.context.annotation.Profile("!production")
class DemoNotice {

	private final DemoProgress progress;

	DemoNotice(DemoProgress progress) {
		this.progress = progress;
	}

	/** {@code writing} or {@code failed} (the end of a message key), or null once the demo data is there. */
	@ModelAttribute("demoData")
	String demoData() {
		return switch (progress.stage()) {
			case WRITING -> "writing";
			case FAILED -> "failed";
			case WRITTEN -> null;
		};
	}
}
