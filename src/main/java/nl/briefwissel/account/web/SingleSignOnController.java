package nl.briefwissel.account.web;

import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.account.SingleSignOn;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An administrator connects their organisation's OpenID Connect provider. The page shows the
 * redirect address to register at the provider; the secret is never shown again once saved.
 */
@Controller
class SingleSignOnController {

	private final SingleSignOn singleSignOn;

	private final PublicAddress address;

	SingleSignOnController(SingleSignOn singleSignOn, PublicAddress address) {
		this.singleSignOn = singleSignOn;
		this.address = address;
	}

	/**
	 * The form as typed, given back after a mistake; flashed, so it travels in the session, which lives in
	 * the database. Without the secret: it is never written into the session nor echoed into the page.
	 */
	record TypedProvider(String label, String issuer, String clientId, boolean providerAsksSecondFactor,
			boolean addressesVerified, boolean enabled) implements Serializable {

		static TypedProvider of(SingleSignOn.Provider stored) {
			return new TypedProvider(stored.label(), stored.issuer(), stored.clientId(), stored.providerAsksSecondFactor(),
					stored.addressesVerified(), stored.enabled());
		}
	}

	@GetMapping("/admin/sign-in")
	String page(@AuthenticationPrincipal SignedInAccount me, Model model) {
		var provider = singleSignOn.of(me.organisationId());
		model.addAttribute("provider", provider.orElse(null));
		// After a mistake the flash has put the form as typed and its problems by field in the model already.
		if (!model.containsAttribute("ssoTyped")) {
			model.addAttribute("ssoTyped", provider.map(TypedProvider::of).orElse(new TypedProvider("", "", "", false, false, true)));
		}
		if (!model.containsAttribute("ssoProblems")) {
			model.addAttribute("ssoProblems", Map.of());
		}
		model.addAttribute("redirectUri", address.link("/login/oauth2/code/" + me.organisationId()).toUriString());
		return "account/single-sign-on";
	}

	@PostMapping("/admin/sign-in")
	String save(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String issuer, @RequestParam(defaultValue = "") String clientId,
			@RequestParam(defaultValue = "") String clientSecret,
			@RequestParam(defaultValue = "false") boolean providerAsksSecondFactor,
			@RequestParam(defaultValue = "false") boolean addressesVerified,
			@RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
		if (me.organisationId() == null) {
			return "redirect:/admin";
		}
		// By field (message keys), so that each sentence stands at the field it is about.
		Map<String, String> problems = new LinkedHashMap<>();
		if (label.isBlank() || label.length() > 200) {
			problems.put("label", "sso.error.label");
		}
		if (!acceptableIssuer(issuer.strip())) {
			problems.put("issuer", "sso.error.issuer");
		}
		if (clientId.isBlank() || clientId.length() > 500) {
			problems.put("clientId", "sso.error.clientId");
		}
		boolean hasSecret = singleSignOn.of(me.organisationId()).isPresent();
		if ((clientSecret.isBlank() && !hasSecret) || clientSecret.length() > 1000) {
			problems.put("clientSecret", "sso.error.clientSecret");
		}
		else if (!problems.isEmpty() && !clientSecret.isBlank()) {
			// The secret is not given back; left empty, the form would keep the stored one instead of the one typed.
			problems.put("clientSecret", "sso.error.clientSecret.again");
		}
		if (!problems.isEmpty()) {
			redirect.addFlashAttribute("ssoProblems", problems);
			AuditedChange.refused();
			RefusedForm.shownAgainAfter(redirect); // the page after it answers 422, the form again
			redirect.addFlashAttribute("ssoTyped", new TypedProvider(label, issuer, clientId, providerAsksSecondFactor, addressesVerified,
					enabled));
			return "redirect:/admin/sign-in#error-summary";
		}
		// The issuer as typed, a trailing slash included: discovery and every ID token must name exactly this
		// issuer (OpenID Connect Discovery 1.0, section 4.3), and Auth0 and Entra ID v1 publish theirs ending in one.
		singleSignOn.save(me.organisationId(), label.strip(), issuer.strip(), clientId.strip(),
				clientSecret.strip(), providerAsksSecondFactor, addressesVerified, enabled);
		return "redirect:/admin/sign-in?saved";
	}

	/** https, or plain http only to this machine (a provider for testing). */
	private static boolean acceptableIssuer(String issuer) {
		try {
			URI uri = URI.create(issuer);
			if (uri.getHost() == null || issuer.length() > 1000) {
				return false;
			}
			return "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme())
					&& ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())));
		}
		catch (IllegalArgumentException notAnAddress) {
			return false;
		}
	}
}
