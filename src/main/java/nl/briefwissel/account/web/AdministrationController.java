package nl.briefwissel.account.web;

import nl.briefwissel.account.Accounts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The administrator's start page: everyone who can sign in, with their roles. */
@Controller
class AdministrationController {

	private final Accounts accounts;

	AdministrationController(Accounts accounts) {
		this.accounts = accounts;
	}

	@GetMapping("/admin")
	String accounts(Model model) {
		model.addAttribute("accounts", accounts.all());
		return "account/admin";
	}
}
