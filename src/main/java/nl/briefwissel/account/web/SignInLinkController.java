package nl.briefwissel.account.web;

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
		return links.use(token)
			.map(who -> "redirect:" + signIn.afterLink(who, request, response))
			.orElseGet(() -> DeadLink.page("account/link-invalid", token, response));
	}
}
