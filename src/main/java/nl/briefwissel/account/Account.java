package nl.briefwissel.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A person who can sign in. Never carries the password hash. */
public record Account(UUID id, UUID organisationId, String email, String displayName, Locale language,
		Set<Role> roles, boolean enabled) {

	public Account {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/** The name a mail greets them by: its first word, as a coach's letters and the reminders do (Beste Sanne). */
	public String firstName() {
		return firstNameOf(displayName);
	}

	/**
	 * The name a mail greets someone by, or names them by inside a sentence: its first word, unless that word is no
	 * first name. An initial (J. de Vries), a title (Mw. Jansen, Dr Jones) or an infix (de Vries, van Dijk, 't Hart)
	 * gave „Beste J.” and „Heeft van een nieuwe vraag”: then the whole name. Spaces are trimmed and collapsed; empty
	 * for none, so that a greeting can fall back on one without a name.
	 */
	public static String firstNameOf(String name) {
		// Composed first: an Ö typed as O and its two dots is one letter, as it reads.
		String whole = name == null ? ""
				: Normalizer.normalize(name, Normalizer.Form.NFC).replaceAll("[\\s\\u00a0\\u2007\\u202f]+", " ").strip();
		if (whole.isEmpty()) {
			return "";
		}
		String first = whole.split(" ")[0];
		boolean noFirstName = first.codePointCount(0, first.length()) == 1 || first.contains(".")
				|| Character.isLowerCase(first.codePointAt(0)) || first.startsWith("'") || first.startsWith("\u2019")
				|| first.endsWith(",") || TITLES.contains(first.toLowerCase(Locale.ROOT))
				|| INFIXES.contains(first.toLowerCase(Locale.ROOT));
		return noFirstName ? whole : first;
	}

	/**
	 * Infixes a surname on its own begins with, capitalised so (Van Dijk, De Vries, Ten Brink; De heer Jansen): in
	 * lower case the first letter tells already.
	 */
	private static final Set<String> INFIXES = Set.of("van", "de", "den", "der", "ter", "ten", "te", "het", "op", "in",
			"vd", "v.d.");

	/** Salutations and titles written without a full stop; with one, the full stop tells already. */
	private static final Set<String> TITLES = Set.of("dhr", "mw", "mevr", "mevrouw", "meneer", "heer", "mr", "mrs",
			"ms", "miss", "mx", "sir", "dr", "drs", "ir", "ing", "prof");

	/**
	 * What is left of an erased participant (decision 0010) or a removed staff member (decision 0073): no
	 * roles to give, never a coach to choose. Told by the address the erasure left, which holds the id.
	 */
	public boolean erased() {
		return Accounts.erasedAddress(id).equals(email);
	}

	/**
	 * The message that names an erased account in the page's language; its stored name holds both
	 * languages at once. Null for an account that is not erased.
	 */
	public String erasedNameKey() {
		if (!erased()) {
			return null;
		}
		return Accounts.REMOVED_NAME.equals(displayName) ? "account.removedName" : "account.erasedName";
	}
}
