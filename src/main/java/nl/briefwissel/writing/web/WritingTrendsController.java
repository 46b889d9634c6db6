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
		var weeks = trends.of(me.id(), 12);
		model.addAttribute("weeks", weeks);
		// A column per language the coach wrote in: the two scores are on scales of their own (WritingTrends.Week).
		model.addAttribute("dutch", weeks.stream().anyMatch(week -> week.readabilityDutch() != null));
		model.addAttribute("english", weeks.stream().anyMatch(week -> week.readabilityEnglish() != null));
		return "writing/trends";
	}
}
