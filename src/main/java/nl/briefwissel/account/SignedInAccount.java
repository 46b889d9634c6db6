package nl.briefwissel.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The person behind the current request. Controllers of every module take it as a
 * {@code @AuthenticationPrincipal} to check ownership; it holds no content and, after sign-in,
 * no password hash.
 */
public final class SignedInAccount implements UserDetails, CredentialsContainer {

	// Kept in the session table between requests (Spring Session JDBC).
	private static final long serialVersionUID = 1L;

	private final UUID id;

	private final UUID organisationId;

	private final String email;

	private final String displayName;

	private final Locale language;

	private final Set<Role> roles;

	private final boolean enabled;

	private final boolean locked;

	private String passwordHash;

	/**
	 * When the account's password last changed, as read at this sign-in (null: never since V97). Read with the hash,
	 * or in the transaction that took a sign-in link, so a change saved meanwhile is newer than what the session keeps.
	 */
	private final Instant passwordChangedAt;

	SignedInAccount(Account account, String passwordHash, Accounts.PasswordChangedAt passwordChangedAt, boolean locked) {
		this.id = account.id();
		this.organisationId = account.organisationId();
		this.email = account.email();
		this.displayName = account.displayName();
		this.language = account.language();
		this.roles = account.roles();
		this.enabled = account.enabled();
		this.locked = locked;
		this.passwordHash = passwordHash;
		this.passwordChangedAt = passwordChangedAt.at();
	}

	/** When the account's password last changed as this sign-in read it ({@link SessionLifetime}). */
	Accounts.PasswordChangedAt passwordChangedAt() {
		return new Accounts.PasswordChangedAt(passwordChangedAt);
	}

	public UUID id() {
		return id;
	}

	public UUID organisationId() {
		return organisationId;
	}

	public String email() {
		return email;
	}

	public String displayName() {
		return displayName;
	}

	public Locale language() {
		return language;
	}

	public Set<Role> roles() {
		return roles;
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	/** Someone whose organisation's provider created their account, waiting for an administrator to grant a role. */
	public boolean hasNoRole() {
		return roles.isEmpty();
	}

	/** The role whose start page this person lands on; administrators before managers before coaches. */
	public Role primaryRole() {
		return roles.stream().sorted().findFirst().orElseThrow();
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		List<GrantedAuthority> authorities = roles.stream()
			.sorted()
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority()))
			.toList();
		return authorities;
	}

	@Override
	public String getPassword() {
		return passwordHash;
	}

	@Override
	public String getUsername() {
		return email;
	}

	@Override
	public boolean isEnabled() {
		return enabled && !roles.isEmpty();
	}

	/** Locked after too many wrong passwords or codes; Spring Security refuses the password then. */
	@Override
	public boolean isAccountNonLocked() {
		return !locked;
	}

	@Override
	public void eraseCredentials() {
		passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SignedInAccount that && that.id.equals(id);
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}

	@Override
	public String toString() {
		return "SignedInAccount[" + id + "]";
	}
}
