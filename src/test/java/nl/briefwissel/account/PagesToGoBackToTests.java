package nl.briefwissel.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The one check on a page to go back to after signing in (SignInSecurity): named by a link to the sign-in page
 * ({@code /login?next=}), by the sign-out form ({@code next}), and read again when the sign-in uses it. A path
 * the routes would read as another one (decoded, its dot segments resolved) is refused, not read so.
 */
class PagesToGoBackToTests {

	private static final SignedInAccount PARTICIPANT = new SignedInAccount(new Account(UUID.randomUUID(), null,
			"deelnemer@example.nl", "Deelnemer", Locale.forLanguageTag("nl"), Set.of(Role.PARTICIPANT), true), null,
			Accounts.PasswordChangedAt.NEVER, false);

	/** Written so that the routes read another page, or another site, or with a live token: never kept. */
	private static final List<String> REFUSED = List.of("/%61dmin", "/participant/%2e%2e/admin", "/participant/../admin",
			"/participant/./conversation", "//evil.example", "//evil.example/participant", "/participant//conversation",
			"/participant;x", "/participant;jsessionid=x/conversation", "/participant\\conversation", "/\\evil.example",
			"/participant/conversation?token=abc", "/participant/conversation?resetToken=abc", "/participant#x;y",
			"https://evil.example/participant", "participant/conversation", "", " /participant");

	@Test
	void aPageWrittenToBeReadAsAnotherIsRefusedEverywhere() {
		for (String path : REFUSED) {
			assertThat(SignInSecurity.returnableAfterSignIn(path)).as(path).isFalse();
			assertThat(SignInSecurity.returnableAfterSignOut(path)).as(path).isFalse();
			assertThat(SignInSecurity.ofTheirRoles(path, PARTICIPANT)).as(path).isFalse();
		}
		assertThat(SignInSecurity.returnableAfterSignIn(null)).isFalse();
		assertThat(SignInSecurity.returnableAfterSignOut(null)).isFalse();
	}

	@Test
	void aPlainPageOfTheirOwnAreaIsTaken() {
		for (String path : List.of("/participant", "/participant/conversation", "/participant/conversation?page=2")) {
			assertThat(SignInSecurity.returnableAfterSignIn(path)).as(path).isTrue();
			assertThat(SignInSecurity.returnableAfterSignOut(path)).as(path).isTrue();
			assertThat(SignInSecurity.ofTheirRoles(path, PARTICIPANT)).as(path).isTrue();
		}
	}

	@Test
	void aPageOfAnotherRolesAreaIsNotTheirs() {
		for (String path : List.of("/admin", "/coach/writing", "/programme/x", "/admin#x")) {
			assertThat(SignInSecurity.ofTheirRoles(path, PARTICIPANT)).as(path).isFalse();
		}
		// A page that only starts like an area is in none: "/administration" is not "/admin".
		assertThat(SignInSecurity.returnableAfterSignIn("/administration")).isFalse();
	}

	/**
	 * The sign-in page takes only a page of a role's area as written. The sign-out form of someone without a
	 * password names the account page that asked, perhaps at a heading (decision 0054): that too, and no more.
	 */
	@Test
	void signingOutMayNameAnAccountPageAtAHeadingTheSignInPageMayNot() {
		for (String path : List.of("/account/security/app", "/account/security#codes-heading",
				"/account/security#remove-heading")) {
			assertThat(SignInSecurity.returnableAfterSignIn(path)).as(path).isFalse();
			assertThat(SignInSecurity.returnableAfterSignOut(path)).as(path).isTrue();
			assertThat(SignInSecurity.ofTheirRoles(path, PARTICIPANT)).as(path).isTrue();
		}
		for (String path : List.of("/", "/logout", "/login", "/password/reset", "/error", "/account/../admin",
				"/account/security#a b", "/account/security#x#y", "/participant/conversation#", "/accounts")) {
			assertThat(SignInSecurity.returnableAfterSignOut(path)).as(path).isFalse();
			assertThat(SignInSecurity.ofTheirRoles(path, PARTICIPANT)).as(path).isFalse();
		}
	}
}
