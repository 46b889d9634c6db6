package nl.briefwissel.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.account.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every route of the application, taken from its own handler mappings, tried by anonymous visitors,
 * by each role of the demo organisation, and with the identifiers of another organisation's
 * trajectory and programme. A route whose path no rule below covers fails the test, so a new
 * route cannot slip in unclassified.
 */
@BriefwisselTest
class AuthorisationMatrixTests {

	/**
	 * Open to anyone: sign-in, password reset, intake, evaluation links, a participant's link to confirm an address (decision
	 * 0091), the privacy statement, errors, an
	 * organisation's house style sheet (colours only, which the application form needs before signing in), and
	 * the sign-out page (it asks, or says one is signed out; signing out itself is a POST with its token).
	 */
	private static final List<String> PUBLIC = List.of("/login", "/password/", "/intake/", "/evaluation/", "/address-confirmation/", "/privacy", "/accessibility",
			"/error", "/.well-known/", "/house-style/", "/logout");

	/** Anyone signed in, about their own account only (the routes take no identifiers). */
	private static final List<String> OWN_ACCOUNT = List.of("/account/");

	/** The role each area of the application belongs to. */
	private static final Map<String, Role> AREAS = Map.of("/participant", Role.PARTICIPANT, "/coach", Role.COACH,
			"/programme", Role.PROGRAMME_MANAGER, "/admin", Role.ADMINISTRATOR);

	private static final Map<Role, String> DEMO = Map.of(Role.PARTICIPANT, "deelnemer@briefwissel.test", Role.COACH,
			"coach@briefwissel.test", Role.PROGRAMME_MANAGER, "programma@briefwissel.test", Role.ADMINISTRATOR,
			"beheer@briefwissel.test");

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

	@Autowired
	MockMvc mvc;

	@Autowired
	UserDetailsService users;

	@Autowired
	Fixtures fixtures;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	record Route(HttpMethod method, String pattern) {
	}

	@Test
	void everyRouteAnswersEachRoleAsItsRuleSays() throws Exception {
		var foreign = fixtures.runningTrajectory(true);
		List<Route> routes = routes();
		assertThat(routes).hasSizeGreaterThan(60);
		List<String> wrong = new ArrayList<>();
		Set<String> listing = new TreeSet<>();

		for (Route route : routes) {
			String path = fill(route.pattern(), foreign.id(), foreign.programmeId());
			boolean publicRoute = PUBLIC.stream().anyMatch(route.pattern()::startsWith) || route.pattern().equals("/");
			Role owner = AREAS.entrySet().stream()
				.filter(area -> route.pattern().equals(area.getKey()) || route.pattern().startsWith(area.getKey() + "/"))
				.map(Map.Entry::getValue)
				.findFirst()
				.orElse(null);
			boolean ownAccount = OWN_ACCOUNT.stream().anyMatch(route.pattern()::startsWith);
			if (!publicRoute && owner == null && !ownAccount) {
				wrong.add(route + " has no rule: add it to PUBLIC, OWN_ACCOUNT or AREAS");
				continue;
			}
			listing.add(route.method() + " " + route.pattern() + " -> "
					+ (publicRoute ? "anyone" : ownAccount ? "anyone signed in" : owner));
			int anonymous = status(route.method(), path, null);
			if (!publicRoute && !(anonymous == 302 || anonymous == 401 || anonymous == 403)) {
				wrong.add(route + " anonymous got " + anonymous);
			}
			if (ownAccount) {
				assertThat(VARIABLE.matcher(route.pattern()).find()).as("%s names no one else's account", route).isFalse();
				for (Role role : Role.values()) {
					int status = status(route.method(), path, DEMO.get(role));
					if (status == 403 || status >= 500) {
						wrong.add(route + " as " + role + " got " + status + " for their own account");
					}
				}
				continue;
			}
			if (publicRoute || owner == null) {
				continue;
			}
			boolean aboutSomething = VARIABLE.matcher(route.pattern()).find();
			for (Role role : Role.values()) {
				int status = status(route.method(), path, DEMO.get(role));
				if (role != owner) {
					if (status != 403) {
						wrong.add(route + " as " + role + " got " + status + ", expected 403");
					}
				}
				else if (aboutSomething && status >= 200 && status < 400) {
					// The route is about another organisation's trajectory or programme.
					wrong.add(route + " as " + role + " with another organisation's identifiers got " + status);
				}
			}
		}
		assertThat(wrong).as(String.join("\n", listing)).isEmpty();
		// Ending an organisation erases everyone of it (decision 0073): its page and its POST are tried above too.
		assertThat(listing).contains("GET /admin/organisations/{id}/end -> ADMINISTRATOR", "POST /admin/organisations/{id}/end -> ADMINISTRATOR");
		// A coach's own notes and saved replies are changed by that coach only (decision 0092): tried above as well.
		assertThat(listing).contains("GET /coach/trajectories/{id}/notes/{noteId}/edit -> COACH",
				"POST /coach/trajectories/{id}/notes/{noteId}/edit -> COACH", "GET /coach/trajectories/{id}/notes/{noteId}/delete -> COACH",
				"POST /coach/trajectories/{id}/notes/{noteId}/delete -> COACH", "GET /coach/saved-replies/{id}/edit -> COACH",
				"POST /coach/saved-replies/{id}/edit -> COACH", "GET /coach/saved-replies/{id}/delete -> COACH",
				"POST /coach/saved-replies/{id}/delete -> COACH");
		// Which letter answers an assignment is corrected by the trajectory's coach only (decision 0098).
		assertThat(listing).contains("POST /coach/trajectories/{id}/assignments/{givenId}/not-the-answer -> COACH",
				"POST /coach/trajectories/{id}/assignments/{givenId}/answer -> COACH");
	}

	private int status(HttpMethod method, String path, String email) throws Exception {
		MockHttpServletRequestBuilder request = request(method, path);
		if (method != HttpMethod.GET) {
			request = request.with(csrf());
		}
		if (email != null) {
			request = request.with(user(users.loadUserByUsername(email)));
		}
		MvcResult result = mvc.perform(request).andReturn();
		return result.getResponse().getStatus();
	}

	private List<Route> routes() {
		List<Route> routes = new ArrayList<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
			if (!mapping.getValue().getBeanType().getPackageName().startsWith("nl.briefwissel")) {
				continue;
			}
			Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
			for (String pattern : mapping.getKey().getPatternValues()) {
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					routes.add(new Route(HttpMethod.valueOf(method.name()), pattern));
				}
			}
		}
		return routes;
	}

	/** Fills every path variable: programme routes get the foreign programme, the rest the foreign trajectory. */
	private static String fill(String pattern, UUID trajectory, UUID programme) {
		Matcher variable = VARIABLE.matcher(pattern);
		StringBuilder path = new StringBuilder();
		boolean first = true;
		while (variable.find()) {
			String name = variable.group(1);
			String value;
			if (name.equals("token")) {
				value = "x".repeat(43);
			}
			else if (name.equals("code")) {
				value = "SURPLUS";
			}
			else if (first && pattern.startsWith("/programme/programmes/")) {
				value = programme.toString();
			}
			else if (first) {
				value = trajectory.toString();
			}
			else {
				value = UUID.randomUUID().toString();
			}
			variable.appendReplacement(path, value);
			first = false;
		}
		variable.appendTail(path);
		return path.toString();
	}
}
