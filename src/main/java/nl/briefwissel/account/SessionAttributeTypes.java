package nl.briefwissel.account;

import java.util.Set;

import nl.briefwissel.AllowedClasses;
import org.slf4j.LoggerFactory;

/**
 * What reading a session's attributes from the database may make (decision 0100): the few JDK values a session
 * holds, Spring Security's sign-in, form token and page asked for, and our own session types. Java deserialisation
 * makes whatever class the stored bytes name and runs its reading code, so whoever could write a row of the
 * session table (a restored dump, another service's database account) could otherwise have any class of the
 * class path made, a known way to run code of one's own. A refusal ends the reading before the class is made,
 * and the attribute counts as none (a refused sign-in is no sign-in). The sealed flash maps are bytes here, and
 * are filtered once more when they are opened.
 * <p>
 * The JDK's classes are named one by one, as found by signing in every way there is (password, code, mailed link,
 * an organisation's provider, a page asked for before signing in): not its network classes, whose {@code URL}
 * asks for its host's address when a map or set asks its hash, nor anything else that acts while it is read.
 */
final class SessionAttributeTypes {

	/**
	 * The deepest attribute measured is 6 (the sign-in: context, token, account, its roles, a role, its enum); an
	 * organisation's provider's request is 4. Room for a claims map in a claim, or Spring Security wrapping one more
	 * level, and no room for sets nested in sets, whose reading takes time to the power of their depth.
	 */
	static final long MAX_DEPTH = 16;

	/** Objects, strings and classes in one attribute. */
	static final long MAX_REFERENCES = 100_000;

	/** Elements of one list, set or map (their reading asks for the array they fill). */
	static final long MAX_ELEMENTS = 100_000;

	/** The bytes of one value: the sealed flash maps, with a refused letter in them, are the largest. */
	static final long MAX_BYTES = 16L * 1024 * 1024;

	/** Ours that are no record or enum: who is signed in, or half signed in. */
	private static final Set<Class<?>> OURS = Set.of(SignedInAccount.class, PendingSecondFactor.class);

	/** The JDK's own public classes that a session holds. */
	private static final Set<Class<?>> JDK = Set.of(
			// A text, a flag, a number (an enum is written with its superclass).
			String.class, Boolean.class, Integer.class, Long.class, Short.class, Byte.class, Character.class,
			Double.class, Float.class, Number.class, Enum.class,
			// An account's id and language, a page's language; the sign-in's times and a lock's length.
			java.util.UUID.class, java.util.Locale.class, java.time.Instant.class, java.time.Duration.class,
			// Spring Security's lists, sets and maps: authorities, an authorisation request's parameters and scopes,
			// the headers and parameters of a page asked for before signing in.
			java.util.ArrayList.class, java.util.HashMap.class, java.util.LinkedHashMap.class, java.util.HashSet.class,
			java.util.LinkedHashSet.class, java.util.TreeMap.class);

	/** The JDK's own that are not public classes ({@link AllowedClasses#jdkByNameAnd}), and the order of a saved request's headers. */
	private static final Set<String> JDK_BY_NAME = AllowedClasses.jdkByNameAnd("java.lang.String$CaseInsensitiveComparator");

	/**
	 * Of Spring's own outside Security: the flash maps of a session from before they were sealed (decision 0100),
	 * still read once.
	 */
	private static final Set<String> SPRING_BY_NAME = Set.of("org.springframework.web.servlet.FlashMap",
			"org.springframework.util.LinkedMultiValueMap", "org.springframework.util.MultiValueMapAdapter");

	/**
	 * The maps and lists the JSON library under Spring Security's OpenID Connect reads a provider's claims into, were
	 * its sign-in kept (ours replaces it in the same request).
	 */
	private static final Set<String> CLAIMS_BY_NAME = Set.of("com.nimbusds.jose.shaded.gson.internal.LinkedTreeMap",
			"net.minidev.json.JSONObject", "net.minidev.json.JSONArray");

	static final AllowedClasses FILTER = new AllowedClasses(LoggerFactory.getLogger(SessionAttributeTypes.class),
			"A session attribute", new AllowedClasses.Limits(MAX_DEPTH, MAX_REFERENCES, MAX_ELEMENTS, MAX_BYTES), JDK,
			JDK_BY_NAME, SessionAttributeTypes::springOrOurs);

	private SessionAttributeTypes() {
	}

	private static boolean springOrOurs(Class<?> type) {
		String name = type.getName();
		return name.startsWith("org.springframework.security.") || SPRING_BY_NAME.contains(name)
				|| CLAIMS_BY_NAME.contains(name) || OURS.contains(type);
	}
}
