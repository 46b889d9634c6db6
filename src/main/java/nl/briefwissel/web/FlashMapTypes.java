package nl.briefwissel.web;

import java.util.Set;

import nl.briefwissel.AllowedClasses;
import org.slf4j.LoggerFactory;

/**
 * What reading the session's flash maps may make (decision 0100): the few kinds of value that a flash attribute
 * really holds, and nothing else. The sealed value opens only with our key, but Java deserialisation makes
 * whatever class a stream names and runs its own reading code; a value damaged, or forged by someone who once
 * had a key, must not be able to make any other class of the class path. A refusal ends the reading before the
 * class is made; the flash maps then count as none.
 * <p>
 * Besides the classes named here, our own records and enums ({@link AllowedClasses}). A class of ours of any
 * other kind is refused, so a new flash attribute of such a class shows up at once as a lost message and a
 * warning naming the class.
 */
final class FlashMapTypes {

	/** A flash map in the list, a record in it, a list or map in that: far below this. */
	static final long MAX_DEPTH = 24;

	/**
	 * Elements of one list, set or map (their reading asks for the array they fill): a list of names of an
	 * organisation's coaches is the longest a flash attribute holds.
	 */
	static final long MAX_ARRAY = 10_000;

	/** Objects, strings and classes in the whole value, at most five flash maps. */
	static final long MAX_REFERENCES = 50_000;

	private static final Set<Class<?>> ALLOWED = Set.of(
			// Spring's flash map itself, and the parameters a map is meant for.
			org.springframework.web.servlet.FlashMap.class, org.springframework.util.LinkedMultiValueMap.class,
			org.springframework.util.MultiValueMapAdapter.class,
			// What a flash attribute holds: a flag, a number, a text, an id, a time, or a few of them together.
			String.class, Boolean.class, Integer.class, Long.class, Short.class, Byte.class, Character.class,
			Double.class, Float.class, Number.class, Enum.class, java.math.BigDecimal.class,
			java.math.BigInteger.class, java.util.UUID.class, java.util.Locale.class,
			java.util.ArrayList.class, java.util.LinkedList.class, java.util.HashMap.class,
			java.util.LinkedHashMap.class, java.util.HashSet.class, java.util.LinkedHashSet.class,
			// A date or time: written as java.time.Ser, which reads back only as one of these values.
			java.time.Instant.class, java.time.Duration.class, java.time.Period.class, java.time.LocalDate.class,
			java.time.LocalTime.class, java.time.LocalDateTime.class, java.time.OffsetTime.class,
			java.time.OffsetDateTime.class, java.time.ZonedDateTime.class, java.time.ZoneOffset.class,
			java.time.Year.class, java.time.YearMonth.class, java.time.MonthDay.class, java.time.DayOfWeek.class,
			java.time.Month.class);

	/** The JDK's own that are not public classes ({@link AllowedClasses#jdkByNameAnd}), and a time's zone by its name. */
	private static final Set<String> ALLOWED_BY_NAME = AllowedClasses.jdkByNameAnd("java.time.ZoneRegion");

	static final AllowedClasses FILTER = new AllowedClasses(LoggerFactory.getLogger(SealedFlashMaps.class),
			"The sealed value of a session's flash messages",
			new AllowedClasses.Limits(MAX_DEPTH, MAX_REFERENCES, MAX_ARRAY, MAX_ARRAY), ALLOWED, ALLOWED_BY_NAME,
			type -> false);

	private FlashMapTypes() {
	}
}
