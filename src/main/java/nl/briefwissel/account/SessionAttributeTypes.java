package nl.briefwissel.account;

import java.io.ObjectInputFilter;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What reading a session's attributes from the database may make (decision 0100): the JDK's own values,
 * Spring Security's sign-in, form token and page asked for, and our own session types. Java deserialisation
 * makes whatever class the stored bytes name and runs its reading code, so whoever could write a row of the
 * session table (a restored dump, another service's database account) could otherwise have any class of the
 * class path made, a known way to run code of one's own. A refusal ends the reading before the class is made,
 * and the attribute counts as none (a refused sign-in is no sign-in). The sealed flash maps are bytes here, and
 * are filtered once more when they are opened.
 */
final class SessionAttributeTypes implements ObjectInputFilter {

	static final SessionAttributeTypes FILTER = new SessionAttributeTypes();

	/** A sign-in through an organisation (its claims, lists and maps in them) is the deepest: far below this. */
	static final long MAX_DEPTH = 64;

	/** Objects, strings and classes in one attribute. */
	static final long MAX_REFERENCES = 100_000;

	/** Elements of one list, set or map (their reading asks for the array they fill). */
	static final long MAX_ELEMENTS = 100_000;

	/** The bytes of one value: the sealed flash maps, with a refused letter in them, are the largest. */
	static final long MAX_BYTES = 16L * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(SessionAttributeTypes.class);

	/** Ours that are no record or enum: who is signed in, or half signed in. */
	private static final Set<Class<?>> OURS = Set.of(SignedInAccount.class, PendingSecondFactor.class);

	/**
	 * Of Spring's own outside Security: the flash maps of a session from before they were sealed (decision 0100),
	 * still read once.
	 */
	private static final Set<String> SPRING_BY_NAME = Set.of("org.springframework.web.servlet.FlashMap",
			"org.springframework.util.LinkedMultiValueMap", "org.springframework.util.MultiValueMapAdapter");

	/**
	 * The maps and lists the JSON library under Spring Security's OpenID Connect reads a provider's claims into,
	 * kept in the sign-in through an organisation.
	 */
	private static final Set<String> CLAIMS_BY_NAME = Set.of("com.nimbusds.jose.shaded.gson.internal.LinkedTreeMap",
			"net.minidev.json.JSONObject", "net.minidev.json.JSONArray");

	private SessionAttributeTypes() {
	}

	@Override
	public Status checkInput(FilterInfo info) {
		Class<?> type = info.serialClass();
		boolean bytes = type != null && type.isArray() && type.getComponentType().isPrimitive();
		if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES
				|| info.arrayLength() > (bytes ? MAX_BYTES : MAX_ELEMENTS)) {
			log.warn("A session attribute goes beyond what a session holds (depth {}, references {}, array {}), and is not read",
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
		log.warn("A session attribute holds a {}, which is not read", type.getName());
		return Status.REJECTED;
	}

	static boolean allowed(Class<?> type) {
		Class<?> element = type;
		while (element.isArray()) {
			element = element.getComponentType();
		}
		if (element != type) {
			return element.isPrimitive() || allowed(element);
		}
		String name = type.getName();
		if (name.startsWith("java.")) {
			// Remote objects are the one part of the JDK's own whose reading reaches out (to a registry, over the network).
			return !name.startsWith("java.rmi.");
		}
		if (name.startsWith("org.springframework.security.")) {
			return true;
		}
		if (SPRING_BY_NAME.contains(name) || CLAIMS_BY_NAME.contains(name) || OURS.contains(type)) {
			return true;
		}
		// Records are made through their canonical constructor and enums are one of their constants: neither runs
		// reading code of its own.
		return name.startsWith("nl.briefwissel.") && (type.isRecord() || type.isEnum());
	}
}
