package nl.briefwissel.organisation.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;

import org.springframework.context.MessageSource;
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

	/** A word or phrase, not a sentence: the writing help marks it in a draft. */
	private static final int MAX_WORD_LENGTH = 60;

	/** How much of a word that is too long the sentence repeats: enough to find it in a long list. */
	private static final int SHOWN = 40;

	private final Programmes programmes;

	private final MessageSource texts;

	ProgrammeJargonController(Programmes programmes, MessageSource texts) {
		this.programmes = programmes;
		this.texts = texts;
	}

	@PostMapping("/programme/programmes/{id}/jargon")
	String change(@PathVariable UUID id, @RequestParam(defaultValue = "") String jargon,
			@AuthenticationPrincipal SignedInAccount me, Locale locale, RedirectAttributes redirect) {
		Programme programme = programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<String> words = Arrays.stream(jargon.split("[,\\n]"))
			.map(String::strip)
			.filter(word -> !word.isEmpty())
			.distinct()
			.toList();
		String problem = problem(words, locale);
		if (problem != null) {
			// Nothing is dropped without a word: the list comes back as typed, with what to change.
			AuditedChange.refused();
			redirect.addFlashAttribute("jargonProblem", programme.id());
			RefusedForm.shownAgainAfter(redirect);
			redirect.addFlashAttribute("jargonMessage", problem);
			redirect.addFlashAttribute("jargonTyped", jargon);
			return "redirect:/programme#jargon-form-" + programme.id();
		}
		programmes.changeJargon(programme.id(), words);
		redirect.addFlashAttribute("jargonSaved", programme.id());
		return "redirect:/programme#jargon-form-" + programme.id();
	}

	/** What stops the list from being stored whole, as a sentence; null when it fits. */
	private String problem(List<String> words, Locale locale) {
		var tooLong = words.stream().filter(word -> word.length() > MAX_WORD_LENGTH).findFirst();
		if (tooLong.isPresent()) {
			String word = tooLong.get();
			String shown = word.length() > SHOWN ? word.substring(0, SHOWN) + "\u2026" : word;
			return texts.getMessage("programme.jargon.error.word", new Object[] { shown, MAX_WORD_LENGTH }, locale);
		}
		if (words.size() > MAX_WORDS) {
			return texts.getMessage("programme.jargon.error.words", new Object[] { MAX_WORDS, words.size() }, locale);
		}
		int length = String.join(Programmes.JARGON_SEPARATOR, words).length();
		if (length > Programmes.JARGON_LENGTH) {
			return texts.getMessage("programme.jargon.error.length", new Object[] { Programmes.JARGON_LENGTH, length }, locale);
		}
		return null;
	}
}
