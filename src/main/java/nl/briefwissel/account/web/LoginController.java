package nl.briefwissel.account.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SessionLifetime;
import nl.briefwissel.account.SignInAttempts;
import nl.briefwissel.account.SignInSecurity;

import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	private final SignInAttempts attempts;

	private final SessionLifetime lifetime;

	private final SignInSecurity signIn;

	LoginController(SignInAttempts attempts, SessionLifetime lifetime, SignInSecurity signIn) {
		this.attempts = attempts;
		this.lifetime = lifetime;
		this.signIn = signIn;
	}

	@GetMapping("/login")
	String login(Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		if (authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated()) {
			return "redirect:/";
		}
		signIn.signInPageShown(request, response);
		// The password form refused, after Spring Security's redirect: the same words and title whether the address
		// has an account or not. A page of its own GET, so 200 (decision 0139); its title says "Fout: " all the same.
		// So are a sign-in refused by the brakes or by the organisation's provider, and a form sent with a field empty.
		if (request.getParameter("error") != null || request.getParameter("locked") != null
				|| request.getParameter("throttled") != null || request.getParameter("sso") != null) {
			RefusedForm.titledShownAgain(model);
		}
		// A field left empty (SignInSecurity.emptyFieldsFirst): said at that field, which has the focus, the first
		// of the two when both are empty.
		String empty = request.getParameter("empty");
		boolean emailEmpty = "email".equals(empty) || "both".equals(empty);
		boolean passwordEmpty = "password".equals(empty) || "both".equals(empty);
		model.addAttribute("emailEmpty", emailEmpty);
		model.addAttribute("passwordEmpty", passwordEmpty);
		if (emailEmpty || passwordEmpty) {
			RefusedForm.titledShownAgain(model);
		}
		// The address of a sign-in that just failed, typed once: shown again, then forgotten.
		HttpSession session = request.getSession(false);
		Object typed = session == null ? null : session.getAttribute(SignInSecurity.TYPED_EMAIL);
		if (typed != null) {
			session.removeAttribute(SignInSecurity.TYPED_EMAIL);
			model.addAttribute("email", typed);
		}
		// The lock that refused the sign-in or the code, as it stands: a lock of wrong codes lasts longer
		// than the configured one, up to one that waits for an administrator. As configured when the page
		// does not know ("15 minuten" was written into the sentence once).
		Object refusedBy = session == null ? null : session.getAttribute(SignInSecurity.LOCK);
		if (refusedBy != null) {
			session.removeAttribute(SignInSecurity.LOCK);
		}
		SignInAttempts.Lock lock = refusedBy instanceof SignInAttempts.Lock known ? known : attempts.configuredLock();
		model.addAttribute("lockedUntilAdministrator", lock instanceof SignInAttempts.Lock.UntilAnAdministrator);
		if (lock instanceof SignInAttempts.Lock.For during) {
			model.addAttribute("lockedMinutes", during.minutes());
			model.addAttribute("lockedHours", during.inHours() ? during.hours() : null);
		}
		model.addAttribute("sessionHours", lifetime.hours());
		return "account/login";
	}

	/**
	 * The sign-out address opened as a page (a bookmark, the history): it was "Pagina niet gevonden". Signing
	 * out stays a POST with its token, so a link on another site cannot sign anyone out: this page asks,
	 * or says the person is signed out already.
	 */
	@GetMapping("/logout")
	String logout(Authentication authentication, Model model) {
		model.addAttribute("signedInHere", authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated());
		return "account/logout";
	}
}
