package nl.briefwissel.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a page or download that shows content or exports it. Every successful answer of such a
 * route is written to the audit trail with the signed-in person; changes by programme managers
 * and administrators are recorded without this mark.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

	AuditAction value();

	/** The path variable that holds the trajectory's id, if the route has one. */
	String trajectory() default "";

	/**
	 * Whether the route shows content only after a reason is given (the request parameter
	 * {@code reason}); until then nothing is shown and nothing recorded.
	 */
	boolean reasonRequired() default false;
}
