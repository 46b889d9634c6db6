package nl.briefwissel.organisation.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.Role;
import nl.briefwissel.organisation.CoachesWithoutOrganisation;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator assigns an organisation to a coach who belongs to none (decision 0085): listed on the
 * organisations page, chosen on a page of the coach's own that says what they coach (counts only), and
 * confirmed on that page with the organisation named before anything changes. The change is on the audit
 * trail as every administrative change is: the route names the organisation and the coach.
 */
@Controller
class CoachesWithoutOrganisationController {

	private final CoachesWithoutOrganisation coaches;

	private final Organisations organisations;

	private final Accounts accounts;

	CoachesWithoutOrganisationController(CoachesWithoutOrganisation coaches, Organisations organisations, Accounts accounts) {
		this.coaches = coaches;
		this.organisations = organisations;
		this.accounts = accounts;
	}

	/**
	 * The coach, what they coach and the organisations to choose from: those they coach for first. With an
	 * organisation chosen, the page asks to confirm; a choice that is no organisation (any more) is said at
	 * the field, answered 422 as a refused form.
	 */
	@GetMapping("/admin/organisations/coaches/{coach}")
	String coach(@PathVariable UUID coach, @RequestParam(required = false) String organisation, Model model,
			HttpServletResponse response) {
		CoachesWithoutOrganisation.Coach found = coaches.byId(coach).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (organisation != null) {
			Optional<Organisation> chosen = organisationOf(organisation);
			if (chosen.isPresent()) {
				model.addAttribute("chosen", chosen.get());
			}
			else {
				RefusedForm.shownAgain();
				model.addAttribute("choiceProblem", "admin.coachesWithoutOrganisation.error.choice");
			}
		}
		return page(found, model);
	}

	/**
	 * Assigns the organisation. One assigned meanwhile (by another administrator) is not moved again: the
	 * page says where they are now, answered 409 as the state is in the way, not the form.
	 */
	@PostMapping("/admin/organisations/{id}/coaches/{coach}")
	String assign(@PathVariable UUID id, @PathVariable UUID coach, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		Organisation organisation = organisations.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Optional<CoachesWithoutOrganisation.Coach> without = coaches.byId(coach);
		if (without.isPresent() && coaches.assign(coach, organisation.id())) {
			// Their sessions go on: the organisation counts from their next sign-in, as a role granted does.
			redirect.addFlashAttribute("coachAssigned", nl.briefwissel.TypedName.isolated(without.get().name()) + " (" + without.get().email() + ")");
			redirect.addFlashAttribute("coachAssignedTo", organisation.name());
			return "redirect:/admin/organisations#coaches-without-organisation";
		}
		Account now = accounts.byId(coach)
			.filter(account -> account.has(Role.COACH))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		AuditedChange.refused();
		response.setStatus(HttpStatus.CONFLICT.value());
		model.addAttribute("assignedMeanwhile", nl.briefwissel.TypedName.isolated(now.displayName()) + " (" + now.email() + ")");
		model.addAttribute("assignedMeanwhileTo", Optional.ofNullable(now.organisationId()).flatMap(organisations::byId)
			.map(Organisation::name).orElse(null));
		return "organisation/coach-without-organisation";
	}

	private String page(CoachesWithoutOrganisation.Coach coach, Model model) {
		Set<UUID> theirs = coach.coachingFor().stream().map(Organisation::id).collect(Collectors.toSet());
		List<Organisation> others = organisations.all().stream().filter(o -> !theirs.contains(o.id())).toList();
		// Not "coach": the route's variable of that name is in the model of the page answering its POST.
		model.addAttribute("unassigned", coach);
		model.addAttribute("others", others);
		return "organisation/coach-without-organisation";
	}

	/** The organisation chosen, if it is one that has not ended; anything typed into the address is none. */
	private Optional<Organisation> organisationOf(String chosen) {
		try {
			return organisations.byId(UUID.fromString(chosen.strip()));
		}
		catch (IllegalArgumentException notAnId) {
			return Optional.empty();
		}
	}
}
