package nl.briefwissel;

import java.io.ObjectInputFilter;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.slf4j.Logger;

/**
 * What a Java deserialisation of ours may make (decision 0100), checked the one way every reader of ours checks it:
 * first how deep, how many and how long, then the classes the reader names, then our own records and enums. Each
 * reader keeps its own list (the session's attributes in account, the flash maps in web); this only applies one. A
 * refusal ends the reading before the class is made, and the log names the class and never a word of the value.
 * <p>
 * Our own values are records and enums only: a record is made through its canonical constructor, an enum is one of
 * its constants, so neither runs reading code of its own.
 */
public final class AllowedClasses implements ObjectInputFilter {

	/**
	 * How far one stream may go.
	 *
	 * @param depth objects nested in objects
	 * @param references objects, strings and classes in the whole stream
	 * @param elements the length of an array of objects (a list, set or map asks for the array it fills)
	 * @param bytes the length of an array of bytes, the one array of a primitive type either reader holds (a sealed
	 *        value, a number's digits): any other (an array of longs is eight bytes an element) is refused
	 */
	public record Limits(long depth, long references, long elements, long bytes) {
	}

	private final Logger log;

	private final String what;

	private final Limits limits;

	private final Set<Class<?>> classes;

	private final Set<String> names;

	private final Predicate<Class<?>> alsoAllowed;

	/**
	 * @param log where a refusal is told
	 * @param what what is read, as the log's sentence begins: {@code A session attribute}
	 * @param classes the classes the reader names
	 * @param names the JDK's own classes that are not public (what {@code List.of} or {@code Collections} write), by name
	 * @param alsoAllowed a reader's own rule beside its list (a package, a prefix); never the JDK's
	 */
	public AllowedClasses(Logger log, String what, Limits limits, Set<Class<?>> classes, Set<String> names,
			Predicate<Class<?>> alsoAllowed) {
		this.log = log;
		this.what = what;
		this.limits = limits;
		this.classes = Set.copyOf(classes);
		this.names = Set.copyOf(names);
		this.alsoAllowed = alsoAllowed;
	}

	/**
	 * The JDK's own that are not public classes, which both readers meet: a date or time is written as
	 * {@code java.time.Ser}; the immutable and unmodifiable collections of {@code Set.of}, {@code List.of},
	 * {@code Stream.toList} and {@code Collections}, whose class depends on how many elements there are (none, one
	 * or two, more), so the family is named and not only the sizes a test wrote; {@code Arrays.asList}. An
	 * immutable collection is written as its {@code CollSer}, and checked again as what that reads back as.
	 */
	private static final Set<String> JDK_BY_NAME = Set.of("java.time.Ser", "java.util.CollSer",
			"java.util.Arrays$ArrayList", "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
			"java.util.ImmutableCollections$SetN", "java.util.ImmutableCollections$Set12",
			"java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1",
			"java.util.Collections$UnmodifiableCollection", "java.util.Collections$UnmodifiableList",
			"java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$UnmodifiableSet",
			"java.util.Collections$UnmodifiableMap", "java.util.Collections$EmptyList",
			"java.util.Collections$EmptySet", "java.util.Collections$EmptyMap", "java.util.Collections$SingletonList",
			"java.util.Collections$SingletonSet", "java.util.Collections$SingletonMap");

	/** {@link #JDK_BY_NAME} and a reader's own non-public JDK classes besides. */
	public static Set<String> jdkByNameAnd(String... more) {
		Set<String> names = new java.util.HashSet<>(JDK_BY_NAME);
		names.addAll(Set.of(more));
		return Set.copyOf(names);
	}

	@Override
	public Status checkInput(FilterInfo info) {
		Class<?> type = info.serialClass();
		if (info.depth() > limits.depth() || info.references() > limits.references()
				|| info.arrayLength() > (type == byte[].class ? limits.bytes() : limits.elements())) {
			log.warn("{} goes beyond what such a value holds (depth {}, references {}, array {}), and is not read", what,
					info.depth(), info.references(), info.arrayLength());
			return Status.REJECTED;
		}
		if (type == null) {
			return Status.UNDECIDED;
		}
		if (allowed(type)) {
			return Status.ALLOWED;
		}
		// The class's name only: never a word of what the value holds.
		log.warn("{} holds a {}, which is not read", what, type.getName());
		return Status.REJECTED;
	}

	private boolean allowed(Class<?> type) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		if (element.isPrimitive()) {
			// Bytes only, one level: the limit of bytes counts elements, and no value of ours holds other numbers so.
			return type == byte[].class;
		}
		if (element != type) {
			// The arrays that a list, set or map fills as it reads its elements, which are checked each in turn.
			return element == Object.class || element == Map.Entry.class || allowed(element);
		}
		if (classes.contains(type) || names.contains(type.getName())) {
			return true;
		}
		if (type.getName().startsWith("java.") || type.getName().startsWith("javax.") || type.getName().startsWith("jdk.")
				|| type.getName().startsWith("sun.")) {
			// The JDK's own only when named: some make a hash, a look-up or a connection while they are read.
			return false;
		}
		if (alsoAllowed.test(type)) {
			return true;
		}
		return type.getName().startsWith("nl.briefwissel.") && (type.isRecord() || type.isEnum());
	}
}
