package nl.briefwissel.account;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Someone who gave the right password or used a sign-in link and still owes their code. Carries
 * no role, so no page of any area opens for it; only the code page does.
 */
final class PendingSecondFactor extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	static final String AUTHORITY = "SECOND_FACTOR_PENDING";

	private final SignedInAccount account;

	PendingSecondFactor(SignedInAccount account) {
		super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
		this.account = account;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return null;
	}

	@Override
	public SignedInAccount getPrincipal() {
		return account;
	}
}
