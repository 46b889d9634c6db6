package nl.briefwissel.account.web;

import nl.briefwissel.account.Role;
import nl.briefwissel.account.SecondFactors;
import nl.briefwissel.account.SignInAttempts;
import nl.briefwissel.account.SignedInAccount;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Everyone's own sign-in security: the authenticator app and the recovery codes. Changing either
 * asks for a current code, so a session left open on a shared computer cannot take them over; wrong
 * codes count towards the account's lockout as at sign-in, and the lockout ends the session.
 */
@Controller
class AccountSecurityController {

	private final SecondFactors secondFactors;

	private final SignInAttempts attempts;

	AccountSecurityController(SecondFactors secondFactors, SignInAttempts attempts) {
		this.secondFactors = secondFactors;
		this.attempts = attempts;
	}

	@GetMapping("/account/security")
	String page(@AuthenticationPrincipal SignedInAccount who, Model model) {
		model.addAttribute("status", secondFactors.status(who.id()));
		model.addAttribute("mayRemove", mayRemove(who));
		return "account/security";
	}

	@GetMapping("/account/security/app")
	String setupPage(@AuthenticationPrincipal SignedInAccount who, jakarta.servlet.http.HttpSession session, Model model) {
		if (secondFactors.status(who.id()).appConfirmed()) {
			return "redirect:/account/security";
		}
		model.addAttribute("enrolment", Enrolments.shown(secondFactors, who, session));
		model.addAttribute("action", "/account/security/app");
		return "account/code-setup";
	}

	@PostMapping("/account/security/app")
	String setup(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String code, Model model) {
		var codes = secondFactors.confirm(who.id(), code);
		if (codes.isEmpty()) {
			if (secondFactors.status(who.id()).appConfirmed()) {
				return "redirect:/account/security";
			}
			model.addAttribute("enrolment",
					secondFactors.pendingEnrolment(who).orElseGet(() -> secondFactors.startEnrolment(who)));
			model.addAttribute("action", "/account/security/app");
			model.addAttribute("codeWrong", true);
			return "account/code-setup";
		}
		model.addAttribute("codes", codes.get());
		model.addAttribute("next", "/account/security");
		return "account/recovery-codes";
	}

	@PostMapping("/account/security/recovery-codes")
	String newRecoveryCodes(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String code,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!secondFactors.verify(who.id(), code)) {
			return wrongCode(who, model.addAttribute("codeWrongAt", "codes-code"), request, response);
		}
		model.addAttribute("codes", secondFactors.newRecoveryCodes(who.id()));
		model.addAttribute("next", "/account/security");
		return "account/recovery-codes";
	}

	@PostMapping("/account/security/app/remove")
	String remove(@AuthenticationPrincipal SignedInAccount who, @RequestParam(defaultValue = "") String code,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!mayRemove(who)) {
			return "redirect:/account/security";
		}
		if (!secondFactors.verify(who.id(), code)) {
			return wrongCode(who, model.addAttribute("codeWrongAt", "remove-code"), request, response);
		}
		secondFactors.switchOff(who.id());
		return "redirect:/account/security?removed";
	}

	private String wrongCode(SignedInAccount who, Model model, HttpServletRequest request, HttpServletResponse response) {
		attempts.failed(who.id());
		if (attempts.locked(who.id())) {
			new SecurityContextLogoutHandler().logout(request, response, null);
			return "redirect:/login?locked";
		}
		return page(who, model.addAttribute("codeWrong", true));
	}

	/** Only participants may go back to signing in without an app: for everyone else it is required. */
	private static boolean mayRemove(SignedInAccount who) {
		return who.roles().stream().allMatch(role -> role == Role.PARTICIPANT);
	}
}
