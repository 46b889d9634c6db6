package nl.briefwissel.organisation.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Theme;
import nl.briefwissel.organisation.Themes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator keeps what matching needs to know of each coach of the organisation: how many
 * trajectories they take, their certification and their specialisms (the themes of the
 * organisation's programmes).
 */
@Controller
class CoachesController {

	static final int MAX_CAPACITY = 40;

	private final Accounts accounts;

	private final CoachProfiles profiles;

	private final Themes themes;

	CoachesController(Accounts accounts, CoachProfiles profiles, Themes themes) {
		this.accounts = accounts;
		this.profiles = profiles;
		this.themes = themes;
	}

	@GetMapping("/admin/coaches")
	String coaches(@AuthenticationPrincipal SignedInAccount me, Model model) {
		List<Account> coaches = accounts.coachesOf(me.organisationId());
		model.addAttribute("coaches", coaches);
		model.addAttribute("profiles", profiles.of(coaches.stream().map(Account::id).toList()));
		model.addAttribute("themes", themesOf(me.organisationId()));
		return "organisation/coaches";
	}

	/**
	 * The profile as typed, given back after a mistake. The capacity as a String, because what is not a
	 * number must come back too; and flashed, so it travels in the session, which lives in the database.
	 */
	record TypedProfile(String capacity, boolean certified, String certification, List<String> specialisms)
			implements Serializable {

		TypedProfile {
			specialisms = specialisms == null ? List.of() : List.copyOf(specialisms);
		}
	}

	@PostMapping("/admin/coaches/{id}")
	String change(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String capacity, @RequestParam(defaultValue = "false") boolean certified,
			@RequestParam(defaultValue = "") String certification,
			@RequestParam(name = "specialism", required = false) List<String> specialisms, RedirectAttributes redirect) {
		Account coach = accounts.coachesOf(me.organisationId())
			.stream()
			.filter(c -> c.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		// By field, so that each sentence stands at the field it is about.
		Map<String, String> problems = new LinkedHashMap<>();
		Integer trajectories = wholeNumber(capacity);
		if (trajectories == null || trajectories < 0 || trajectories > MAX_CAPACITY) {
			problems.put("capacity", "coaches.error.capacity");
		}
		if (certification.length() > 200) {
			problems.put("certification", "coaches.error.certification");
		}
		if (!problems.isEmpty()) {
			redirect.addFlashAttribute("problemFor", coach.id());
			redirect.addFlashAttribute("coachProblems", problems);
			AuditedChange.refused();
			redirect.addFlashAttribute("coachTyped", new TypedProfile(capacity, certified, certification, specialisms));
			return "redirect:/admin/coaches#coach-" + coach.id();
		}
		Map<String, Theme> known = themesOf(me.organisationId());
		List<String> chosen = specialisms == null ? List.of() : specialisms.stream().filter(known::containsKey).distinct().toList();
		profiles.changeMatching(coach.id(), trajectories, certified, certification, chosen);
		redirect.addFlashAttribute("savedFor", coach.id());
		return "redirect:/admin/coaches#coach-" + coach.id();
	}

	/** The number typed, or null when it is none: the form has no browser check, so anything may come. */
	private static Integer wholeNumber(String typed) {
		try {
			return Integer.valueOf(typed.strip());
		}
		catch (NumberFormatException notANumber) {
			return null;
		}
	}

	/** Every theme of the organisation (the pilot's and its programmes' own), by code; the first label found names it. */
	private Map<String, Theme> themesOf(UUID organisationId) {
		Map<String, Theme> all = new LinkedHashMap<>();
		themes.ofOrganisation(organisationId).forEach(theme -> all.put(theme.code(), theme));
		return all;
	}
}
