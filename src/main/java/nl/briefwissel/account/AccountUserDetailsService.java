package nl.briefwissel.account;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.util.function.SingletonSupplier;

/**
 * The accounts Spring Security's password sign-in checks. Every attempt costs one password hash,
 * whoever the address belongs to: Spring hashes once for an unknown address, and checks a known one's
 * lock and roles before any hash. Without the same cost here, the time of the answer told which
 * addresses are participants of a programme (no password: no hash at all) or locked.
 */
@Service
class AccountUserDetailsService implements UserDetailsService {

	private final Accounts accounts;

	private final SignInAttempts attempts;

	private final PasswordEncoder passwords;

	/** The hash of a password nobody knows, made once when first needed (it takes a hash's time). */
	private final Supplier<String> nobodysHash;

	AccountUserDetailsService(Accounts accounts, SignInAttempts attempts, PasswordEncoder passwords) {
		this.accounts = accounts;
		this.attempts = attempts;
		this.passwords = passwords;
		this.nobodysHash = SingletonSupplier.of(() -> passwords.encode(UUID.randomUUID().toString()));
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		SignedInAccount account = accounts.byEmail(email)
			.map(found -> {
				Optional<Accounts.Credentials> credentials = accounts.credentials(found.id());
				// Signs in by link or single sign-on only: no password matches it, as one is checked.
				String hash = credentials.map(Accounts.Credentials::passwordHash).orElse(null);
				return new SignedInAccount(found, hash == null ? nobodysHash.get() : hash,
						credentials.map(Accounts.Credentials::changedAt).map(Accounts.PasswordChangedAt::new)
							.orElse(Accounts.PasswordChangedAt.NEVER),
						attempts.locked(found.id()));
			})
			.orElseThrow(() -> new UsernameNotFoundException("No account for this address"));
		if (!account.isEnabled() || !account.isAccountNonLocked()) {
			// Refused before its password is looked at: the time a password check would have taken.
			// Not an empty one: the encoder answers an empty password without hashing.
			passwords.matches("not the password", nobodysHash.get());
		}
		return account;
	}
}
