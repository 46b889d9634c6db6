package nl.briefwissel.privacy.web;

import java.util.Locale;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.privacy.ProcessingRegister;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The register of processing, for the administrator and the privacy officer they show it to. */
@Controller
class ProcessingRegisterController {

	private final ProcessingRegister register;

	ProcessingRegisterController(ProcessingRegister register) {
		this.register = register;
	}

	@GetMapping("/admin/processing")
	String page(@AuthenticationPrincipal SignedInAccount me, Locale locale, Model model) {
		model.addAttribute("register", register.of(me.organisationId(), locale));
		return "privacy/register";
	}
}
