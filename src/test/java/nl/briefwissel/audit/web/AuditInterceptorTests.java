package nl.briefwissel.audit.web;

import java.util.Map;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.AuditEntry;
import nl.briefwissel.audit.AuditTrail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the trail makes of an administrative form by its answer alone, whatever the controller said: a route of
 * nobody's, so that no controller's own call to {@link AuditedChange} decides it.
 */
@BriefwisselTest
class AuditInterceptorTests {

	private static final String ROUTE = "/admin/organisations/{id}/any-form";

	@Autowired
	AuditTrail trail;

	@Autowired
	UserDetailsService users;

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	/**
	 * A form shown again refused (422) changed nothing but was an attempt at a change: on the trail as refused, as one
	 * refused by a redirect is, without its controller saying so (decision 0139). The house style's preview showed this
	 * until it was taken off the trail as no change at all.
	 */
	@Test
	void anAdministrativeFormRefusedBy422AloneIsOnTheTrailAsRefused() throws Exception {
		UUID organisation = UUID.randomUUID();
		answer(organisation, 422, "change");
		assertThat(entriesOf(organisation)).extracting(AuditEntry::details)
			.containsExactly("id=" + organisation + ", outcome=refused");
	}

	/** A preview changes nothing, shown or refused: the trail of who changed what has no line of it. */
	@Test
	void aPreviewIsNotOnTheTrailShownOrRefused() throws Exception {
		UUID organisation = UUID.randomUUID();
		answer(organisation, 200, "preview");
		answer(organisation, 422, "preview");
		answer(organisation, 302, "change");
		assertThat(entriesOf(organisation)).extracting(AuditEntry::details).containsExactly("id=" + organisation);
	}

	private void answer(UUID organisation, int status, String handler) throws Exception {
		UserDetails administrator = users.loadUserByUsername("beheer@briefwissel.test");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(administrator, null, administrator.getAuthorities()));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", ROUTE.replace("{id}", organisation.toString()));
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, ROUTE);
		request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", organisation.toString()));
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(status);
		new AuditInterceptor(trail).afterCompletion(request, response,
				new HandlerMethod(new Forms(), Forms.class.getDeclaredMethod(handler)), null);
	}

	private java.util.List<AuditEntry> entriesOf(UUID organisation) {
		return trail.search(new AuditTrail.Search("beheer@briefwissel.test", AuditAction.ADMINISTRATION, null, null, null))
			.stream()
			.filter(entry -> entry.route().equals("POST " + ROUTE) && entry.details() != null
					&& entry.details().contains(organisation.toString()))
			.toList();
	}

	/** Two forms without a word to the trail: one a change, one marked a preview. */
	static class Forms {

		String change() {
			return "";
		}

		@AuditedChange.Preview
		String preview() {
			return "";
		}
	}
}
