package nl.briefwissel.audit.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.audit.Audited;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route the trail can hold (a read or export marked audited, a change under the programme manager's
 * and administrator's areas) is described in words in both languages: a data protection officer reads
 * "Chose the coaches of a programme", not "POST /programme/programmes/{id}/coaches".
 */
@BriefwisselTest
class RouteDescriptionsTests {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyRouteOnTheTrailIsDescribedInDutchAndEnglish() throws IOException {
		Set<String> routes = new TreeSet<>();
		mappings.getHandlerMethods().forEach((info, method) -> {
			boolean audited = method.hasMethodAnnotation(Audited.class);
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod verb : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
					boolean change = verb != RequestMethod.GET && verb != RequestMethod.HEAD
							&& (pattern.startsWith("/admin/") || pattern.startsWith("/programme/"));
					if (audited || change) {
						routes.add(verb.name() + " " + pattern);
					}
				}
			}
		});
		Properties dutch = messages("nl");
		Properties english = messages("en");

		assertThat(routes).hasSizeGreaterThan(40)
			.filteredOn(route -> !dutch.containsKey(TrailLine.routeKey(route)) || !english.containsKey(TrailLine.routeKey(route)))
			.extracting(TrailLine::routeKey)
			.isEmpty();
	}

	/**
	 * The trail stores the address's variables by name, and a stored line is read apart only before a name the
	 * trail knows (TrailLine.KEYS): a route with a variable of a new name would be read as part of the field before it.
	 */
	@Test
	void everyVariableOfAnAddressIsANameTheTrailIsReadBy() {
		Set<String> variables = new TreeSet<>();
		java.util.regex.Pattern variable = java.util.regex.Pattern.compile("\\{([^}:]+)");
		mappings.getHandlerMethods().forEach((info, method) -> info.getPatternValues()
			.forEach(pattern -> variable.matcher(pattern).results().forEach(found -> variables.add(found.group(1)))));
		assertThat(variables).isNotEmpty().isSubsetOf(TrailLine.KEYS);
	}

	private static Properties messages(String language) throws IOException {
		Properties messages = new Properties();
		try (InputStream in = RouteDescriptionsTests.class.getResourceAsStream("/messages_" + language + ".properties")) {
			messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return messages;
	}
}
