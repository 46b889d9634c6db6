package nl.briefwissel.account.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.account.SingleSignOn;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

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

	@GetMapping("/admin/sign-in")
	String page(@AuthenticationPrincipal SignedInAccount me, Model model) {
		var provider = singleSignOn.of(me.organisationId());
		model.addAttribute("provider", provider.orElse(null));
		model.addAttribute("label", provider.map(SingleSignOn.Provider::label).orElse(""));
		model.addAttribute("issuer", provider.map(SingleSignOn.Provider::issuer).orElse(""));
		model.addAttribute("clientId", provider.map(SingleSignOn.Provider::clientId).orElse(""));
		model.addAttribute("providerAsksSecondFactor", provider.map(SingleSignOn.Provider::providerAsksSecondFactor).orElse(false));
		model.addAttribute("enabled", provider.map(SingleSignOn.Provider::enabled).orElse(true));
		return page(me, model, List.of());
	}

	@PostMapping("/admin/sign-in")
	String save(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String label,
			@RequestParam(defaultValue = "") String issuer, @RequestParam(defaultValue = "") String clientId,
			@RequestParam(defaultValue = "") String clientSecret,
			@RequestParam(defaultValue = "false") boolean providerAsksSecondFactor,
			@RequestParam(defaultValue = "false") boolean enabled, Model model) {
		if (me.organisationId() == null) {
			return "redirect:/admin";
		}
		List<String> problems = new ArrayList<>();
		if (label.isBlank() || label.length() > 200) {
			problems.add("sso.error.label");
		}
		if (!acceptableIssuer(issuer.strip())) {
			problems.add("sso.error.issuer");
		}
		if (clientId.isBlank() || clientId.length() > 500) {
			problems.add("sso.error.clientId");
		}
		boolean hasSecret = singleSignOn.of(me.organisationId()).isPresent();
		if ((clientSecret.isBlank() && !hasSecret) || clientSecret.length() > 1000) {
			problems.add("sso.error.clientSecret");
		}
		model.addAttribute("label", label);
		model.addAttribute("issuer", issuer);
		model.addAttribute("clientId", clientId);
		model.addAttribute("providerAsksSecondFactor", providerAsksSecondFactor);
		model.addAttribute("enabled", enabled);
		if (!problems.isEmpty()) {
			model.addAttribute("provider", singleSignOn.of(me.organisationId()).orElse(null));
			return page(me, model, problems);
		}
		singleSignOn.save(me.organisationId(), label.strip(), issuer.strip().replaceAll("/+$", ""), clientId.strip(),
				clientSecret.strip(), providerAsksSecondFactor, enabled);
		return "redirect:/admin/sign-in?saved";
	}

	private String page(SignedInAccount me, Model model, List<String> problems) {
		model.addAttribute("problems", problems);
		model.addAttribute("redirectUri", address.link("/login/oauth2/code/" + me.organisationId()).toUriString());
		return "account/single-sign-on";
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
