package nl.briefwissel.organisation.web;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.MailMode;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A programme manager keeps the programme's settings: length, rhythm, reply promise, retention, mail mode. */
@Controller
class ProgrammeSettingsController {

	private final Programmes programmes;

	ProgrammeSettingsController(Programmes programmes) {
		this.programmes = programmes;
	}

	record SettingsForm(@NotNull @Min(value = 4, message = "{programme.settings.weeks.range}") @Max(value = 12,
			message = "{programme.settings.weeks.range}") Integer weeks,
			@NotNull @Min(value = 1, message = "{programme.settings.moments.range}") @Max(value = 3,
					message = "{programme.settings.moments.range}") Integer momentsPerWeek,
			@NotNull @Min(value = 1, message = "{programme.settings.reply.range}") @Max(value = 5,
					message = "{programme.settings.reply.range}") Integer replyWithinDays,
			@NotNull @Min(value = 6, message = "{programme.settings.retention.range}") @Max(value = 120,
					message = "{programme.settings.retention.range}") Integer retentionMonths,
			@NotNull MailMode mailMode,
			@Email(message = "{programme.settings.intake.invalid}") @Size(max = 320) String intakeAddress) {
	}

	@PostMapping("/programme/programmes/{id}/settings")
	String change(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@Valid @ModelAttribute SettingsForm form, BindingResult errors, RedirectAttributes redirect) {
		Programme programme = programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!errors.hasErrors() && ProgrammesController.IntakeAddressCheck.taken(programmes, form.intakeAddress(), programme.id())) {
			redirect.addFlashAttribute("settingsProblem", "programme.settings.intake.taken");
			redirect.addFlashAttribute("settingsFor", programme.id());
			return "redirect:/programme";
		}
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("settingsErrors", errors.getFieldErrors().stream().map(FieldError::getCode).toList());
			redirect.addFlashAttribute("settingsMessages",
					errors.getFieldErrors().stream().map(FieldError::getDefaultMessage).toList());
			redirect.addFlashAttribute("settingsFor", programme.id());
			return "redirect:/programme";
		}
		try {
			programmes.changeSettings(programme.id(), new Programmes.Settings(form.weeks(), form.momentsPerWeek(),
					form.replyWithinDays(), form.retentionMonths(), form.mailMode(), form.intakeAddress()));
		}
		catch (Programmes.IntakeAddressTakenException taken) {
			redirect.addFlashAttribute("settingsProblem", "programme.settings.intake.taken");
			redirect.addFlashAttribute("settingsFor", programme.id());
			return "redirect:/programme";
		}
		redirect.addFlashAttribute("settingsSaved", programme.id());
		return "redirect:/programme";
	}
}
