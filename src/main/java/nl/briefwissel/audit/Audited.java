package nl.briefwissel.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a page or download that shows content or exports it. Every successful answer of such a
 * route is written to the audit trail with the signed-in person; changes by programme managers
 * and administrators are recorded without this mark. Marked {@link AuditAction#ADMINISTRATION}, a
 * change outside their areas (a coach's change of a trajectory's course, decision 0140) is recorded
 * as theirs are: refused and already made too, with the {@link #fields()} named.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

	/**
	 * For {@link #trajectory()}: the route itself says which trajectory it showed, with
	 * {@link AuditedTrajectory#shown}, and only an answer that did is recorded (a page that shows one
	 * record, or else a list of them).
	 */
	String SAID_BY_THE_ROUTE = "#route";

	/** The request attribute {@link AuditedTrajectory#shown} sets. */
	String SHOWN_ATTRIBUTE = "nl.briefwissel.audit.shownTrajectory";

	/**
	 * The longest reason the trail keeps (its column's width): a form that asks for one refuses a longer one at its
	 * field, as the trail would have cut it off unseen.
	 */
	int REASON_AT_MOST = 1000;

	AuditAction value();

	/** The path variable that holds the trajectory's id, if the route has one, or {@link #SAID_BY_THE_ROUTE}. */
	String trajectory() default "";

	/**
	 * Whether the route shows content only after a reason is given (the request parameter
	 * {@code reason}); until then nothing is shown and nothing recorded.
	 */
	boolean reasonRequired() default false;

	/**
	 * For a change: the form's fields whose values the trail keeps beside the route, each only as a code, a
	 * number or a day (capitals, digits and separators); never a field that holds what someone wrote.
	 */
	String[] fields() default {};
}
