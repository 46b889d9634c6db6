package nl.briefwissel.privacy.web;

import java.util.ArrayList;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.privacy.OrganisationEndings;

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
 * The administrator ends an organisation whose contract ended (decision 0073), on a page of its own that
 * says what goes and asks for the organisation's name typed out, as a check against ending the wrong one
 * (WCAG 3.3.4): nothing can bring it back. Linked from the organisation's page; it lives here because the
 * erasure it runs is this module's.
 */
@Controller
class OrganisationEndingController {

	private final OrganisationEndings endings;

	OrganisationEndingController(OrganisationEndings endings) {
		this.endings = endings;
	}

	@GetMapping("/admin/organisations/{id}/end")
	String page(@PathVariable UUID id, Model model) {
		model.addAttribute("ending", preview(id));
		model.addAttribute("organisationId", id);
		return "privacy/organisation-end";
	}

	/**
	 * A refusal is answered with the page itself, and a status that says it was refused (decision 0085): 409
	 * while trajectories run (the organisation's state, not the form, is in the way), 422 for a name that is
	 * not the organisation's. It answered 200, as if the page had simply been shown.
	 */
	@PostMapping("/admin/organisations/{id}/end")
	String end(@PathVariable UUID id, @RequestParam(defaultValue = "") String name, @AuthenticationPrincipal SignedInAccount me,
			Model model, RedirectAttributes redirect, HttpServletResponse response) {
		OrganisationEndings.Preview preview = preview(id);
		if (preview.unfinished().any()) {
			AuditedChange.refused();
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(id, model);
		}
		if (!same(name, preview.name())) {
			AuditedChange.refused();
			RefusedForm.shownAgain();
			model.addAttribute("nameProblem", "admin.organisations.end.error.name");
			model.addAttribute("typedName", name);
			return page(id, model);
		}
		OrganisationEndings.Ending outcome = endings.end(id, me.id());
		if (outcome instanceof OrganisationEndings.Unfinished) {
			// Something started between the page and the press: the page says what.
			AuditedChange.refused();
			response.setStatus(HttpStatus.CONFLICT.value());
			return page(id, model);
		}
		if (outcome instanceof OrganisationEndings.Ended ended) {
			redirect.addFlashAttribute("organisationEnded", ended.name());
			// Coaches who coach for several other organisations belong to none now: the list says who, to assign them.
			redirect.addFlashAttribute("leftWithoutOrganisation", new ArrayList<>(ended.coachesWithoutOrganisation()));
		}
		// Gone: another administrator ended it a moment ago; the list no longer has it either way.
		return "redirect:/admin/organisations";
	}

	/**
	 * Typed exactly as shown, capitals too (the page asks for that), whatever the spaces around it: other
	 * capitals were let through while the page said precisely.
	 */
	private static boolean same(String typed, String name) {
		return typed.strip().equals(name.strip());
	}

	private OrganisationEndings.Preview preview(UUID id) {
		return endings.preview(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
