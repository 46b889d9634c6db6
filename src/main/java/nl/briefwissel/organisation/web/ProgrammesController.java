package nl.briefwissel.organisation.web;

import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.briefwissel.TypedName;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A programme manager creates programmes and keeps each one's themes, coach pool and public
 * intake link. Every change is limited to the manager's own organisation.
 */
@Controller
class ProgrammesController {

	private final Programmes programmes;

	private final Themes themes;

	private final CoachPool pool;

	private final Accounts accounts;

	private final MessageSource texts;

	private final ReplyAddress replies;

	ProgrammesController(Programmes programmes, Themes themes, CoachPool pool, Accounts accounts, MessageSource texts,
			ReplyAddress replies) {
		this.programmes = programmes;
		this.themes = themes;
		this.pool = pool;
		this.accounts = accounts;
		this.texts = texts;
		this.replies = replies;
	}

	/** Given back as typed after a mistake, so it travels in the session (stored in the database). */
	record NewProgramme(@NotBlank(message = "{programme.create.name.missing}") @Size(max = 200,
			message = "{programme.create.name.required}") @TypedName.Plain String name,
			@Email(message = "{programme.settings.intake.invalid}") @Size(max = 320, message = "{programme.settings.intake.invalid}") String intakeAddress,
			String mailMode)
			implements Serializable {

		/**
		 * The mode chosen, or none when none was posted (a page from before the choice was on it): the domain's
		 * default then, a notification with a link (decision 0142). Read here rather than bound as a {@link MailMode}:
		 * a value the binder cannot read leaves the whole form unmade, and with it the name and address typed.
		 */
		MailMode chosenMailMode() {
			return Arrays.stream(MailMode.values()).filter(mode -> mode.name().equals(mailMode)).findFirst().orElse(null);
		}

		/** A value posted that is not in the list (a changed form): refused at the field, nothing made. */
		boolean unknownMailMode() {
			return mailMode != null && !mailMode.isEmpty() && chosenMailMode() == null;
		}
	}

	/** Given back as typed after a mistake, so it travels in the session (stored in the database). */
	record NewTheme(@NotBlank(message = "{programme.themes.labelNl.required}") @Size(max = 200, message = "{programme.themes.labelNl.required}")
			@TypedName.Plain(message = "{programme.themes.label.hidden}") String labelNl,
			@NotBlank(message = "{programme.themes.labelEn.required}") @Size(max = 200, message = "{programme.themes.labelEn.required}")
			@TypedName.Plain(message = "{programme.themes.label.hidden}") String labelEn)
			implements Serializable {
	}

	/**
	 * The form carries an id of its own: a second press of the same form (a double click, a browser
	 * sending it again) lands on the programme the first made, rather than making another.
	 */
	@PostMapping("/programme/programmes")
	String create(@AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute NewProgramme form,
			BindingResult errors, @RequestParam(name = "creation", required = false) String creation, Locale locale,
			RedirectAttributes redirect) {
		String formId = formId(creation);
		Map<String, String> problems = messages(errors);
		// Each field's checks beside the other's, so that all that is wrong is said at once (the form's summary). The
		// programme an earlier press of this very form made is not "taken": a double click lands on it (create).
		UUID earlier = programmes.madeBy(formId).orElse(null);
		if (!problems.containsKey("name") && programmes.nameTaken(me.organisationId(), form.name().strip(), earlier)) {
			problems.put("name", texts.getMessage("programme.create.name.taken", null, locale));
		}
		if (!problems.containsKey("intakeAddress") && replies.isPlatforms(form.intakeAddress())) {
			problems.put("intakeAddress", texts.getMessage("programme.settings.intake.platform", null, locale));
		}
		// The database decides as well (its unique index): two forms for one address at once both pass this.
		if (!problems.containsKey("intakeAddress") && IntakeAddressCheck.taken(programmes, form.intakeAddress(), earlier)) {
			problems.put("intakeAddress", texts.getMessage("programme.settings.intake.taken", null, locale));
		}
		if (!problems.containsKey("intakeAddress") && IntakeAddressCheck.aPersons(accounts, form.intakeAddress())) {
			problems.put("intakeAddress", texts.getMessage("programme.settings.intake.person", null, locale));
		}
		if (form.unknownMailMode()) {
			problems.put("mailMode", texts.getMessage("programme.settings.mailMode.unknown", null, locale));
		}
		Programmes.Creation made = null;
		if (problems.isEmpty()) {
			try {
				made = programmes.create(me.organisationId(), form.name().strip(), form.intakeAddress(), form.chosenMailMode(),
						formId);
			}
			catch (Programmes.IntakeAddressTakenException taken) {
				problems.put("intakeAddress", texts.getMessage("programme.settings.intake.taken", null, locale));
			}
			catch (Programmes.NameTakenException taken) {
				problems.put("name", texts.getMessage("programme.create.name.taken", null, locale));
			}
			catch (Programmes.OrganisationEndedException ended) {
				problems.put("name", texts.getMessage("programme.create.organisation.ended", null, locale));
			}
		}
		if (made == null) {
			redirect.addFlashAttribute("createMessages", problems);
			AuditedChange.refused();
			RefusedForm.shownAgainAfter(redirect); // the programme page after it answers 422, the form again
			redirect.addFlashAttribute("createTyped", form);
			return "redirect:/programme#new-programme";
		}
		Programme programme = made.programme();
		AuditedChange.made(programme.id(), programme.name());
		if (made.madeBefore()) {
			AuditedChange.already(); // the second press of a double click: on the trail as that, not as a second programme
		}
		else {
			// The first press gave the pool its coaches; a pool changed since is not reset by a late second press.
			pool.set(programme.id(), accounts.coachesOf(me.organisationId()).stream().map(Account::id).toList());
		}
		redirect.addFlashAttribute("created", programme.id());
		return "redirect:/programme#programme-" + programme.id();
	}

	/** The form's id as typed by no one: anything but letters, digits and dashes of a sensible length counts as none. */
	private static String formId(String posted) {
		return posted != null && posted.matches("[A-Za-z0-9-]{16,64}") ? posted : null;
	}

	@PostMapping("/programme/programmes/{id}/themes")
	String addTheme(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute NewTheme form,
			BindingResult errors, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("themeMessages", messages(errors));
			RefusedForm.shownAgainAfter(redirect);
			AuditedChange.refused();
			redirect.addFlashAttribute("themeTyped", form);
		}
		else {
			if (themes.add(programme.id(), form.labelNl(), form.labelEn()).addedBefore()) {
				AuditedChange.already(); // the second press of a double click: on the trail as that, not as a second theme
			}
			redirect.addFlashAttribute("themesSaved", programme.id());
		}
		redirect.addFlashAttribute("themesFor", programme.id());
		return "redirect:/programme#themes-" + programme.id();
	}

	@PostMapping("/programme/programmes/{id}/themes/{code}")
	String switchTheme(@PathVariable UUID id, @PathVariable String code, @RequestParam boolean active,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		boolean known = themes.of(programme.id()).stream().anyMatch(t -> t.code().equals(code));
		if (!known) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (themes.switchOn(programme.id(), code, active)) {
			redirect.addFlashAttribute("themesSaved", programme.id());
		}
		else {
			AuditedChange.refused();
			redirect.addFlashAttribute("themeProblem", "programme.themes.lastOne");
			RefusedForm.shownAgainAfter(redirect);
		}
		redirect.addFlashAttribute("themesFor", programme.id());
		return "redirect:/programme#themes-" + programme.id();
	}

	@PostMapping("/programme/programmes/{id}/coaches")
	String coachPool(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(name = "coach", required = false) List<UUID> chosen, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		// The form offers the organisation's own coaches and whoever is in the pool already: a coach of no
		// organisation (decision 0085) or of another stays unless unticked, and is never added from here.
		Set<UUID> offered = accounts.coachesOf(me.organisationId()).stream().map(Account::id).collect(Collectors.toSet());
		offered.addAll(pool.of(programme.id()));
		List<UUID> coaches = chosen == null ? List.of() : chosen.stream().filter(offered::contains).toList();
		if (coaches.isEmpty() && (programme.publicIntake() || pool.anyoneWaiting(programme.id()))) {
			// "Saved" left a programme in which nobody who applied or waits could be proposed to anyone; with
			// the link closed and nobody waiting, a programme winding down may still be left without coaches.
			AuditedChange.refused();
			redirect.addFlashAttribute("poolProblemFor", programme.id());
			RefusedForm.shownAgainAfter(redirect);
			return "redirect:/programme#coaches-" + programme.id();
		}
		pool.set(programme.id(), coaches);
		redirect.addFlashAttribute("poolSaved", programme.id());
		return "redirect:/programme#coaches-" + programme.id();
	}

	@PostMapping("/programme/programmes/{id}/public-intake")
	String publicIntake(@PathVariable UUID id, @RequestParam boolean open, @AuthenticationPrincipal SignedInAccount me,
			RedirectAttributes redirect) {
		Programme programme = own(id, me);
		programmes.openPublicIntake(programme.id(), open);
		redirect.addFlashAttribute("linkSaved", programme.id());
		return "redirect:/programme#link-" + programme.id();
	}

	private Programme own(UUID id, SignedInAccount me) {
		return programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	/** What is wrong, by field, so that each sentence stands at the field it is about; flashed, so a map of strings. */
	private static Map<String, String> messages(BindingResult errors) {
		Map<String, String> byField = new LinkedHashMap<>();
		errors.getFieldErrors().forEach(error -> byField.putIfAbsent(error.getField(), error.getDefaultMessage()));
		return byField;
	}

	/** Whether another programme already takes in mail on this address. */
	static final class IntakeAddressCheck {

		private IntakeAddressCheck() {
		}

		static boolean taken(Programmes programmes, String address, UUID except) {
			return programmes.byIntakeAddress(address).filter(p -> !p.id().equals(except)).isPresent();
		}

		/**
		 * The address of someone who uses Briefwissel (a coach's, a participant's): as an intake address
		 * their mail would be taken in as applications (in the evaluation default, their mailbox emptied
		 * into the platform's) and their replies would never reach a conversation.
		 */
		static boolean aPersons(Accounts accounts, String address) {
			return address != null && !address.isBlank() && accounts.byEmail(address).isPresent();
		}
	}
}
