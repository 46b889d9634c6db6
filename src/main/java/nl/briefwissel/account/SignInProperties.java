package nl.briefwissel.account;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard the brakes on guessing are, and how long a sign-in link works.
 *
 * @param lockoutAfter wrong passwords or codes in a row that lock an account
 * @param lockoutFor how long a locked account stays locked; a further lock of wrong codes twice as long as the one
 *        before, up to a day
 * @param requestsPerWindow sign-in, reset and link requests allowed per network address per window, and as
 *        many public intake forms
 * @param requestWindow the window of that limit
 * @param linkValidity how long a sign-in link by mail works
 * @param mailsPerAddressPerHour reset and sign-in mails sent to one address per hour at most
 * @param unthrottledAddresses network addresses never limited, such as a monitoring probe
 * @param wrongCodesUntilAdministrator wrong second-factor codes in a row that lock an account until an administrator
 *        unlocks it (NIST SP 800-63B 5.2.2: at most 100)
 * @param bindingLinkValidity how long the link works that an account's owner confirms binding it to sign-in through
 *        their organisation with (decision 0095)
 */
@ConfigurationProperties("briefwissel.sign-in")
record SignInProperties(@DefaultValue("5") int lockoutAfter, @DefaultValue("15m") Duration lockoutFor,
		@DefaultValue("30") int requestsPerWindow, @DefaultValue("5m") Duration requestWindow,
		@DefaultValue("30m") Duration linkValidity, @DefaultValue("3") int mailsPerAddressPerHour,
		Set<String> unthrottledAddresses, @DefaultValue("100") int wrongCodesUntilAdministrator,
		@DefaultValue("30m") Duration bindingLinkValidity) {

	SignInProperties {
		unthrottledAddresses = unthrottledAddresses == null ? Set.of() : Set.copyOf(unthrottledAddresses);
	}
}
