package nl.briefwissel.web;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.account.Role;
import nl.briefwissel.account.SignInLinks;
import nl.briefwissel.account.SignInSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may reach which route. Every area of the application belongs to exactly one role; a route
 * outside these areas needs a signed-in person, and ownership is checked by the controller.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

	/** No inline script or style anywhere: htmx is loaded from a file and configured by a meta tag. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	SecurityFilterChain pages(HttpSecurity http, SignInSecurity signIn, SignInLinks links, PublicAddress publicAddress) throws Exception {
		http.authorizeHttpRequests(requests -> requests
			.requestMatchers("/login", "/login/code", "/login/code/setup", "/login/link", "/login/link/sent", "/login/link/use", "/login/organisation/sent", "/login/organisation/link", "/login/organisation/link/use", "/oauth2/authorization/**", "/login/oauth2/**", "/password/**", "/intake/**", "/evaluation/**", "/address-confirmation/**", "/privacy", "/accessibility", "/.well-known/security.txt", "/css/**", "/js/**", "/vendor/**", "/webjars/**",
					"/house-style/**",
					// The sign-out page: it asks to confirm, or says one is signed out; the POST is the logout filter's.
					"/logout",
					"/favicon.ico", "/error", ExpiredForms.PATH, "/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/participant/**").hasRole(Role.PARTICIPANT.name())
			// Not for an account that also manages programmes (decision 0145), however it came to hold both: the
			// coach's pages hold the letters, which a programme manager never reads.
			.requestMatchers("/coach/**").access(AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasRole(Role.COACH.name()),
					AuthorizationManagers.not(AuthorityAuthorizationManager.hasRole(Role.PROGRAMME_MANAGER.name()))))
			.requestMatchers("/programme/**").hasRole(Role.PROGRAMME_MANAGER.name())
			.requestMatchers("/admin/**").hasRole(Role.ADMINISTRATOR.name())
			.anyRequest()
			.access(signIn.fullySignedIn()))
			.formLogin(form -> form.loginPage("/login")
				.usernameParameter("email")
				.successHandler(signIn.afterPassword())
				.failureHandler(signIn.afterWrongPassword())
				.permitAll())
			.oauth2Login(sso -> sso.loginPage("/login")
				.successHandler(signIn.afterSingleSignOn())
				.failureHandler(signIn.afterFailedSingleSignOn())
				// The button's own filter: a provider that cannot be reached answered 500 there.
				.withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
					@Override
					public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
						filter.setAuthenticationFailureHandler(signIn.singleSignOnUnavailable());
						return filter;
					}
				}))
			.addFilterBefore(new PagesAndForms(), CsrfFilter.class)
			// Before the form check, which a second press of a sign-in link's button fails (decision 0008).
			.addFilterBefore(signIn.linkPressedAgain(links), CsrfFilter.class)
			.addFilterBefore(signIn.brakes(), UsernamePasswordAuthenticationFilter.class)
			// After the brakes (registered before the same filter, so in this order): an empty field is said at the field.
			.addFilterBefore(signIn.emptyFieldsFirst(), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(signIn.codeFirst(), AuthorizationFilter.class)
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signIn.afterSignOut()))
			// Also the CSRF check's refusal: a form sent after the sign-in expired gets its text back.
			.exceptionHandling(exceptions -> exceptions.accessDeniedHandler(ExpiredForms.handler(publicAddress::base)))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
				.frameOptions(frame -> frame.deny()));
		return http.build();
	}
}
