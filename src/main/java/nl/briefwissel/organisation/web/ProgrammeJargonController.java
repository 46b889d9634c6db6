package nl.briefwissel.organisation.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

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

/** A programme's own jargon list, which the coaches' writing help points out. */
@Controller
class ProgrammeJargonController {

	private static final int MAX_WORDS = 200;

	private final Programmes programmes;

	ProgrammeJargonController(Programmes programmes) {
		this.programmes = programmes;
	}

	@PostMapping("/programme/programmes/{id}/jargon")
	String change(@PathVariable UUID id, @RequestParam(defaultValue = "") String jargon,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		Programme programme = programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<String> words = Arrays.stream(jargon.split("[,\\n]"))
			.map(String::strip)
			.filter(word -> !word.isEmpty() && word.length() <= 60)
			.distinct()
			.limit(MAX_WORDS)
			.toList();
		programmes.changeJargon(programme.id(), words);
		redirect.addFlashAttribute("jargonSaved", programme.id());
		return "redirect:/programme#jargon-form-" + programme.id();
	}
}
