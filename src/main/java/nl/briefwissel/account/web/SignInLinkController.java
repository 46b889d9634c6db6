package nl.briefwissel.account.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignInLinks;
import nl.briefwissel.account.SignInSecurity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Participants sign in with a link by mail. Opening the link shows a button, and only pressing it
 * signs in: mail scanners that open every link must not use it up.
 */
@Controller
class SignInLinkController {

	private final SignInLinks links;

	private final SignInSecurity signIn;

	SignInLinkController(SignInLinks links, SignInSecurity signIn) {
		this.links = links;
		this.signIn = signIn;
	}

	@PostMapping("/login/link")
	String request(@RequestParam(defaultValue = "") String email, Model model) {
		String address = email.strip();
		if (address.length() > 320 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
			model.addAttribute("linkEmailWrong", true);
			model.addAttribute("linkEmail", address);
			RefusedForm.shownAgain();
			return "account/login";
		}
		links.request(address);
		return "redirect:/login/link/sent";
	}

	@GetMapping("/login/link/sent")
	String sent(Model model) {
		model.addAttribute("linkMinutes", links.validityMinutes());
		return "account/link-sent";
	}

	@GetMapping("/login/link")
	String confirm(@RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		// A sign-in page as the password's: a language chosen here is kept over the account's (decision 0076).
		signIn.signInPageShown(request, response);
		if (!links.isValid(token)) {
			// The back button after the sign-in opens the link again (its page is not cached): moments after it
			// signed in, as a second press of its button.
			Optional<UUID> justSignedIn = links.justSignedIn(token);
			if (justSignedIn.isPresent()) {
				return "redirect:" + signIn.afterLinkPressedAgain(justSignedIn.get());
			}
			model.addAttribute("linkMinutes", links.validityMinutes());
			return DeadLink.page("account/link-invalid", token, response);
		}
		model.addAttribute("token", token);
		return "account/link-confirm";
	}

	@PostMapping("/login/link/use")
	String use(@RequestParam(defaultValue = "") String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		model.addAttribute("linkMinutes", links.validityMinutes());
		// A second press moments after the first signed in is mostly answered before the form check
		// (SignInSecurity.linkPressedAgain); one sent at the same moment as the first finds the link used here.
		return links.use(token)
			.map(who -> "redirect:" + signIn.afterLink(who, request, response))
			.or(() -> links.justSignedIn(token).map(account -> "redirect:" + signIn.afterLinkPressedAgain(account)))
			.orElseGet(() -> DeadLink.page("account/link-invalid", token, response));
	}
}
