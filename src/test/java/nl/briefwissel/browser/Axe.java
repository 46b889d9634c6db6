package nl.briefwissel.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (from npm, installed by the build) run on the page as it is now, for every WCAG 2.1 A
 * and AA rule it can test. Violations come back as readable lines: rule, impact, help, elements.
 */
final class Axe {

	private static final String SOURCE = read(Path.of("node_modules/axe-core/axe.min.js"));

	private Axe() {
	}

	@SuppressWarnings("unchecked")
	static List<String> violations(WebDriver driver) {
		JavascriptExecutor js = (JavascriptExecutor) driver;
		js.executeScript(SOURCE);
		Object result = js.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
				  .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
				      nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) }))))
				  .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));""");
		List<String> lines = new ArrayList<>();
		for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
			lines.add(violation.get("id") + " (" + violation.get("impact") + "): " + violation.get("help") + " "
					+ violation.get("nodes"));
		}
		return lines;
	}

	private static String read(Path path) {
		try {
			return Files.readString(path, StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IllegalStateException("axe-core is missing: the build installs it with npm ci (" + path + ")", e);
		}
	}
}
