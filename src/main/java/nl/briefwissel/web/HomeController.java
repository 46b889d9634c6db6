package nl.briefwissel.web;

import java.util.List;

import nl.briefwissel.account.SignedInAccount;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Sends each person to the start page of their role; shows the accessibility statement to anyone (the privacy statement is the privacy module's). */
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

	private static String statement(Model model, String prefix, List<String> parts) {
		model.addAttribute("prefix", prefix);
		model.addAttribute("parts", parts);
		return "web/statement";
	}
}
