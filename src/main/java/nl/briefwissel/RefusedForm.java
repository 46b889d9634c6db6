package nl.briefwissel;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * A form refused is shown again with what was wrong, answered 422 Unprocessable Content (decision 0139): a
 * screen reader's user, a tool and a test can tell the refusal from the page a success shows. A refusal held in
 * a {@code BindingResult} is seen by the web shell itself; a controller that holds its refusal otherwise (a map
 * of problems, a flag in the model) says so with {@link #shownAgain()}. A refusal that redirects keeps its
 * redirect.
 */
public final class RefusedForm {

	public static final String ATTRIBUTE = RefusedForm.class.getName() + ".shownAgain";

	private RefusedForm() {
	}

	/** Called by the controller that answers a posted form with that form again, refused. */
	public static void shownAgain() {
		RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
	}
}
