package nl.briefwissel.assignment.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.briefwissel.PageNumber;
import nl.briefwissel.Pages;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.assignment.Assignment;
import nl.briefwissel.assignment.AssignmentType;
import nl.briefwissel.assignment.Assignments;
import nl.briefwissel.assignment.CoachCards;
import nl.briefwissel.assignment.Markdown;
import nl.briefwissel.organisation.Theme;
import nl.briefwissel.organisation.Themes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The assignment library in two places: a coach searches the shared library and keeps their own
 * assignments; an administrator curates the shared library. A coach changes only their own.
 */
@Controller
class LibraryController {

	/**
	 * How many assignments the library page shows at a time: each comes with its instructions and, where
	 * it may be changed, its whole form, and the library only grows (archived ones stay on it).
	 */
	static final int PER_PAGE = 20;

	private final Assignments assignments;

	private final Themes themes;

	private final Markdown markdown;

	private final org.springframework.context.MessageSource texts;

	private final CoachCards cards;

	private final jakarta.validation.Validator validator;

	LibraryController(Assignments assignments, Themes themes, Markdown markdown, org.springframework.context.MessageSource texts,
			CoachCards cards, jakarta.validation.Validator validator) {
		this.validator = validator;
		this.texts = texts;
		this.cards = cards;
		this.assignments = assignments;
		this.themes = themes;
		this.markdown = markdown;
	}

	/**
	 * The search and page a form was sent from, carried in each form so that a saved or refused change
	 * comes back to them. The type searched for is {@code searchType}: {@code type} is the assignment's
	 * own field on the same form.
	 */
	record ListAddress(String q, String theme, String searchType, String page) {

		/**
		 * The list's address built anew from the parts, not followed: a type that is none and a page that
		 * is no number are left out. Encoded whole: a search typed with a + or braces comes back as typed,
		 * and braces would be taken for a template by the redirect.
		 */
		String to(String base) {
			UriComponentsBuilder to = UriComponentsBuilder.fromPath(base);
			Map<String, String> values = new HashMap<>();
			if (q != null && !q.isBlank()) {
				to.queryParam("q", "{q}");
				values.put("q", q.strip());
			}
			if (theme != null && !theme.isBlank()) {
				to.queryParam("theme", "{theme}");
				values.put("theme", theme.strip());
			}
			if (searchType != null && Arrays.stream(AssignmentType.values()).anyMatch(t -> t.name().equals(searchType))) {
				to.queryParam("type", searchType);
			}
			if (PageNumber.of(page) > 1) {
				to.queryParam("page", PageNumber.of(page));
			}
			return to.encode().buildAndExpand(values).toUriString();
		}
	}

	/** Sent back with a redirect after a mistake, so it travels in the session (stored in the database). */
	record Form(@NotBlank(message = "{assignments.error.title}") @Size(max = 200, message = "{assignments.error.title}")
			@nl.briefwissel.TypedName.Plain(message = "{assignments.error.title.hidden}") String title,
			@NotBlank(message = "{assignments.error.instructions}") @Size(max = 8000,
					message = "{assignments.error.instructions}") String instructions,
			@NotNull(message = "{assignments.error.type}") AssignmentType type, List<String> themes,
			@NotNull(message = "{assignments.error.minutes}") @Min(value = 1, message = "{assignments.error.minutes}") @Max(
					value = 600, message = "{assignments.error.minutes}") Integer minutes,
			@NotNull(message = "{assignments.error.language}") @Pattern(regexp = "nl|en",
					message = "{assignments.error.language}") String language,
			String deck) implements java.io.Serializable {

		/** The form as typed, to fill it again after an error; what could not be read is left empty. */
		Assignment asTyped(UUID id) {
			return new Assignment(id, null, title == null ? "" : title, instructions == null ? "" : instructions,
					type == null ? AssignmentType.values()[0] : type, themes, minutes == null ? 30 : minutes,
					Locale.forLanguageTag("en".equals(language) ? "en" : "nl"), false, chosenDeck());
		}

		/** The deck chosen, if it is one there is; kept as text so that another value is refused at its field, not as a binding failure. */
		CoachCards.Kind chosenDeck() {
			return Arrays.stream(CoachCards.Kind.values()).filter(kind -> kind.name().equals(deck)).findFirst().orElse(null);
		}

		/** A coach-cards assignment names the deck it is laid from; any other type needs none. */
		boolean deckMissing() {
			return type == AssignmentType.COACH_CARDS && chosenDeck() == null;
		}

		Assignments.Draft draft(Set<String> knownThemes) {
			return draft(knownThemes, List.of());
		}

		/**
		 * The themes ticked among those this editor knows, and the assignment's themes this editor does
		 * not know (another organisation's, on a shared assignment): not on the form, so not taken off.
		 */
		Assignments.Draft draft(Set<String> knownThemes, List<String> before) {
			List<String> chosen = java.util.stream.Stream.concat(
					themes == null ? java.util.stream.Stream.<String>empty() : themes.stream().filter(knownThemes::contains),
					before.stream().filter(code -> !knownThemes.contains(code)))
				.distinct()
				.toList();
			return new Assignments.Draft(title, instructions, type, chosen, minutes, Locale.forLanguageTag(language), chosenDeck());
		}
	}

	@GetMapping("/coach/assignments")
	String coachLibrary(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String q,
			@RequestParam(required = false) String theme, @RequestParam(required = false) AssignmentType type,
			@RequestParam(required = false) String page, Model model, Locale locale) {
		return page(model, assignments.libraryOf(me.id(), new Assignments.Search(q, theme, type), locale), PageNumber.of(page),
				"/coach/assignments", q, theme, type, me.id(), me.organisationId(), locale);
	}

	@GetMapping("/admin/assignments")
	String sharedLibrary(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) String q,
			@RequestParam(required = false) String theme, @RequestParam(required = false) AssignmentType type,
			@RequestParam(required = false) String page, Model model, Locale locale) {
		return page(model, assignments.shared(new Assignments.Search(q, theme, type), locale), PageNumber.of(page), "/admin/assignments", q,
				theme, type, null, me.organisationId(), locale);
	}

	@PostMapping("/coach/assignments")
	String addOwn(@AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute Form form, BindingResult errors,
			ListAddress from, RedirectAttributes redirect) {
		return save(null, form, errors, redirect, from.to("/coach/assignments"), () -> assignments.addOnce(me.id(), me.id(), form.draft(knownThemes(me))));
	}

	@PostMapping("/admin/assignments")
	String addShared(@AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute Form form, BindingResult errors,
			ListAddress from, RedirectAttributes redirect) {
		return save(null, form, errors, redirect, from.to("/admin/assignments"), () -> assignments.addOnce(null, me.id(), form.draft(knownThemes(me))));
	}

	@PostMapping("/coach/assignments/{id}")
	String changeOwn(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute Form form,
			BindingResult errors, ListAddress from, RedirectAttributes redirect) {
		Assignment before = own(id, me.id());
		return save(id, form, errors, redirect, from.to("/coach/assignments"),
				() -> assignments.change(id, form.draft(knownThemes(me), before.themes())));
	}

	@PostMapping("/admin/assignments/{id}")
	String changeShared(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute Form form,
			BindingResult errors, ListAddress from, RedirectAttributes redirect) {
		Assignment before = shared(id);
		return save(id, form, errors, redirect, from.to("/admin/assignments"),
				() -> assignments.change(id, form.draft(knownThemes(me), before.themes())));
	}

	@PostMapping("/coach/assignments/{id}/archive")
	String archiveOwn(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam boolean archived,
			ListAddress from, RedirectAttributes redirect) {
		own(id, me.id());
		assignments.archive(id, archived);
		redirect.addFlashAttribute("saved", archived ? "assignments.archived" : "assignments.restored");
		return "redirect:" + from.to("/coach/assignments");
	}

	@PostMapping("/admin/assignments/{id}/archive")
	String archiveShared(@PathVariable UUID id, @RequestParam boolean archived, ListAddress from, RedirectAttributes redirect) {
		shared(id);
		assignments.archive(id, archived);
		redirect.addFlashAttribute("saved", archived ? "assignments.archived" : "assignments.restored");
		return "redirect:" + from.to("/admin/assignments");
	}

	/**
	 * Saves, or shows the form again as it was typed with what is wrong: the page turns the typed form
	 * into {@code failed} (with the id of the one being changed, none for a new one) for the form it came from.
	 */
	private String save(UUID id, Form form, BindingResult errors, RedirectAttributes redirect, String back, Runnable change) {
		// A value that is not a number (minutes "abc") stops the form's own checks: a title too long went unsaid
		// until the number was mended. Checked here too, so every field's error comes at once.
		if (errors.getFieldErrors().stream().anyMatch(org.springframework.validation.FieldError::isBindingFailure)) {
			for (var violation : validator.validate(form)) {
				String field = violation.getPropertyPath().toString();
				if (!errors.hasFieldErrors(field)) {
					errors.addError(new org.springframework.validation.FieldError(errors.getObjectName(), field,
							violation.getInvalidValue(), false, null, null, violation.getMessage()));
				}
			}
		}
		if (form.deckMissing()) {
			errors.addError(new org.springframework.validation.FieldError(errors.getObjectName(), "deck", form.deck(), false, null,
					null, texts.getMessage("assignments.error.deck", null, org.springframework.context.i18n.LocaleContextHolder.getLocale())));
		}
		// The title and instructions go into the letter that gives the assignment, where nothing fills in a
		// placeholder: one saved here blocked every coach who gave it (decision 0066). Refused at its field.
		placeholders(errors, "title", form.title());
		placeholders(errors, "instructions", form.instructions());
		// The instructions are Markdown: a link to javascript: or data: or without https:// (example.nl/cv.pdf, a
		// path) is shown as its text alone, silently.
		List<String> dropped = nl.briefwissel.assignment.Markdown.droppedLinks(form.instructions());
		if (!errors.hasFieldErrors("instructions") && !dropped.isEmpty()) {
			errors.addError(new org.springframework.validation.FieldError(errors.getObjectName(), "instructions", form.instructions(),
					false, null, null, texts.getMessage("assignments.error.droppedLink",
							new Object[] { String.join(", ", dropped), dropped.size() },
							org.springframework.context.i18n.LocaleContextHolder.getLocale())));
		}
		if (errors.hasErrors()) {
			// A refused save changed nothing: the audit trail says so, as for a refused invitation.
			nl.briefwissel.AuditedChange.refused();
			// One sentence per field, in the order of the form: the summary links each to its field and the
			// field says its own (the validator's order put the language first and the title third).
			Map<String, String> byField = new java.util.LinkedHashMap<>();
			errors.getFieldErrors().stream()
				.sorted(java.util.Comparator.comparingInt(error -> formPlace(error.getField())))
				// A value that is not even a number has no message of ours: the field's own says what is wanted.
				.forEach(error -> byField.putIfAbsent(error.getField(), error.isBindingFailure()
						? texts.getMessage("assignments.error." + error.getField(), null, error.getField(),
								org.springframework.context.i18n.LocaleContextHolder.getLocale())
						: error.getDefaultMessage()));
			redirect.addFlashAttribute("formErrors", byField.values().stream().distinct().toList());
			redirect.addFlashAttribute("formFieldErrors", byField);
			// Which fields are wrong, so each is marked as such and tied to the sentences at its form.
			redirect.addFlashAttribute("formErrorFields", new java.util.HashSet<>(errors.getFieldErrors().stream()
				.map(org.springframework.validation.FieldError::getField).toList()));
			redirect.addFlashAttribute("typed", form); // the form itself: flash attributes live in the session
			if (id != null) {
				redirect.addFlashAttribute("typedFor", id);
			}
			RefusedForm.shownAgainAfter(redirect); // the library after it answers 422, the form again (decision 0139)
			return "redirect:" + back + (id == null ? "#new-errors" : "#e-" + id + "-errors");
		}
		change.run();
		redirect.addFlashAttribute("saved", "assignments.saved");
		return "redirect:" + back;
	}

	/** The fields of the assignment form from top to bottom, as fields.html lays them out. */
	private static final List<String> FORM_ORDER = List.of("title", "type", "deck", "minutes", "language", "themes", "instructions");

	private static int formPlace(String field) {
		int place = FORM_ORDER.indexOf(field);
		return place < 0 ? FORM_ORDER.size() : place;
	}

	private void placeholders(BindingResult errors, String field, String typed) {
		List<String> found = nl.briefwissel.Placeholders.in(typed);
		if (!errors.hasFieldErrors(field) && !found.isEmpty()) {
			errors.addError(new org.springframework.validation.FieldError(errors.getObjectName(), field, typed, false, null, null,
					texts.getMessage("assignments.error.placeholder." + field, new Object[] { String.join(", ", found), found.size() },
							org.springframework.context.i18n.LocaleContextHolder.getLocale())));
		}
	}

	/**
	 * One page of what the search found. A refused change comes back on the page of the assignment it is
	 * about, whichever page the redirect asked for: its typed form is shown in that assignment's card.
	 */
	private String page(Model model, List<Assignment> found, int asked, String base, String q, String theme,
			AssignmentType type, UUID editableOwner, UUID organisationId, Locale locale) {
		List<Theme> known = themes.ofOrganisation(organisationId);
		Pages list = Pages.of(found.size(), asked, PER_PAGE);
		if (model.getAttribute("typed") instanceof Form typed) {
			UUID typedFor = (UUID) model.getAttribute("typedFor");
			model.addAttribute("failed", typed.asTyped(typedFor));
			for (int i = 0; typedFor != null && i < found.size(); i++) {
				if (found.get(i).id().equals(typedFor)) {
					list = Pages.of(found.size(), i / PER_PAGE + 1, PER_PAGE);
				}
			}
		}
		List<Assignment> shown = found.subList(list.offset(), (int) list.last());
		model.addAttribute("assignments", shown);
		model.addAttribute("found", found.size());
		model.addAttribute("list", list);
		model.addAttribute("themeLabels", known.stream().collect(Collectors.toMap(Theme::code, t -> t.label(locale))));
		// Rendered here: Thymeleaf does not call beans from th:utext, and the HTML is sanitised anyway.
		model.addAttribute("instructionsHtml",
				shown.stream().collect(Collectors.toMap(Assignment::id, a -> markdown.html(a.instructions()))));
		model.addAttribute("base", base);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("theme", theme == null ? "" : theme);
		model.addAttribute("type", type);
		model.addAttribute("types", AssignmentType.values());
		model.addAttribute("decks", CoachCards.Kind.values());
		model.addAttribute("deckSize", cards.deck().size());
		model.addAttribute("themes", known);
		model.addAttribute("editableOwner", editableOwner);
		return "assignment/library";
	}

	/** The themes the editor's organisation knows: the pilot's and its programmes' own (Themes.ofOrganisation). */
	private Set<String> knownThemes(SignedInAccount me) {
		return themes.ofOrganisation(me.organisationId()).stream().map(Theme::code).collect(Collectors.toSet());
	}

	private Assignment own(UUID id, UUID coachId) {
		return assignments.byId(id)
			.filter(a -> coachId.equals(a.ownerId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private Assignment shared(UUID id) {
		return assignments.byId(id).filter(Assignment::shared).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}
}
