package nl.briefwissel.web;

import nl.briefwissel.account.SignedInAccount;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each person to the start page of their role; shows the privacy and accessibility statements to anyone. */
@Controller
class HomeController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal SignedInAccount account) {
		if (account.hasNoRole()) {
			return "web/waiting-for-role";
		}
		return "redirect:" + Navigation.startPage(account.primaryRole());
	}

	@GetMapping("/accessibility")
	String accessibility() {
		return "web/accessibility";
	}

	@GetMapping("/privacy")
	String privacy() {
		return "web/privacy";
	}
}
