package nl.briefwissel.account;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What is needed to register a person. A null password means they cannot sign in with one yet: the application's
 * own paths give none and mail an invitation, where the person chooses theirs ({@link PasswordResets}). A password
 * given here is one nobody chose (a test's or a seed's) and is not held to {@link PasswordRules}.
 */
public record NewAccount(UUID organisationId, String email, String displayName, Locale language, Set<Role> roles,
		String password) {
}
