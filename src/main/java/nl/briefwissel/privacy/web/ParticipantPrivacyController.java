package nl.briefwissel.privacy.web;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.privacy.Erasures;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The participant's own data: download everything, or ask for it to be erased. */
@Controller
class ParticipantPrivacyController {

	private final Erasures erasures;

	ParticipantPrivacyController(Erasures erasures) {
		this.erasures = erasures;
	}

	@GetMapping("/participant/privacy")
	String page(@AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("request", erasures.latestOf(me.id()).orElse(null));
		return "privacy/participant";
	}

	@PostMapping("/participant/privacy/erasure")
	String requestErasure(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "false") boolean sure,
			Model model) {
		if (!sure) {
			model.addAttribute("notSure", true);
			return page(me, model);
		}
		erasures.request(me.id());
		return "redirect:/participant/privacy?requested";
	}
}
