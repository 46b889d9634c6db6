package nl.briefwissel.organisation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.organisation.LegalBasis;
import nl.briefwissel.organisation.Organisation;
import nl.briefwissel.organisation.Organisations;
import nl.briefwissel.organisation.PrivacyContacts;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator's page for what the public privacy statement says about an organisation as controller:
 * the name to show, where to ask about privacy, its data protection officer and its own statement. A refused
 * form comes back with every wrong field said at once and what was typed kept; the audit trail records which
 * fields each change touched, never the addresses and links themselves. The legal basis (decision 0138) is one
 * of those fields: a form from before it, which sends none, keeps the one saved.
 */
@Controller
class OrganisationPrivacyController {

	/** The form as sent; bound here, since the details' record has a second constructor binding cannot choose between. */
	record Typed(String controllerName, String email, String web, String dpoEmail, String statement, String basis) {

		PrivacyContacts.Details details(PrivacyContacts.Details saved) {
			return new PrivacyContacts.Details(controllerName, email, web, dpoEmail, statement,
					basis == null ? saved.legalBasis().name() : basis);
		}
	}

	private final Organisations organisations;

	private final PrivacyContacts contacts;

	OrganisationPrivacyController(Organisations organisations, PrivacyContacts contacts) {
		this.organisations = organisations;
		this.contacts = contacts;
	}

	@GetMapping("/admin/organisations/{id}/privacy")
	String page(@PathVariable UUID id, Model model) {
		Organisation organisation = existing(id);
		return page(model, organisation, contacts.of(id), Map.of());
	}

	@PostMapping("/admin/organisations/{id}/privacy")
	String save(@PathVariable UUID id, @ModelAttribute Typed form, Model model, RedirectAttributes redirect) {
		Organisation organisation = existing(id);
		PrivacyContacts.Details saved = contacts.of(id);
		PrivacyContacts.Details typed = form.details(saved);
		AuditedChange.changedFields(changed(saved, typed));
		Map<String, String> problems = typed.problems();
		if (!problems.isEmpty()) {
			AuditedChange.refused();
			RefusedForm.shownAgain();
			return page(model, organisation, typed, problems);
		}
		contacts.save(id, typed);
		redirect.addFlashAttribute("privacySaved", Boolean.TRUE);
		if (saved.legalBasis() != LegalBasis.CONSENT && typed.legalBasis() == LegalBasis.CONSENT) {
			// Applications sent under the earlier basis had a box that said the statement was read (decision 0138,
			// amended): the statement and the register now say consent, which those people never gave.
			redirect.addFlashAttribute("privacyToConsent", Boolean.TRUE);
		}
		return "redirect:/admin/organisations/" + id + "/privacy";
	}

	/** The fields whose value differs from what was saved, in the order of the form. */
	private static List<String> changed(PrivacyContacts.Details saved, PrivacyContacts.Details typed) {
		List<String> changed = new ArrayList<>();
		if (!saved.controllerName().equals(typed.controllerName())) {
			changed.add("controllerName");
		}
		if (!saved.email().equals(typed.email())) {
			changed.add("email");
		}
		if (!saved.web().equals(typed.web())) {
			changed.add("web");
		}
		if (!saved.dpoEmail().equals(typed.dpoEmail())) {
			changed.add("dpoEmail");
		}
		if (!saved.statement().equals(typed.statement())) {
			changed.add("statement");
		}
		if (!saved.basis().equals(typed.basis())) {
			changed.add("basis");
		}
		return changed;
	}

	private static String page(Model model, Organisation organisation, PrivacyContacts.Details typed, Map<String, String> problems) {
		model.addAttribute("organisation", organisation);
		model.addAttribute("typed", typed);
		model.addAttribute("problems", problems);
		model.addAttribute("bases", LegalBasis.values());
		return "organisation/privacy";
	}

	private Organisation existing(UUID id) {
		return organisations.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
