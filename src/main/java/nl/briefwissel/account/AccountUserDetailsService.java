package nl.briefwissel.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class AccountUserDetailsService implements UserDetailsService {

	private final Accounts accounts;

	private final SignInAttempts attempts;

	AccountUserDetailsService(Accounts accounts, SignInAttempts attempts) {
		this.accounts = accounts;
		this.attempts = attempts;
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		return accounts.byEmail(email)
			.map(account -> new SignedInAccount(account, accounts.passwordHash(account.id()).orElse(null),
					attempts.locked(account.id())))
			.orElseThrow(() -> new UsernameNotFoundException("No account for this address"));
	}
}
