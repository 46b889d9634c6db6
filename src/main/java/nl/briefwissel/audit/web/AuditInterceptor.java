package nl.briefwissel.audit.web;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.audit.Audited;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes the trail after the answer is known: a read or export that was refused or failed is not
 * an access. Changes (anything but GET) under the programme manager's and administrator's areas
 * are recorded whatever the controller, so a new administrative action cannot be forgotten; only a
 * form marked as a preview ({@link AuditedChange.Preview}) is not one.
 */
class AuditInterceptor implements HandlerInterceptor {

	private static final Set<String> ADMINISTRATIVE_AREAS = Set.of("/admin/", "/programme/");

	private final AuditTrail trail;

	AuditInterceptor(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
		// A form refused with the page itself and a status that says so (400, 409, 422) changed nothing, but it
		// is an attempt at a change: on the trail as refused, as one refused by a redirect is. A form shown again
		// answers 422 whoever refused it, and 409 when the state is in the way (decision 0139 and its amendment):
		// both are refused whether or not the controller said so. A 409 page that says the state is in the way
		// still showed what it holds (a letter not sent, with the conversation), as a 422 page does.
		int status = response.getStatus();
		boolean shownAgain = status == HttpStatus.UNPROCESSABLE_CONTENT.value() || status == HttpStatus.CONFLICT.value()
				&& request.getAttribute(RefusedForm.STATE_ATTRIBUTE) != null;
		boolean refused = shownAgain || status == HttpStatus.CONFLICT.value()
				|| request.getAttribute(AuditedChange.REFUSED_ATTRIBUTE) != null;
		boolean refusedAnswer = refused && response.getStatus() >= 400 && response.getStatus() < 500;
		if (ex != null || response.getStatus() >= 400 && !refusedAnswer || !(handler instanceof HandlerMethod method)) {
			return;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignedInAccount who)) {
			return;
		}
		// The route that answered, or the decoded path: the raw one let "/%61dmin/…" change things unrecorded.
		String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String path = pattern != null ? pattern
				: org.springframework.web.util.UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		Audited audited = method.getMethodAnnotation(Audited.class);
		String reason = request.getParameter("reason");
		if (audited != null && audited.value() == AuditAction.ADMINISTRATION) {
			// A change outside the administrative areas (decision 0140): recorded as theirs are, a refused one as
			// refused. The request's reason is a code of the form here, not one given for reading: not the column.
			record(request, who, AuditAction.ADMINISTRATION, trajectoryOf(request, audited.trajectory()), null, Set.of(),
					Set.of(audited.fields()), refused);
		}
		else if (audited != null) {
			// A read answered with its page again (a letter refused under the conversation) still showed what it holds.
			// A page asked for with a query it refuses (a period that cannot be counted) showed nothing: not a read.
			// So did the page a refusal's redirect led to (a note refused, decision 0139): its own GET, answered 422 or 409.
			boolean readShown = audited.value() == AuditAction.READ && (shownAgain && !"GET".equals(request.getMethod())
					&& !"HEAD".equals(request.getMethod()) || RefusedForm.statusAfterRedirect(request) != null);
			// A route that asks for a reason first showed nothing when it asked again (none given, or one too long).
			if (refusedAnswer && !readShown
					|| audited.reasonRequired() && (reason == null || reason.isBlank() || shownAgain)) {
				return;
			}
			List<UUID> shown = shown(request);
			if (Audited.SAID_BY_THE_ROUTE.equals(audited.trajectory())) {
				shown.forEach(trajectory -> record(request, who, audited.value(), trajectory, reason));
				return;
			}
			UUID named = trajectoryOf(request, audited.trajectory());
			if (named == null && !shown.isEmpty()) {
				// Something of its own in the address (a quarantined mail) that belongs to a trajectory:
				// without it, the read would be missing from that trajectory's trail.
				shown.forEach(trajectory -> record(request, who, audited.value(), trajectory, reason));
				return;
			}
			record(request, who, audited.value(), named, reason);
		}
		else if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())
				&& ADMINISTRATIVE_AREAS.stream().anyMatch(path::startsWith) && !method.hasMethodAnnotation(AuditedChange.Preview.class)) {
			// A refused form changed nothing: its values are on the trail as an attempt, not as a change.
			record(request, who, AuditAction.ADMINISTRATION, placed(request, path), null,
					HOUSE_STYLE.matcher(request.getRequestURI()).find() ? HOUSE_STYLE_PARAMETERS
							: PRIVACY_DETAILS_ROUTE.equals(path) ? Set.of() : CHANGE_PARAMETERS, refused);
		}
	}

	private void record(HttpServletRequest request, SignedInAccount who, AuditAction action, UUID trajectory,
			String reason) {
		record(request, who, action, trajectory, reason, Set.of(), false);
	}

	/**
	 * What an administrative change was, beside its address: which role was granted or taken, which
	 * trajectory a mail was added to, the settings chosen. Without them the trail said someone changed
	 * an account's roles, not that they made it an administrator. Named fields only: never a secret,
	 * never what anyone wrote.
	 */
	static final Set<String> CHANGE_PARAMETERS = Set.of("role", "grant", "trajectoryId", "coach", "certified",
			"enabled", "capacity", "specialism", "issuer", "clientId", "addressesVerified", "providerAsksSecondFactor",
			"mailMode", "retentionMonths", "weeks", "momentsPerWeek", "replyWithinDays", "employerContact", "intakeAddress",
			"open", "active", "startOn", "label", "months");

	/**
	 * A house style's colours and name (decision 0074), on its own route only: names as general as 'link' or
	 * 'header' would put any later form's field of that name on the trail unseen.
	 */
	static final Set<String> HOUSE_STYLE_PARAMETERS = Set.of("button", "buttonText", "link", "header", "headerText",
			"headerName");

	private static final Pattern HOUSE_STYLE = Pattern.compile("/house-style(/|$)");

	/**
	 * The organisation's privacy details (its name as controller and the addresses and links of its privacy
	 * contact and data protection officer) are on the trail by which fields changed, never their values: the
	 * trail keeps routes and identifiers, never content, and an address typed there may be a person's.
	 */
	private static final String PRIVACY_DETAILS_ROUTE = "/admin/organisations/{id}/privacy";

	/** The trajectory an administrative change names in its form (a quarantined mail added to it), if any. */
	/** A trajectory's address in an administrative area (a handover, a proposal): its {id} is the trajectory's. */
	private static final Pattern TRAJECTORY_ROUTE = Pattern.compile("/[a-z-]+/trajectories/\\{id}(/.*)?");

	/**
	 * The trajectory an administrative change concerns, for the trail's column (the search by trajectory reads it
	 * alone): the form's trajectoryId (a held mail added to one), else the address's {id} on a trajectory's route.
	 * From what the request is, never from the details' text: a programme named with ‘trajectoryId=…’ in it put a line on
	 * another trajectory's trail when the column was read from there.
	 */
	private static UUID placed(HttpServletRequest request, String path) {
		UUID named = trajectoryParameter(request);
		return named != null || !TRAJECTORY_ROUTE.matcher(path).matches() ? named : trajectoryOf(request, "id");
	}

	private static UUID trajectoryParameter(HttpServletRequest request) {
		String value = request.getParameter("trajectoryId");
		try {
			return value == null ? null : UUID.fromString(value);
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
	}

	private void record(HttpServletRequest request, SignedInAccount who, AuditAction action, UUID trajectory,
			String reason, Set<String> parameters, boolean refused) {
		record(request, who, action, trajectory, reason, parameters, Set.of(), refused);
	}

	private void record(HttpServletRequest request, SignedInAccount who, AuditAction action, UUID trajectory,
			String reason, Set<String> parameters, Set<String> codes, boolean refused) {
		String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String roles = who.roles().stream().sorted().map(Role::name).collect(Collectors.joining(","));
		trail.record(new AuditEntry(null, null, who.id(), who.displayName(), who.email(), roles, action,
				request.getMethod() + " " + (pattern == null ? request.getRequestURI() : pattern), trajectory,
				details(request, parameters, codes, refused), reason == null || reason.isBlank() ? null : reason.strip()));
	}

	/**
	 * The identifiers in the address, such as which attachment or which programme, and these named fields of the
	 * form; of the fields named {@code codes}, only values that are a {@link #CODE}.
	 */
	private static String details(HttpServletRequest request, Set<String> parameters, Set<String> codes, boolean refused) {
		Map<String, String> shown = new TreeMap<>(variables(request));
		if (refused) {
			shown.put("outcome", "refused");
		}
		else if (request.getAttribute(AuditedChange.ALREADY_ATTRIBUTE) != null) {
			shown.put("outcome", "already");
		}
		if (request.getAttribute(AuditedChange.MADE_ATTRIBUTE) instanceof Map<?, ?> made) {
			made.forEach((key, value) -> shown.put(String.valueOf(key), String.valueOf(value)));
		}
		if (request.getAttribute(AuditedChange.CHANGED_FIELDS_ATTRIBUTE) instanceof List<?> changed) {
			shown.put("changed", changed.isEmpty() ? "nothing"
					: changed.stream().map(String::valueOf).collect(Collectors.joining("|")));
		}
		for (String name : parameters) {
			String[] values = request.getParameterValues(name);
			if (values != null) {
				shown.put(name, String.join("|", values));
			}
		}
		for (String name : codes) {
			String[] values = request.getParameterValues(name);
			if (values != null) {
				List<String> kept = java.util.Arrays.stream(values).filter(value -> CODE.matcher(value).matches()).toList();
				if (!kept.isEmpty()) {
					shown.put(name, String.join("|", kept));
				}
			}
		}
		String details = shown.entrySet()
			.stream()
			.map(entry -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(", "));
		// The column holds a thousand characters; a long list of chosen coaches is cut, not the entry lost.
		return details.isEmpty() ? null : details.length() > 1000 ? details.substring(0, 997) + "..." : details;
	}

	/**
	 * A value of a field an {@link Audited} change names: a reason's code, a number of weeks, a day, yes or no.
	 * Anything else (words typed into a field made by hand) is left out: the trail keeps no content.
	 */
	private static final Pattern CODE = Pattern.compile("[A-Z0-9_./-]{1,40}|true|false");

	/** What the route said it showed with {@link nl.briefwissel.audit.AuditedTrajectory#shown}: one, several, or none. */
	private static List<UUID> shown(HttpServletRequest request) {
		Object shown = request.getAttribute(Audited.SHOWN_ATTRIBUTE);
		if (shown instanceof UUID one) {
			return List.of(one);
		}
		if (shown instanceof Collection<?> several) {
			return several.stream().filter(UUID.class::isInstance).map(UUID.class::cast).distinct().toList();
		}
		return List.of();
	}

	private static UUID trajectoryOf(HttpServletRequest request, String variable) {
		if (variable.isEmpty()) {
			return null;
		}
		String value = variables(request).get(variable);
		try {
			return value == null ? null : UUID.fromString(value);
		}
		catch (IllegalArgumentException notAnId) {
			return null;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> variables(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return variables instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
	}
}
