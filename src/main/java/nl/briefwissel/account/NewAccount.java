package nl.briefwissel.account;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** What is needed to register a person. A null password means they cannot sign in with one yet. */
public record NewAccount(UUID organisationId, String email, String displayName, Locale language, Set<Role> roles,
		String password) {
}
