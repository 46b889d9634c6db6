package nl.briefwissel.account;

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

	/** The first word of a name; empty for none. */
	public static String firstNameOf(String name) {
		String whole = name == null ? "" : name.strip();
		return whole.isEmpty() ? "" : whole.split("\\s+")[0];
	}

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
