package nl.briefwissel.browser;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * What every page must be, checked in the browser: no WCAG 2.1 A/AA violation axe-core can find,
 * the page's language in its {@code lang}, no missing message key, and on an English page no
 * Dutch sentence of ours. Each page is photographed into {@code target/screenshots}.
 */
final class PageCheck {

	static final Path SCREENSHOTS = Path.of("target/screenshots");

	/** Our Dutch sentences that differ from their English text: none may show on an English page. */
	private static final Set<String> DUTCH_SENTENCES = dutchSentences();

	private PageCheck() {
	}

	static List<String> problems(WebDriver driver, String language, String screenshotName) {
		List<String> problems = new ArrayList<>();
		String where = driver.getCurrentUrl();
		String lang = driver.findElement(By.tagName("html")).getAttribute("lang");
		if (!language.equals(lang)) {
			problems.add(where + ": html lang is '" + lang + "', expected '" + language + "'");
		}
		String text = driver.findElement(By.tagName("body")).getText();
		if (text.contains("??")) {
			problems.add(where + ": a message key is missing (\"??\" on the page)");
		}
		if ("en".equals(language)) {
			for (String dutch : DUTCH_SENTENCES) {
				if (text.contains(dutch)) {
					problems.add(where + ": Dutch text on an English page: \"" + dutch + "\"");
				}
			}
		}
		for (String violation : Axe.violations(driver)) {
			problems.add(where + ": " + violation);
		}
		screenshot(driver, screenshotName);
		return problems;
	}

	static void screenshot(WebDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Files.write(SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png"),
					((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Set<String> dutchSentences() {
		Properties dutch = load("messages_nl.properties");
		Properties english = load("messages_en.properties");
		Set<String> sentences = new TreeSet<>();
		for (String key : dutch.stringPropertyNames()) {
			String value = dutch.getProperty(key).replace("''", "'");
			// Sentences without placeholders, long enough not to be a name or a shared word. Mails and the
			// welcome letter are letters' words, in the participant's language, not the page's.
			if (value.length() >= 25 && !value.contains("{") && !value.contains("\n") && !value.equals(english.getProperty(key))
					&& !key.startsWith("mail.") && !key.startsWith("welcome.") && !key.startsWith("assignment.library.")) {
				sentences.add(value);
			}
		}
		return sentences;
	}

	private static Properties load(String name) {
		Properties properties = new Properties();
		try (var reader = new InputStreamReader(PageCheck.class.getClassLoader().getResourceAsStream(name),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return properties;
	}
}
