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
}
