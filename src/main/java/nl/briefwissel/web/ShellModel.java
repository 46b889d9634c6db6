package nl.briefwissel.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import nl.briefwissel.account.SignInSecurity;
import nl.briefwissel.account.SignedInAccount;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every page: the navigation of the signed-in person and where they are. */
@ControllerAdvice
class ShellModel {

	private final SignInSecurity signIn;

	ShellModel(SignInSecurity signIn) {
		this.signIn = signIn;
	}

	@ModelAttribute("navigation")
	List<Navigation.Item> navigation(@AuthenticationPrincipal SignedInAccount account, HttpServletRequest request) {
		if (account == null || account.hasNoRole() || signIn.pending().isPresent()) {
			return List.of();
		}
		return Navigation.of(account.roles(), account.primaryRole(), currentPath(request));
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	@ModelAttribute("languageSwitch")
	LanguageSwitch languageSwitch(HttpServletRequest request) {
		return LanguageSwitch.of(request);
	}

	@ModelAttribute("signedIn")
	SignedInAccount signedIn(@AuthenticationPrincipal SignedInAccount account) {
		// Someone who still owes their code is not signed in yet: no name, no menu.
		return signIn.pending().isPresent() ? null : account;
	}
}
