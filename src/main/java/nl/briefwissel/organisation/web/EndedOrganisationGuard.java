package nl.briefwissel.organisation.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Organisations;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The pages that act for the signed-in account's own organisation refuse once that organisation ended
 * (decision 0073). Ending it signs its kept people out and takes their roles there, but a session holds the
 * organisation of its sign-in: one still open on a node, or a request already under way, would act for it.
 */
@Configuration(proxyBeanMethods = false)
class EndedOrganisationGuard implements WebMvcConfigurer {

	private final Organisations organisations;

	EndedOrganisationGuard(Organisations organisations) {
		this.organisations = organisations;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
				Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
				if (signedIn != null && signedIn.getPrincipal() instanceof SignedInAccount me && me.organisationId() != null
						&& organisations.byId(me.organisationId()).isEmpty()) {
					response.sendError(HttpStatus.FORBIDDEN.value());
					return false;
				}
				return true;
			}
		})
			// Its programmes, its single sign-on, its coaches, its themes in the library, its processing register:
			// not every page, as a read of the organisation on each request would slow the coach's and the
			// participant's pages, and those act for trajectories and pools, not for the account's organisation.
			.addPathPatterns("/programme", "/programme/**", "/admin/sign-in", "/admin/sign-in/**", "/admin/coaches", "/admin/coaches/**",
					"/admin/assignments", "/admin/assignments/**", "/coach/assignments", "/coach/assignments/**", "/admin/processing",
					"/admin/processing/**");
	}
}
