package nl.briefwissel.writing.web;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.writing.WritingTrends;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A coach's own writing trends. Only ever the signed-in coach's figures. */
@Controller
class WritingTrendsController {

	private final WritingTrends trends;

	WritingTrendsController(WritingTrends trends) {
		this.trends = trends;
	}

	@GetMapping("/coach/writing")
	String trends(@AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("weeks", trends.of(me.id(), 12));
		return "writing/trends";
	}
}
