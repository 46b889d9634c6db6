package nl.briefwissel.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import nl.briefwissel.account.SignInSecurity;
import nl.briefwissel.account.SingleSignOnLinks;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The owner of an account confirms that it may be bound to sign-in through their organisation (decision 0095),
 * with the link mailed to it. Opening the link shows a button and changes nothing (mail scanners open every
 * link); only pressing it binds, and only in the browser that signed in through the provider.
 */
@Controller
class SingleSignOnLinkController {

	private final SingleSignOnLinks links;

	private final SignInSecurity signIn;

	SingleSignOnLinkController(SingleSignOnLinks links, SignInSecurity signIn) {
		this.links = links;
		this.signIn = signIn;
	}

	@GetMapping("/login/organisation/sent")
	String sent(HttpSession session, Model model) {
		if (!(session.getAttribute(SignInSecurity.BINDING_ADDRESS) instanceof String address)) {
			return "redirect:/login";
		}
		model.addAttribute("address", address);
		model.addAttribute("linkMinutes", links.validityMinutes());
		return "account/sso-link-sent";
	}

	@GetMapping("/login/organisation/link")
	String confirm(@RequestParam(required = false) String token, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		// A sign-in page as the other links': a language chosen here is kept over the account's (decision 0076).
		signIn.signInPageShown(request, response);
		model.addAttribute("linkMinutes", links.validityMinutes());
		var described = links.describe(token);
		if (described.isEmpty()) {
			return "account/sso-link-invalid";
		}
		if (!signIn.askedHere(token, request)) {
			return "account/sso-link-other-browser";
		}
		model.addAttribute("token", token);
		model.addAttribute("connection", described.get().connection());
		// Who the provider said this is, and which provider (decision 0101): a sign-in the operator drove this
		// browser through shows the operator's user here.
		model.addAttribute("binding", described.get());
		return "account/sso-link-confirm";
	}

	@PostMapping("/login/organisation/link/use")
	String use(@RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		model.addAttribute("linkMinutes", links.validityMinutes());
		if (!signIn.askedHere(token, request)) {
			// Not used up: the browser that asked for it may still press it.
			return links.describe(token).isPresent() ? "account/sso-link-other-browser" : "account/sso-link-invalid";
		}
		SingleSignOnLinks.Confirmation confirmation;
		try {
			confirmation = links.confirm(token);
		}
		catch (DataIntegrityViolationException twoAtOnce) {
			// The subject was bound to another account at the same moment: one subject finds one account.
			return "redirect:/login?sso=failed";
		}
		if (confirmation instanceof SingleSignOnLinks.Confirmation.Bound bound) {
			return "redirect:" + signIn.afterBinding(bound.account(), bound.organisationId(), request, response);
		}
		if (confirmation instanceof SingleSignOnLinks.Confirmation.Refused refused) {
			return "redirect:/login?sso=" + refused.reason();
		}
		return "account/sso-link-invalid";
	}
}
