package nl.briefwissel.account.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.SignInAttempts;
import nl.briefwissel.account.SignInSecurity;
import nl.briefwissel.account.SignedInAccount;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in: the code from the authenticator app (or a recovery code), and
 * setting up the app the first time a coach, programme manager or administrator signs in.
 */
@Controller
class SecondFactorController {

	private final SignInSecurity signIn;

	private final SecondFactors secondFactors;

	private final SignInAttempts attempts;

	SecondFactorController(SignInSecurity signIn, SecondFactors secondFactors, SignInAttempts attempts) {
		this.signIn = signIn;
		this.secondFactors = secondFactors;
		this.attempts = attempts;
	}

	@GetMapping("/login/code")
	String codePage() {
		Optional<SignedInAccount> who = signIn.pending();
		if (who.isEmpty()) {
			return "redirect:/";
		}
		if (!secondFactors.status(who.get().id()).appConfirmed()) {
			return "redirect:/login/code/setup";
		}
		return "account/code";
	}

	@PostMapping("/login/code")
	String code(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<SignedInAccount> who = signIn.pending();
		if (who.isEmpty()) {
			return "redirect:/";
		}
		// Nothing typed is no guess: not counted, and told to type the code, not that it is wrong.
		if (code.isBlank()) {
			model.addAttribute("codeWrong", true).addAttribute("codeEmpty", true);
			RefusedForm.shownAgain();
			return "account/code";
		}
		// A locked account takes no code at all: every session waiting for one would otherwise be one
		// more guess past the lockout. The attempt is taken before the code is checked, so codes sent at
		// once count one by one.
		Optional<SignInAttempts.CodeAttempt> attempt = attempts.reserve(who.get().id());
		if (attempt.isEmpty()) {
			return "redirect:" + signIn.lockedOut(who.get(), request, response);
		}
		if (secondFactors.verify(who.get().id(), code)) {
			attempts.codeRight(who.get().id());
			return "redirect:" + signIn.complete(who.get(), request, response);
		}
		attempts.codeWrong(attempt.get());
		if (attempt.get().locks().isPresent()) {
			return "redirect:" + signIn.lockedOut(who.get(), request, response);
		}
		model.addAttribute("codeWrong", true);
		RefusedForm.shownAgain();
		return "account/code";
	}

	@GetMapping("/login/code/setup")
	String setupPage(jakarta.servlet.http.HttpSession session, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<SignedInAccount> who = signIn.pending();
		if (who.isEmpty()) {
			return "redirect:/";
		}
		if (secondFactors.status(who.get().id()).appConfirmed()) {
			return "redirect:/login/code";
		}
		if (attempts.locked(who.get().id())) {
			// No new secret for a locked account (a page view from another session replaced the one being set
			// up), and no set-up to finish: this sign-in ends as it would at its next code, and says why.
			return "redirect:" + signIn.lockedOut(who.get(), request, response);
		}
		model.addAttribute("enrolment", Enrolments.shown(secondFactors, who.get(), session));
		model.addAttribute("action", "/login/code/setup");
		firstSignIn(model, who.get());
		return "account/code-setup";
	}

	@PostMapping("/login/code/setup")
	String setup(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<SignedInAccount> who = signIn.pending();
		if (who.isEmpty()) {
			return "redirect:/";
		}
		// Nothing typed is no guess (as at the code step): the set-up as it was shown, told to type the code. Only
		// then is the set-up opened (its secret decrypted, its picture drawn): a typed code needs neither here.
		if (code.isBlank()) {
			var shown = secondFactors.pendingEnrolment(who.get());
			if (shown.isPresent()) {
				model.addAttribute("enrolment", shown.get());
				model.addAttribute("action", "/login/code/setup");
				firstSignIn(model, who.get());
				model.addAttribute("codeWrong", true).addAttribute("codeEmpty", true);
				RefusedForm.shownAgain();
				return "account/code-setup";
			}
		}
		// Taken and counted as at the code step: someone with the password of an account without an app
		// gets no more guesses here than there, and a locked account finishes no set-up (decision 0048).
		Optional<SignInAttempts.CodeAttempt> attempt = attempts.reserve(who.get().id());
		if (attempt.isEmpty()) {
			return "redirect:" + signIn.lockedOut(who.get(), request, response);
		}
		var codes = secondFactors.confirm(who.get().id(), code);
		if (codes.isEmpty()) {
			attempts.codeWrong(attempt.get());
			if (attempt.get().locks().isPresent()) {
				return "redirect:" + signIn.lockedOut(who.get(), request, response);
			}
			if (secondFactors.status(who.get().id()).appConfirmed()) {
				// Set up meanwhile in another browser: its code, as at any sign-in.
				return "redirect:/login/code";
			}
			model.addAttribute("enrolment", secondFactors.pendingEnrolment(who.get())
				.orElseGet(() -> secondFactors.startEnrolment(who.get())));
			model.addAttribute("action", "/login/code/setup");
			firstSignIn(model, who.get());
			model.addAttribute("codeWrong", true);
			RefusedForm.shownAgain();
			return "account/code-setup";
		}
		attempts.codeRight(who.get().id());
		model.addAttribute("codes", codes.get());
		model.addAttribute("next", signIn.complete(who.get(), request, response));
		return "account/recovery-codes";
	}

	/**
	 * Why this role signs in with a code. Coaches work with participants' words; managers and administrators never
	 * see them (and were told they did), but do see and keep personal data and who has access to what.
	 */
	private static void firstSignIn(Model model, SignedInAccount who) {
		model.addAttribute("firstSignIn", true);
		model.addAttribute("worksWithWords", who.has(Role.COACH));
	}
}
