package nl.briefwissel.organisation.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.CoachProfiles;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.CoachesWithoutOrganisation;
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
import org.springframework.web.util.UriComponentsBuilder;
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

	private final CoachesWithoutOrganisation withoutOrganisation;

	private final CoachPool pools;

	CoachesController(Accounts accounts, CoachProfiles profiles, Themes themes, CoachesWithoutOrganisation withoutOrganisation,
			CoachPool pools) {
		this.accounts = accounts;
		this.profiles = profiles;
		this.themes = themes;
		this.withoutOrganisation = withoutOrganisation;
		this.pools = pools;
	}

	/**
	 * How many coaches the page shows at a time: each comes with its whole form, a checkbox per theme of
	 * the organisation, and a national programme has two hundred coaches.
	 */
	static final int PER_PAGE = 20;

	/**
	 * The coaches a search by name finds, a page at a time. After a save or a refused change the page is
	 * the one of the coach it was about, whichever page the address asks for: the card with its message
	 * or its mistakes must be on the page the redirect opens at.
	 */
	@GetMapping("/admin/coaches")
	String coaches(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String search,
			@RequestParam(required = false) String page, Model model) {
		String text = search == null ? "" : search.strip();
		// One organisation's coaches, a few hundred at most, are read anyway (matching reads them all):
		// found and paged here, so that the page of the coach a change was about can be found too.
		List<Account> found = accounts.coachesOf(me.organisationId()).stream().filter(named(text)).toList();
		Pages list = Pages.of(found.size(), PageNumber.of(page), PER_PAGE);
		Object actedOn = model.getAttribute("problemFor") != null ? model.getAttribute("problemFor") : model.getAttribute("savedFor");
		for (int i = 0; actedOn != null && i < found.size(); i++) {
			if (found.get(i).id().equals(actedOn)) {
				list = Pages.of(found.size(), i / PER_PAGE + 1, PER_PAGE);
			}
		}
		List<Account> shown = found.subList(list.offset(), (int) list.last());
		model.addAttribute("coaches", shown);
		model.addAttribute("profiles", profiles.of(shown.stream().map(Account::id).toList()));
		model.addAttribute("themes", themesOf(me.organisationId()));
		model.addAttribute("search", text);
		// Coaches of no organisation are on no organisation's page, this one included: it says so and where to act.
		model.addAttribute("withoutOrganisation", withoutOrganisation.count());
		model.addAttribute("list", list);
		return "organisation/coaches";
	}

	/** A part of the name, in any case; an empty search finds every coach. */
	private static Predicate<Account> named(String text) {
		String part = text.toLowerCase(Locale.ROOT);
		return coach -> coach.displayName().toLowerCase(Locale.ROOT).contains(part);
	}

	/**
	 * The list's address with its search, built anew. Encoded whole: a name typed with a + or braces
	 * comes back as typed, and braces would be taken for a template by the redirect.
	 */
	static String list(String search) {
		UriComponentsBuilder to = UriComponentsBuilder.fromPath("/admin/coaches");
		if (search != null && !search.isBlank()) {
			to.queryParam("search", "{search}");
		}
		return to.encode().buildAndExpand(Map.of("search", search == null ? "" : search.strip())).toUriString();
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
			@RequestParam(name = "specialism", required = false) List<String> specialisms,
			@RequestParam(required = false) String search, RedirectAttributes redirect) {
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
			RefusedForm.shownAgainAfter(redirect); // the coaches page after it answers 422, the card's form again
			redirect.addFlashAttribute("coachTyped", new TypedProfile(capacity, certified, certification, specialisms));
			return "redirect:" + list(search) + "#coach-" + coach.id();
		}
		Map<String, Theme> known = themesOf(me.organisationId());
		List<String> chosen = specialisms == null ? List.of() : specialisms.stream().filter(known::containsKey).distinct().toList();
		profiles.changeMatching(coach.id(), trajectories, certified, certification, chosen);
		redirect.addFlashAttribute("savedFor", coach.id());
		// A capacity under the places taken, or no certification, saved with a bare "Saved": the card says that the
		// coach keeps what runs and gets nothing new, which the intakes page otherwise only showed as "2 of 1 taken".
		redirect.addFlashAttribute("savedPlacesTaken", pools.placesTaken(coach.id()));
		return "redirect:" + list(search) + "#coach-" + coach.id();
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
