package nl.briefwissel;

import org.springframework.ui.Model;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A form refused is shown again with what was wrong, answered 422 Unprocessable Content (decision 0139): a
 * screen reader's user, a tool and a test can tell the refusal from the page a success shows. A refusal held in
 * a {@code BindingResult} is seen by the web shell itself; a controller that holds its refusal otherwise (a map
 * of problems, a flag in the model) says so with {@link #shownAgain()}. A form refused because the state is in
 * the way and not what was typed (the trajectory ended or was handed over, the draft was overtaken in another tab)
 * answers 409 Conflict with its page (decisions 0085 and 0139): its controller says so with {@link #stateInTheWay()}.
 * A refusal that redirects keeps its redirect (the form's answer is the page its GET draws); the page after it
 * answers 422 (or 409) once, the form shown again, when the refusal said so with {@link #shownAgainAfter} or
 * {@link #stateInTheWayAfter}; reloaded, it is the page again, 200. Spring Security's sign-in, whose redirect we do
 * not write, keeps its 200 and only its title says so ({@link #titledShownAgain(Model)}).
 */
public final class RefusedForm {

	public static final String ATTRIBUTE = RefusedForm.class.getName() + ".shownAgain";

	/** Set by {@link #stateInTheWay()}: the page answers 409, and shows what it shows (the audit trail reads it). */
	public static final String STATE_ATTRIBUTE = RefusedForm.class.getName() + ".stateInTheWay";

	/** The flash attribute that carries the status of a refusal answered with a redirect to the page after it. */
	public static final String AFTER_REDIRECT = RefusedForm.class.getName() + ".afterRedirect";

	/** The page's variable that makes its title start with "Fout: " (the web shell's title dialect reads it). */
	public static final String TITLE_VARIABLE = "formShownAgain";

	private RefusedForm() {
	}

	/** Called by the controller that answers a posted form with that form again, refused. */
	public static void shownAgain() {
		RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * Called by the controller that answers a posted form with a page saying the state is in the way (nothing
	 * typed was wrong): 409, whatever else the page holds, as a letter with a mistake on a trajectory handed over
	 * meanwhile is told the handover, not the mistake.
	 */
	public static void stateInTheWay() {
		RequestContextHolder.currentRequestAttributes().setAttribute(STATE_ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * Called by the controller that refuses a posted form with a redirect to the page that holds it (the form's
	 * sentences in the flash): that page, drawn by its own GET, answers 422 and is titled "Fout: " (decision 0139,
	 * amended). A redirect of our own has to carry it: a GET alone cannot tell a refusal from the page asked for.
	 */
	public static void shownAgainAfter(RedirectAttributes redirect) {
		redirect.addFlashAttribute(AFTER_REDIRECT, 422);
	}

	/** As {@link #shownAgainAfter}, for a refusal because the state is in the way: the page after it answers 409. */
	public static void stateInTheWayAfter(RedirectAttributes redirect) {
		redirect.addFlashAttribute(AFTER_REDIRECT, 409);
	}

	/**
	 * The status a refusal's redirect put in the flash for the page it leads to (422 or 409), null on any other page:
	 * read where the page's status is set and where the trail decides whether the page was a read.
	 */
	public static Integer statusAfterRedirect(jakarta.servlet.http.HttpServletRequest request) {
		java.util.Map<String, ?> flash = org.springframework.web.servlet.support.RequestContextUtils.getInputFlashMap(request);
		return flash == null ? null : (Integer) flash.get(AFTER_REDIRECT);
	}

	/**
	 * The page after a refusal that redirected (Spring Security's sign-in, decision 0139's notes) is the form shown
	 * again to the person, but a page of its own GET: it answers 200, and only its title says "Fout: ".
	 */
	public static void titledShownAgain(Model page) {
		page.addAttribute(TITLE_VARIABLE, Boolean.TRUE);
	}
}
