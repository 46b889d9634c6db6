package nl.briefwissel.organisation.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.AuditedChange;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;

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

/** A programme manager keeps the programme's settings: length, rhythm, reply promise, retention, mail mode. */
@Controller
class ProgrammeSettingsController {

	private final Programmes programmes;

	private final MessageSource texts;

	private final Accounts accounts;

	private final ReplyAddress replies;

	private final Validator validator;

	ProgrammeSettingsController(Programmes programmes, MessageSource texts, Accounts accounts, ReplyAddress replies,
			Validator validator) {
		this.programmes = programmes;
		this.texts = texts;
		this.accounts = accounts;
		this.replies = replies;
		this.validator = validator;
	}

	record SettingsForm(
			@NotNull(message = "{programme.settings.weeks.range}")
			@Min(value = 4, message = "{programme.settings.weeks.range}")
			@Max(value = 12, message = "{programme.settings.weeks.range}") Integer weeks,
			@NotNull(message = "{programme.settings.moments.range}")
			@Min(value = 1, message = "{programme.settings.moments.range}")
			@Max(value = 3, message = "{programme.settings.moments.range}") Integer momentsPerWeek,
			@NotNull(message = "{programme.settings.reply.range}")
			@Min(value = 1, message = "{programme.settings.reply.range}")
			@Max(value = 5, message = "{programme.settings.reply.range}") Integer replyWithinDays,
			@NotNull(message = "{programme.settings.retention.range}")
			@Min(value = 6, message = "{programme.settings.retention.range}")
			@Max(value = 120, message = "{programme.settings.retention.range}") Integer retentionMonths,
			@NotNull(message = "{programme.settings.mailMode.required}") MailMode mailMode,
			@Email(message = "{programme.settings.intake.invalid}") @Size(max = 320, message = "{programme.settings.intake.invalid}") String intakeAddress) {
	}

	/**
	 * The settings as typed, given back after a mistake. Strings, because what is not a number must come
	 * back too; and flashed, so it travels in the session, which lives in the database.
	 */
	record TypedSettings(String weeks, String momentsPerWeek, String replyWithinDays, String retentionMonths,
			String mailMode, String intakeAddress) implements Serializable {

		static TypedSettings from(Map<String, String> parameters) {
			return new TypedSettings(parameters.get("weeks"), parameters.get("momentsPerWeek"),
					parameters.get("replyWithinDays"), parameters.get("retentionMonths"), parameters.get("mailMode"),
					parameters.get("intakeAddress"));
		}
	}

	@PostMapping("/programme/programmes/{id}/settings")
	String change(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@Valid @ModelAttribute SettingsForm form, BindingResult errors, @RequestParam Map<String, String> typed,
			Locale locale, RedirectAttributes redirect) {
		Programme programme = programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		// By field, so that each sentence stands at the field it is about.
		Map<String, String> problems = new LinkedHashMap<>();
		errors.getFieldErrors()
			.forEach(error -> problems.putIfAbsent(error.getField(), error.isBindingFailure()
					? texts.getMessage(unreadable(error.getField()), null, locale) : error.getDefaultMessage()));
		if (errors.getFieldErrors().stream().anyMatch(org.springframework.validation.FieldError::isBindingFailure)) {
			// A value that is no number leaves the form unmade, and with it the check of every other field: the
			// manager fixed the one and only then met the next four. Each field is checked on its own instead.
			problems.putAll(eachOnItsOwn(typed, problems.keySet()));
		}
		if (problems.isEmpty() && replies.isPlatforms(form.intakeAddress())) {
			problems.put("intakeAddress", texts.getMessage("programme.settings.intake.platform", null, locale));
		}
		if (problems.isEmpty() && ProgrammesController.IntakeAddressCheck.taken(programmes, form.intakeAddress(), programme.id())) {
			problems.put("intakeAddress", texts.getMessage("programme.settings.intake.taken", null, locale));
		}
		if (problems.isEmpty() && ProgrammesController.IntakeAddressCheck.aPersons(accounts, form.intakeAddress())) {
			problems.put("intakeAddress", texts.getMessage("programme.settings.intake.person", null, locale));
		}
		if (problems.isEmpty()) {
			try {
				programmes.changeSettings(programme.id(), new Programmes.Settings(form.weeks(), form.momentsPerWeek(),
						form.replyWithinDays(), form.retentionMonths(), form.mailMode(), form.intakeAddress()));
			}
			catch (Programmes.IntakeAddressTakenException taken) {
				problems.put("intakeAddress", texts.getMessage("programme.settings.intake.taken", null, locale));
			}
		}
		if (!problems.isEmpty()) {
			redirect.addFlashAttribute("settingsMessages", problems);
			RefusedForm.shownAgainAfter(redirect);
			AuditedChange.refused();
			redirect.addFlashAttribute("settingsTyped", TypedSettings.from(typed));
			redirect.addFlashAttribute("settingsFor", programme.id());
		}
		else {
			redirect.addFlashAttribute("settingsSaved", programme.id());
		}
		return "redirect:/programme#settings-" + programme.id();
	}

	/**
	 * The sentence for a value that cannot be read: a number field's, or the mail mode's own (a value not in its
	 * list, from an old page or a changed form, was told to type a whole number).
	 */
	private static String unreadable(String field) {
		return "mailMode".equals(field) ? "programme.settings.mailMode.unknown" : "programme.settings.number";
	}

	/** The sentence at each field not yet said, from the form's own constraints on the value typed there. */
	private Map<String, String> eachOnItsOwn(Map<String, String> typed, java.util.Set<String> said) {
		Map<String, String> problems = new LinkedHashMap<>();
		org.springframework.beans.SimpleTypeConverter converter = new org.springframework.beans.SimpleTypeConverter();
		for (java.lang.reflect.RecordComponent field : SettingsForm.class.getRecordComponents()) {
			if (said.contains(field.getName())) {
				continue;
			}
			String value = typed.get(field.getName());
			// As the binder reads it: an emptied field is no value (and gets the field's own sentence).
			Object read;
			try {
				read = value == null || value.isBlank() ? null : converter.convertIfNecessary(value.strip(), field.getType());
			}
			catch (org.springframework.beans.TypeMismatchException notANumber) {
				problems.put(field.getName(), texts.getMessage(unreadable(field.getName()), null,
						org.springframework.context.i18n.LocaleContextHolder.getLocale()));
				continue;
			}
			validator.validateValue(SettingsForm.class, field.getName(), read)
				.stream()
				.findFirst()
				.ifPresent(violation -> problems.put(field.getName(), violation.getMessage()));
		}
		return problems;
	}
}
