package nl.briefwissel.audit.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import nl.briefwissel.TypedDate;
import nl.briefwissel.audit.AuditEntry;

/**
 * One line of the trail as a data protection officer reads it: the route in words where there are words for
 * it, each detail under its own label with the people named, and the stored line itself, unchanged, beside
 * it. The trail is evidence: the words explain the line, they never stand in for it.
 *
 * @param routeKey the message that says the route in words; a route without one is shown as it is stored
 * @param details the stored details, one per field, in the order stored
 */
record TrailLine(AuditEntry entry, String routeKey, List<Detail> details) {

	/**
	 * A field of the details. labelKey: the message that names it, null for a field without one (shown by its
	 * stored name).
	 */
	record Detail(String name, String labelKey, List<Part> parts) {
	}

	/**
	 * One value of a field (a list of coaches holds several): said by a message (key), as a person's name
	 * (person), as a day in the reader's language (day), or as stored (text). text is always the stored value.
	 */
	record Part(String text, String key, String person, LocalDate day) {

		Part(String text, String key, String person) {
			this(text, key, person, null);
		}
	}

	/** Fields the trail writes whose name has words (AuditInterceptor: the address's ids, the form's named fields). */
	private static final Set<String> LABELLED = Set.of("id", "account", "coach", "intake", "code", "fileId", "attachmentId",
			"messageId", "trajectoryId", "outcome", "name", "changed", "role", "grant", "certified", "enabled", "capacity",
			"specialism", "mailMode", "retentionMonths", "weeks", "momentsPerWeek", "replyWithinDays", "employerContact",
			"intakeAddress", "open", "active", "startOn", "label", "months", "until", "fromWeeks", "pausedUntil", "confirmed");

	/** Stored values that are words of the trail's own or a form's fixed choices, not what anyone typed. */
	private static final Map<String, Map<String, String>> SAID = Map.of(
			"outcome", Map.of("refused", "audit.outcome.refused", "already", "audit.outcome.already"),
			"changed", Map.of("nothing", "audit.changed.nothing"),
			"role", Map.of("PARTICIPANT", "role.PARTICIPANT", "COACH", "role.COACH", "PROGRAMME_MANAGER",
					"role.PROGRAMME_MANAGER", "ADMINISTRATOR", "role.ADMINISTRATOR"),
			// The words the programme's settings page gives each choice: the trail said FULL_TEXT among Dutch labels.
			"mailMode", Map.of("FULL_TEXT", "programme.settings.mailMode.FULL_TEXT", "NOTIFICATION",
					"programme.settings.mailMode.NOTIFICATION"));

	/**
	 * Fields that hold a day, stored as the form sent it (2020-01-01 from a date field, 6-12-2026 typed): shown as the
	 * page shows its days, in the reader's language. What no day can be read from stays as it was typed.
	 */
	private static final Set<String> DAYS = Set.of("startOn", "until", "pausedUntil");

	private static final Set<String> YES_OR_NO = Set.of("grant", "certified", "enabled", "open", "active",
			"addressesVerified", "providerAsksSecondFactor", "confirmed");

	/**
	 * The names the trail's writers give fields: the address's variables (every route's), what a change made and
	 * changed, the form's named fields (AuditInterceptor), and the lines the application writes itself (an ending,
	 * a trajectory stopped). A new route variable or field belongs here too, or its value is read as part of the
	 * field before it.
	 */
	static final Set<String> KEYS = keys();

	/**
	 * The fields that hold a list, its values joined by {@code |}: the chosen coaches and specialisms (ids and
	 * codes) and which fields changed (names). Any other value is one value, whatever it holds, as typed.
	 */
	private static final Set<String> LISTS = Set.of("coach", "specialism", "changed");

	/**
	 * Where one field ends and the next begins: before a name the trail writes, only. A value may hold a comma
	 * and a space and what looks like a field (a programme called Talent, x=1), and is not cut there.
	 */
	private static final Pattern FIELDS = Pattern.compile(", (?=(?:" + String.join("|", KEYS.stream()
		.sorted(java.util.Comparator.comparing(String::length).reversed())
		.map(Pattern::quote)
		.toList()) + ")=)");

	private static Set<String> keys() {
		Set<String> keys = new LinkedHashSet<>(List.of("account", "attachmentId", "coach", "code", "fileId", "given", "givenId",
				"highlight", "id", "intake", "messageId", "noteId", "token", "trajectory", "trajectoryId", "outcome", "name",
				"changed", "reason", "last contact moment", "last letter or change", "silent for", "organisation",
				"participants erased", "participants kept", "accounts removed", "accounts kept"));
		keys.addAll(AuditInterceptor.CHANGE_PARAMETERS);
		keys.addAll(AuditInterceptor.HOUSE_STYLE_PARAMETERS);
		keys.addAll(LABELLED);
		return Set.copyOf(keys);
	}

	private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	/**
	 * The message that describes a stored route: {@code POST /programme/programmes/{id}/coaches} is
	 * {@code audit.route.post.programme.programmes.id.coaches}. A route stored as its address (no pattern
	 * answered) has none.
	 */
	static String routeKey(String route) {
		if (route == null || route.indexOf(' ') < 0) {
			return null;
		}
		String method = route.substring(0, route.indexOf(' '));
		String path = route.substring(route.indexOf(' ') + 1);
		return "audit.route." + method.toLowerCase(Locale.ROOT) + path.replace("{", "").replace("}", "").replace('/', '.');
	}

	/** The ids in these entries' details that may be a person's: read together, once for the page. */
	static Set<UUID> ids(Collection<AuditEntry> entries) {
		Set<UUID> ids = new LinkedHashSet<>();
		for (AuditEntry entry : entries) {
			if (entry.details() != null) {
				ID.matcher(entry.details()).results().forEach(found -> ids.add(UUID.fromString(found.group())));
			}
		}
		return ids;
	}

	/**
	 * The entry as a line to read. people: the name to show for an id (or the message that names an erased
	 * account), null for an id that is no person's.
	 */
	static TrailLine of(AuditEntry entry, Function<UUID, Part> people) {
		List<Detail> details = new ArrayList<>();
		if (entry.details() != null) {
			for (String field : FIELDS.split(entry.details())) {
				int equals = field.indexOf('=');
				if (equals < 0) {
					details.add(new Detail(field, null, List.of(new Part(field, null, null))));
					continue;
				}
				String name = field.substring(0, equals);
				String value = field.substring(equals + 1);
				List<Part> parts = new ArrayList<>();
				for (String one : value.isEmpty() || !LISTS.contains(name) ? List.of(value) : List.of(value.split("\\|", -1))) {
					parts.add(part(name, one, people));
				}
				boolean allPeople = parts.stream().allMatch(part -> part.person() != null || part.key() != null && part.key().startsWith("account."));
				String label = "id".equals(name) && allPeople ? "audit.detail.account"
						: LABELLED.contains(name) ? "audit.detail." + name : null;
				details.add(new Detail(name, label, List.copyOf(parts)));
			}
		}
		return new TrailLine(entry, routeKey(entry.route()), List.copyOf(details));
	}

	private static Part part(String name, String value, Function<UUID, Part> people) {
		String said = SAID.getOrDefault(name, Map.of()).get(value);
		if (said != null) {
			return new Part(value, said, null);
		}
		if (YES_OR_NO.contains(name) && ("true".equals(value) || "false".equals(value))) {
			return new Part(value, "audit.value." + value, null);
		}
		if (DAYS.contains(name)) {
			return new Part(value, null, null, TypedDate.read(value).orElse(null));
		}
		if (ID.matcher(value).matches()) {
			Part person = people.apply(UUID.fromString(value));
			if (person != null) {
				return person;
			}
		}
		return new Part(value, null, null);
	}
}
