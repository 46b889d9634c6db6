package nl.briefwissel.account;

/**
 * Accounts that sign in with their password alone although their role asks for a second factor.
 * Only the evaluation default provides one (its four demo accounts); production has none, so every
 * coach, programme manager and administrator there needs an authenticator app.
 */
public interface SecondFactorExemption {

	boolean covers(String email);
}
