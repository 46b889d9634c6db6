package nl.briefwissel.conversation.web;

import java.util.Locale;
import java.util.Optional;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.CoachProfile;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.Welcome;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The coach keeps their welcome letter and whether the daily digest comes. */
@Controller
class CoachSettingsController {

	private static final int MAX_TEMPLATE = 8000;

	private final CoachProfiles profiles;

	private final Welcome welcome;

	CoachSettingsController(CoachProfiles profiles, Welcome welcome) {
		this.profiles = profiles;
		this.welcome = welcome;
	}

	@GetMapping("/coach/settings")
	String settings(@AuthenticationPrincipal SignedInAccount me, Locale locale, Model model) {
		CoachProfile profile = profiles.of(me.id());
		model.addAttribute("profile", profile);
		// The placeholders as the page's language names them (both languages' names work in a template).
		model.addAttribute("placeholders", Welcome.placeholders(locale));
		// The field says the language of the letter it holds, which need not be the page's: an English page
		// showed the Dutch standard letter, read aloud with an English voice.
		if (model.containsAttribute("template")) {
			model.addAttribute("templateLanguage", Welcome.languageOf((String) model.getAttribute("template"), me.language()).getLanguage());
		}
		else if (profile.welcomeTemplate() != null) {
			model.addAttribute("template", profile.welcomeTemplate());
			model.addAttribute("templateLanguage", Welcome.languageOf(profile.welcomeTemplate(), me.language()).getLanguage());
		}
		else {
			model.addAttribute("template", welcome.standardTemplate(me.language()));
			model.addAttribute("templateLanguage", me.language().getLanguage());
		}
		return "conversation/coach-settings";
	}

	@PostMapping("/coach/settings")
	String save(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String welcomeTemplate,
			@RequestParam(defaultValue = "false") boolean dailyDigest, RedirectAttributes redirect) {
		// Refused at the field, as a placeholder is, with the text and the digest choice as they were.
		if (welcomeTemplate.length() > MAX_TEMPLATE) {
			redirect.addFlashAttribute("welcomeTooLong", true);
			RefusedForm.shownAgainAfter(redirect);
			redirect.addFlashAttribute("template", welcomeTemplate);
			redirect.addFlashAttribute("dailyDigest", dailyDigest);
			return "redirect:/coach/settings";
		}
		// A placeholder nothing fills in would reach every new participant in braces, as typed: refused
		// at the field, with the placeholders that work (decision 0066).
		Optional<Welcome.Braces> braces = Welcome.problemInTemplate(welcomeTemplate);
		if (braces.isPresent()) {
			if (braces.get() instanceof Welcome.Braces.Unknown unknown) {
				redirect.addFlashAttribute("unknownPlaceholder", unknown.placeholder());
			}
			else {
				redirect.addFlashAttribute("unbalancedBraces", true);
			}
			redirect.addFlashAttribute("template", welcomeTemplate);
			redirect.addFlashAttribute("dailyDigest", dailyDigest);
			RefusedForm.shownAgainAfter(redirect);
			return "redirect:/coach/settings";
		}
		// Saving the standard letter unchanged keeps following the standard (and its translations).
		String own = welcomeTemplate.replace("\r\n", "\n").strip().equals(welcome.standardTemplate(me.language()).strip()) ? null
				: welcomeTemplate.replace("\r\n", "\n");
		profiles.changeOwn(me.id(), own, dailyDigest);
		redirect.addFlashAttribute("saved", true);
		return "redirect:/coach/settings";
	}
}
