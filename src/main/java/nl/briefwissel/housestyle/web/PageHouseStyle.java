package nl.briefwissel.housestyle.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.housestyle.HouseStyles;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/**
 * Tells the layout which house style a page wears ({@code houseStyle}: the sheet's address and the
 * header's name). A participant wears their organisation's, a programme manager theirs, and a page
 * that names its organisation in the model attribute {@code pageOrganisation} (the public application
 * form of a programme) that one. Coaches, who may coach for several organisations, and administrators
 * keep the standard look, and their pages ask nothing for it.
 */
class PageHouseStyle implements HandlerInterceptor {

	/** The model attribute by which a page names the organisation whose style it wears. */
	static final String PAGE_ORGANISATION = "pageOrganisation";

	/** What the layout reads; public for Thymeleaf's SpEL. */
	public record Link(String href, String headerName) {
	}

	private final HouseStyles houseStyles;

	PageHouseStyle(HouseStyles houseStyles) {
		this.houseStyles = houseStyles;
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
		if (page == null || !page.hasView() || page.getViewName() != null && page.getViewName().startsWith("redirect:")) {
			return;
		}
		UUID organisation = page.getModel().get(PAGE_ORGANISATION) instanceof UUID named ? named : signedInOrganisation();
		if (organisation == null) {
			return;
		}
		houseStyles.current(organisation)
			.ifPresent(current -> page.addObject("houseStyle", new Link(
					request.getContextPath() + "/house-style/" + organisation + ".css?v=" + current.version(),
					current.style().headerName())));
	}

	private static UUID signedInOrganisation() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof SignedInAccount account) || account.hasNoRole()) {
			return null;
		}
		Role role = account.primaryRole();
		return role == Role.PARTICIPANT || role == Role.PROGRAMME_MANAGER ? account.organisationId() : null;
	}
}
