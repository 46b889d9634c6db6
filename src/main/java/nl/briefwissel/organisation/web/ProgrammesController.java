package nl.briefwissel.organisation.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.briefwissel.account.Account;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.CoachPool;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.organisation.Themes;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
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

	ProgrammesController(Programmes programmes, Themes themes, CoachPool pool, Accounts accounts) {
		this.programmes = programmes;
		this.themes = themes;
		this.pool = pool;
		this.accounts = accounts;
	}

	record NewProgramme(@NotBlank(message = "{programme.create.name.required}") @Size(max = 200,
			message = "{programme.create.name.required}") String name,
			@Email(message = "{programme.settings.intake.invalid}") @Size(max = 320) String intakeAddress) {
	}

	record NewTheme(@NotBlank(message = "{programme.themes.label.required}") @Size(max = 200) String labelNl,
			@NotBlank(message = "{programme.themes.label.required}") @Size(max = 200) String labelEn) {
	}

	@PostMapping("/programme/programmes")
	String create(@AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute NewProgramme form,
			BindingResult errors, RedirectAttributes redirect) {
		if (!errors.hasErrors() && IntakeAddressCheck.taken(programmes, form.intakeAddress(), null)) {
			redirect.addFlashAttribute("createProblem", "programme.settings.intake.taken");
			return "redirect:/programme";
		}
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("createMessages", messages(errors));
			return "redirect:/programme";
		}
		Programme programme;
		try {
			programme = programmes.create(me.organisationId(), form.name().strip(), form.intakeAddress());
		}
		catch (Programmes.IntakeAddressTakenException taken) {
			redirect.addFlashAttribute("createProblem", "programme.settings.intake.taken");
			return "redirect:/programme";
		}
		pool.set(programme.id(), accounts.coachesOf(me.organisationId()).stream().map(Account::id).toList());
		redirect.addFlashAttribute("created", programme.id());
		return "redirect:/programme";
	}

	@PostMapping("/programme/programmes/{id}/themes")
	String addTheme(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @Valid @ModelAttribute NewTheme form,
			BindingResult errors, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		if (errors.hasErrors()) {
			redirect.addFlashAttribute("themeMessages", messages(errors));
		}
		else {
			themes.add(programme.id(), form.labelNl(), form.labelEn());
			redirect.addFlashAttribute("themesSaved", programme.id());
		}
		redirect.addFlashAttribute("themesFor", programme.id());
		return "redirect:/programme";
	}

	@PostMapping("/programme/programmes/{id}/themes/{code}")
	String switchTheme(@PathVariable UUID id, @PathVariable String code, @RequestParam boolean active,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		boolean known = themes.of(programme.id()).stream().anyMatch(t -> t.code().equals(code));
		if (!known) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		if (!active && themes.active(programme.id()).size() <= 1) {
			redirect.addFlashAttribute("themeProblem", "programme.themes.lastOne");
		}
		else {
			themes.switchOn(programme.id(), code, active);
			redirect.addFlashAttribute("themesSaved", programme.id());
		}
		redirect.addFlashAttribute("themesFor", programme.id());
		return "redirect:/programme";
	}

	@PostMapping("/programme/programmes/{id}/coaches")
	String coachPool(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(name = "coach", required = false) List<UUID> chosen, RedirectAttributes redirect) {
		Programme programme = own(id, me);
		Set<UUID> ownCoaches = accounts.coachesOf(me.organisationId()).stream().map(Account::id).collect(Collectors.toSet());
		List<UUID> coaches = chosen == null ? List.of() : chosen.stream().filter(ownCoaches::contains).toList();
		pool.set(programme.id(), coaches);
		redirect.addFlashAttribute("poolSaved", programme.id());
		return "redirect:/programme";
	}

	@PostMapping("/programme/programmes/{id}/public-intake")
	String publicIntake(@PathVariable UUID id, @RequestParam boolean open, @AuthenticationPrincipal SignedInAccount me,
			RedirectAttributes redirect) {
		Programme programme = own(id, me);
		programmes.openPublicIntake(programme.id(), open);
		redirect.addFlashAttribute("linkSaved", programme.id());
		return "redirect:/programme";
	}

	private Programme own(UUID id, SignedInAccount me) {
		return programmes.byId(id)
			.filter(p -> p.organisationId().equals(me.organisationId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static List<String> messages(BindingResult errors) {
		return errors.getFieldErrors().stream().map(FieldError::getDefaultMessage).toList();
	}

	/** Whether another programme already takes in mail on this address. */
	static final class IntakeAddressCheck {

		private IntakeAddressCheck() {
		}

		static boolean taken(Programmes programmes, String address, UUID except) {
			return programmes.byIntakeAddress(address).filter(p -> !p.id().equals(except)).isPresent();
		}
	}
}
