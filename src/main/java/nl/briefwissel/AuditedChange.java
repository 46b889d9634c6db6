package nl.briefwissel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * For an administrative change the audit trail records whatever the controller: that this request
 * changed nothing, because the form was refused (a number that is none, a theme that must stay on, a
 * coach not in the pool). The entry then says "refused": the trail showed the values of a change that
 * never happened as if they had been saved. A request that found its change made already (the second press of a
 * double click, a page that was out of date) says so too: the trail showed one change twice.
 */
public final class AuditedChange {

	public static final String REFUSED_ATTRIBUTE = AuditedChange.class.getName() + ".refused";

	public static final String ALREADY_ATTRIBUTE = AuditedChange.class.getName() + ".already";

	public static final String CHANGED_FIELDS_ATTRIBUTE = AuditedChange.class.getName() + ".changedFields";

	public static final String MADE_ATTRIBUTE = AuditedChange.class.getName() + ".made";

	private AuditedChange() {
	}

	/**
	 * Marks a form under the administrative areas that changes nothing, whatever it answers: a preview of what was
	 * typed. The trail is of who changed what; a preview shown, or refused with what was wrong, is neither a change
	 * nor an attempt at one, and was on it as both.
	 */
	@Documented
	@Retention(RetentionPolicy.RUNTIME)
	@Target(ElementType.METHOD)
	public @interface Preview {
	}

	/** Called by the controller while it answers the request it refuses. */
	public static void refused() {
		RequestContextHolder.currentRequestAttributes().setAttribute(REFUSED_ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * Called by the controller while it answers a request that changed nothing because what it asks is so already:
	 * the programme its form made before, the coach it names is the trajectory's coach. The entry then says "already
	 * done", not a second change beside the first.
	 */
	public static void already() {
		RequestContextHolder.currentRequestAttributes().setAttribute(ALREADY_ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * Called by a controller whose change made something its address cannot name, as a new programme: the trail
	 * then names it by its id and its name (a programme's name, never a person's), as a change to it is named by
	 * the id in its address. The line said only which form was posted.
	 */
	public static void made(java.util.UUID id, String name) {
		RequestContextHolder.currentRequestAttributes()
			.setAttribute(MADE_ATTRIBUTE, java.util.Map.of("id", id.toString(), "name", name), RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * Called by a controller whose form holds what the trail must not keep (addresses someone typed): the trail
	 * then says which of its fields this request changed, or would have changed when refused, never their values.
	 */
	public static void changedFields(List<String> names) {
		RequestContextHolder.currentRequestAttributes()
			.setAttribute(CHANGED_FIELDS_ATTRIBUTE, List.copyOf(names), RequestAttributes.SCOPE_REQUEST);
	}
}
