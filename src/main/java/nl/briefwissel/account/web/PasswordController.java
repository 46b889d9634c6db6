package nl.briefwissel.account.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.briefwissel.account.PasswordResets;
import nl.briefwissel.account.PasswordRules;
import nl.briefwissel.account.RefusedPassword;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Forgot your password? Request a link by mail, then choose a new password (invited: a first one, by the same link). */
@Controller
class PasswordController {

	private final PasswordResets resets;

	PasswordController(PasswordResets resets) {
		this.resets = resets;
	}

	record ForgotForm(@NotBlank(message = "{validation.email.required}") @Email(
			message = "{validation.email.invalid}") @Size(max = 320, message = "{validation.email.invalid}") String email) {
	}

	record ResetForm(String token,
			@NotBlank(message = "{validation.password.required}") @Size(min = PasswordRules.MIN_LENGTH,
					max = PasswordRules.MAX_LENGTH, message = "{validation.password.length}") String password,
			String confirmation) {
	}

	@GetMapping("/password/forgot")
	String forgot(Model model) {
		model.addAttribute("form", new ForgotForm(""));
		return "account/password-forgot";
	}

	@PostMapping("/password/forgot")
	String requestLink(@Valid @ModelAttribute("form") ForgotForm form, BindingResult errors,
			RedirectAttributes redirect) {
		if (errors.hasErrors()) {
			return "account/password-forgot";
		}
		resets.request(form.email());
		redirect.addFlashAttribute("sentTo", form.email());
		return "redirect:/password/sent";
	}

	@GetMapping("/password/sent")
	String sent() {
		return "account/password-sent";
	}

	@GetMapping("/password/reset")
	String resetForm(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
		if (!resets.isValid(token)) {
			return DeadLink.page("account/password-link-invalid", token, response);
		}
		model.addAttribute("form", new ResetForm(token, "", ""));
		return page(token, model);
	}

	@PostMapping("/password/reset")
	String reset(@Valid @ModelAttribute("form") ResetForm form, BindingResult errors, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		if (!errors.hasFieldErrors("password") && !form.password().equals(form.confirmation())) {
			errors.rejectValue("confirmation", "validation.password.mismatch");
			// Said together: a known-bad password typed twice differently would be refused only at the next try.
			resets.refusalKey(form.token(), form.password()).ifPresent(key -> errors.rejectValue("password", key));
		}
		if (errors.hasErrors()) {
			return refused(form, model, response);
		}
		// Asked before the password is set, which ends the question.
		boolean first = resets.choosesFirstPassword(form.token());
		try {
			if (!resets.reset(form.token(), form.password())) {
				return DeadLink.page("account/password-link-invalid", form.token(), response);
			}
		}
		catch (RefusedPassword refused) {
			// A known-bad password, by the rules the reset holds every choice to: said at the field, the link kept.
			errors.rejectValue("password", refused.messageKey());
			return refused(form, model, response);
		}
		redirect.addAttribute(first ? "passwordSet" : "reset", "");
		return "redirect:/login";
	}

	/**
	 * The form again with what was wrong, answered 422 as every refused form is (decision 0139; the link still
	 * works), or the link's own page once it no longer works.
	 */
	private String refused(ResetForm form, Model model, HttpServletResponse response) {
		if (!resets.isValid(form.token())) {
			return DeadLink.page("account/password-link-invalid", form.token(), response);
		}
		return page(form.token(), model);
	}

	/** The form, worded for a first password when the link's account has none yet (an invitation's). */
	private String page(String token, Model model) {
		model.addAttribute("firstPassword", resets.choosesFirstPassword(token));
		return "account/password-reset";
	}
}
