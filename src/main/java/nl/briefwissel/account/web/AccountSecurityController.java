package nl.briefwissel.account.web;

import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.account.PasswordChanges;
import nl.briefwissel.account.PasswordRules;
import nl.briefwissel.account.Reauthentication;
import nl.briefwissel.account.RefusedPassword;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.SignInAttempts;
import nl.briefwissel.account.SignInSecurity;
import nl.briefwissel.account.SignedInAccount;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Everyone's own account: the language of their mails, and their sign-in security: the authenticator app
 * and the recovery codes. Changing either
 * asks for a current code, so a session left open on a shared computer cannot take them over; codes,
 * the first code of a new app too, are taken and counted as at sign-in (before they are checked, and
 * none while the account is locked), and the lockout ends the session. Linking or removing an app, and
 * making new recovery codes, ask besides for a sign-in or the password within the last minutes
 * (decisions 0051 and 0054): a code proves the phone, not who holds the session, and a new app has no
 * code to ask for yet. The password is changed with the current one ({@link PasswordChanges}).
 */
@Controller
class AccountSecurityController {

	private final SecondFactors secondFactors;

	private final SignInAttempts attempts;

	private final SignInSecurity signIn;

	private final Reauthentication reauthentication;

	private final Accounts accounts;

	private final PasswordChanges passwordChanges;

	AccountSecurityController(SecondFactors secondFactors, SignInAttempts attempts, SignInSecurity signIn,
			Reauthentication reauthentication, Accounts accounts, PasswordChanges passwordChanges) {
		this.accounts = accounts;
		this.passwordChanges = passwordChanges;
		this.secondFactors = secondFactors;
		this.attempts = attempts;
		this.signIn = signIn;
		this.reauthentication = reauthentication;
	}

	/** What the password is asked for, and where the person goes once it is given. */
	enum Purpose {

		APP("/account/security/app"), REMOVE("/account/security#remove-heading"),
		CODES("/account/security#codes-heading");

		private final String next;

		Purpose(String next) {
			this.next = next;
		}

		/** Anything else than "remove" or "codes" (a changed address) is the set-up: never an address from the request. */
		static Purpose of(String then) {
			return switch (then) {
				case "remove" -> REMOVE;
				case "codes" -> CODES;
				default -> APP;
			};
		}

		public String key() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/**
	 * The new password by the rules of a reset's ({@link PasswordRules}). Never shown again: the fields of a refused form come back
	 * empty, so no password goes back to a page.
	 */
	record PasswordForm(@NotBlank(message = "{validation.password.current}") String current,
			@NotBlank(message = "{validation.password.required}") @Size(min = PasswordRules.MIN_LENGTH,
					max = PasswordRules.MAX_LENGTH, message = "{validation.password.length}") String password,
			String confirmation) {

		static PasswordForm empty() {
			return new PasswordForm("", "", "");
		}
	}

	@GetMapping("/account/security")
	String page(@AuthenticationPrincipal SignedInAccount who, HttpSession session, Model model) {
		if (!model.containsAttribute("passwordForm")) {
			model.addAttribute("passwordForm", PasswordForm.empty());
		}
		model.addAttribute("signInWay", passwordChanges.signInWay(who.id()).name());
		model.addAttribute("status", secondFactors.status(who.id()));
		model.addAttribute("mayRemove", mayRemove(who));
		model.addAttribute("recent", reauthentication.recent(session));
		// While locked every code here would end the session: the forms give way to the lock and its end.
		model.addAttribute("lock", attempts.lockOf(who.id()).orElse(null));
		model.addAttribute("mailLanguage", accounts.byId(who.id()).map(account -> account.language().getLanguage()).orElse("nl"));
		return "account/security";
	}

	/**
	 * The language of everyone's mails, staff's too: only participants could choose one (on their own page),
	 * so every mail to a coach, programme manager or administrator was Dutch. A link in a mail opens the site
	 * in this language, so the page follows the choice at once. Anything but English is Dutch.
	 */
	@PostMapping("/account/security/language")
	String mailLanguage(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String language,
			org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
		java.util.Locale chosen = "en".equals(language) ? java.util.Locale.ENGLISH : java.util.Locale.forLanguageTag("nl");
		accounts.changeLanguage(who.id(), chosen);
		redirect.addFlashAttribute("languageSaved", true);
		return "redirect:/account/security?lang=" + chosen.getLanguage() + "#language-saved";
	}

	@PostMapping("/account/security/password")
	String changePassword(@AuthenticationPrincipal SignedInAccount who,
			@Valid @ModelAttribute("passwordForm") PasswordForm form, BindingResult errors, HttpSession session,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!errors.hasFieldErrors("password") && !form.password().equals(form.confirmation())) {
			errors.rejectValue("confirmation", "validation.password.mismatch");
			// Said together: a known-bad password typed twice differently would be refused only at the next try.
			passwordChanges.refusalKey(who.id(), form.password()).ifPresent(key -> errors.rejectValue("password", key));
		}
		if (errors.hasErrors()) {
			// Nothing checked yet: a form refused for its new password costs no attempt and no hash.
			return page(who, session, model);
		}
		PasswordChanges.Outcome outcome;
		try {
			outcome = passwordChanges.change(who.id(), form.current(), form.password(), session);
		}
		catch (RefusedPassword refused) {
			// A known-bad new password, refused before the current one is checked: no attempt counted here either.
			errors.rejectValue("password", refused.messageKey());
			return page(who, session, model);
		}
		return switch (outcome) {
			case CHANGED -> "redirect:/account/security?passwordChanged#password-heading";
			// As with every code on this page: a locked account's open session goes, and the sign-in page says why.
			case LOCKED -> "redirect:" + signIn.lockedOut(who, request, response);
			case WRONG -> {
				errors.rejectValue("current", "confirm.wrong");
				yield page(who, session, model);
			}
			// The page says how this account signs in instead.
			case NO_PASSWORD -> "redirect:/account/security";
		};
	}

	@GetMapping("/account/security/app")
	String setupPage(@AuthenticationPrincipal SignedInAccount who, HttpSession session, Model model) {
		if (secondFactors.status(who.id()).appConfirmed() || attempts.locked(who.id())) {
			// Locked: no new secret (a view from another session replaced the one being set up), and the
			// security page says until when.
			return "redirect:/account/security";
		}
		if (!reauthentication.recent(session)) {
			// Nothing is made or shown before it is known who asks.
			return "redirect:/account/security/confirm?then=app";
		}
		model.addAttribute("enrolment", Enrolments.shown(secondFactors, who, session));
		model.addAttribute("action", "/account/security/app");
		return "account/code-setup";
	}

	/** The password given again, for the app's set-up or its removal; or, without one, the way to sign in again. */
	@GetMapping("/account/security/confirm")
	String confirmPage(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String then,
			Model model) {
		if (attempts.locked(who.id())) {
			return "redirect:/account/security";
		}
		return confirmPage(who, Purpose.of(then), model);
	}

	@PostMapping("/account/security/confirm")
	String confirm(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String then, HttpSession session, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Purpose purpose = Purpose.of(then);
		return switch (reauthentication.confirm(who.id(), password, session)) {
			case CONFIRMED -> "redirect:" + purpose.next;
			// As with every code on this page: a locked account's open session goes, and the sign-in page says why.
			case LOCKED -> "redirect:" + signIn.lockedOut(who, request, response);
			case WRONG -> {
				RefusedForm.shownAgain();
				yield confirmPage(who, purpose, model.addAttribute("passwordWrong", true));
			}
			case NO_PASSWORD -> confirmPage(who, purpose, model);
		};
	}

	private String confirmPage(SignedInAccount who, Purpose purpose, Model model) {
		model.addAttribute("purpose", purpose.key());
		// Who signs out to sign in again comes back here (decision 0054).
		model.addAttribute("next", purpose.next);
		model.addAttribute("hasPassword", reauthentication.hasPassword(who.id()));
		model.addAttribute("minutes", Reauthentication.RECENT.toMinutes());
		return "account/confirm";
	}

	@PostMapping("/account/security/app")
	String setup(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String code, Model model,
			HttpSession session, HttpServletRequest request, HttpServletResponse response) {
		if (!reauthentication.recent(session)) {
			// Before the code is taken: the password first, then the same secret again and a new code.
			return "redirect:/account/security/confirm?then=app";
		}
		// Nothing typed is no guess: the set-up as it was shown, told to type the code, nothing counted. Only then
		// is the set-up opened (its secret decrypted, its picture drawn): a typed code needs neither here.
		if (code.isBlank()) {
			var shown = secondFactors.pendingEnrolment(who);
			if (shown.isPresent()) {
				model.addAttribute("enrolment", shown.get());
				model.addAttribute("action", "/account/security/app");
				model.addAttribute("codeWrong", true).addAttribute("codeEmpty", true);
				RefusedForm.shownAgain();
				return "account/code-setup";
			}
		}
		// As every code on this page: a locked account's open session links no app.
		Optional<SignInAttempts.CodeAttempt> attempt = attempts.reserve(who.id());
		if (attempt.isEmpty()) {
			return "redirect:" + signIn.lockedOut(who, request, response);
		}
		var codes = secondFactors.confirm(who.id(), code);
		if (codes.isEmpty()) {
			attempts.codeWrong(attempt.get());
			if (attempt.get().locks().isPresent()) {
				return "redirect:" + signIn.lockedOut(who, request, response);
			}
			if (secondFactors.status(who.id()).appConfirmed()) {
				return "redirect:/account/security";
			}
			model.addAttribute("enrolment",
					secondFactors.pendingEnrolment(who).orElseGet(() -> secondFactors.startEnrolment(who)));
			model.addAttribute("action", "/account/security/app");
			model.addAttribute("codeWrong", true);
			RefusedForm.shownAgain();
			return "account/code-setup";
		}
		attempts.codeRight(who.id());
		model.addAttribute("codes", codes.get());
		model.addAttribute("next", "/account/security");
		return "account/recovery-codes";
	}

	@PostMapping("/account/security/recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String code,
			Model model, HttpSession session, HttpServletRequest request, HttpServletResponse response) {
		if (!reauthentication.recent(session)) {
			// New codes are a way in as much as an app is (decision 0054): the same proof first, and no code taken.
			return "redirect:/account/security/confirm?then=codes";
		}
		String refused = checked(who, code, session, model.addAttribute("codeWrongAt", "codes-code"), request, response);
		if (refused != null) {
			return refused;
		}
		model.addAttribute("codes", secondFactors.newRecoveryCodes(who.id()));
		model.addAttribute("next", "/account/security");
		return "account/recovery-codes";
	}

	@PostMapping("/account/security/app/remove")
	String remove(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String code,
			Model model, HttpSession session, HttpServletRequest request, HttpServletResponse response) {
		if (!mayRemove(who)) {
			return "redirect:/account/security";
		}
		if (!reauthentication.recent(session)) {
			return "redirect:/account/security/confirm?then=remove";
		}
		String refused = checked(who, code, session, model.addAttribute("codeWrongAt", "remove-code"), request, response);
		if (refused != null) {
			return refused;
		}
		secondFactors.removeOwn(who.id());
		return "redirect:/account/security?removed";
	}

	/**
	 * Null when the code is right; otherwise the page to show. Taken before it is checked, as at sign-in:
	 * checked first and counted after, codes sent at once from one session all passed before the fifth
	 * was counted, and a locked account's open session still had its codes checked.
	 */
	private String checked(SignedInAccount who, String code, HttpSession session, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		if (code.isBlank()) {
			// Nothing typed is no guess: not counted, and told to type the code, not that it is wrong.
			RefusedForm.shownAgain();
			return page(who, session, model.addAttribute("codeWrong", true).addAttribute("codeEmpty", true));
		}
		Optional<SignInAttempts.CodeAttempt> attempt = attempts.reserve(who.id());
		if (attempt.isEmpty()) {
			return "redirect:" + signIn.lockedOut(who, request, response);
		}
		if (secondFactors.verify(who.id(), code)) {
			attempts.codeRight(who.id());
			return null;
		}
		attempts.codeWrong(attempt.get());
		if (attempt.get().locks().isPresent()) {
			return "redirect:" + signIn.lockedOut(who, request, response);
		}
		RefusedForm.shownAgain();
		return page(who, session, model.addAttribute("codeWrong", true));
	}

	/** Only participants may go back to signing in without an app: for everyone else it is required. */
	private static boolean mayRemove(SignedInAccount who) {
		return who.roles().stream().allMatch(role -> role == Role.PARTICIPANT);
	}
}
