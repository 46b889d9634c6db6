package nl.briefwissel.web;

import java.util.List;

import nl.briefwissel.account.SignedInAccount;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
	String accessibility(Model model) {
		return statement(model, "accessibility", List.of("standard", "tested", "known", "status", "contact"));
	}

	@GetMapping("/privacy")
	String privacy(Model model) {
		return statement(model, "privacy", List.of("who", "what", "why", "see", "mail", "keep", "rights"));
	}

	private static String statement(Model model, String prefix, List<String> parts) {
		model.addAttribute("prefix", prefix);
		model.addAttribute("parts", parts);
		return "web/statement";
	}
}
