package nl.briefwissel.organisation.web;

import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Where confirmations of start and completion go, for participants who agree to them. */
@Controller
class EmployerContactController {

	private final Programmes programmes;

	EmployerContactController(Programmes programmes) {
		this.programmes = programmes;
	}

	@PostMapping("/programme/programmes/{id}/employer-contact")
	String change(@PathVariable UUID id, @RequestParam(defaultValue = "") String employerContact,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		Programme programme = programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		String address = employerContact.strip();
		if (!address.isEmpty() && (address.length() > 320 || !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
			AuditedChange.refused();
			redirect.addFlashAttribute("employerContactProblem", programme.id());
			RefusedForm.shownAgainAfter(redirect);
			redirect.addFlashAttribute("employerContactTyped", employerContact); // given back to correct, not lost
			return "redirect:/programme#employer-form-" + programme.id();
		}
		programmes.changeEmployerContact(programme.id(), address);
		redirect.addFlashAttribute("employerContactSaved", programme.id());
		return "redirect:/programme#employer-form-" + programme.id();
	}
}
