package nl.briefwissel.writing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Loads the rules per language: the shipped {@code writing/nl.rules} and {@code en.rules}, extended
 * by files of the same name in {@code briefwissel.writing.rules-dir} (words are added, thresholds
 * replaced). Read once at start; a restart picks up changes.
 */
@Component
class RuleSets {

	private static final Logger log = LoggerFactory.getLogger(RuleSets.class);

	static final Locale DUTCH = Locale.forLanguageTag("nl");

	private final Map<String, RuleSet> byLanguage;

	RuleSets(@Value("${briefwissel.writing.rules-dir:}") String rulesDir) {
		this.byLanguage = Map.of("nl", load(DUTCH, rulesDir), "en", load(Locale.ENGLISH, rulesDir));
	}

	RuleSet of(Locale language) {
		return byLanguage.getOrDefault(language.getLanguage(), byLanguage.get("nl"));
	}

	static RuleSet load(Locale language, String rulesDir) {
		Properties shipped = new Properties();
		String name = language.getLanguage() + ".rules";
		try (InputStream in = RuleSets.class.getResourceAsStream("/writing/" + name)) {
			if (in == null) {
				throw new IllegalStateException("Missing writing/" + name + " on the classpath");
			}
			shipped.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot read writing/" + name, e);
		}
		Properties extra = new Properties();
		if (rulesDir != null && !rulesDir.isBlank()) {
			Path file = Path.of(rulesDir, name);
			if (Files.isRegularFile(file)) {
				try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					extra.load(reader);
					log.info("Writing help: {} extends the shipped {} rules", file, language.getLanguage());
				}
				catch (IOException e) {
					throw new IllegalStateException("Cannot read " + file, e);
				}
			}
		}
		return new RuleSet(language, value(shipped, extra, "readability.formula"),
				Integer.parseInt(value(shipped, extra, "sentence.long-words")),
				Integer.parseInt(value(shipped, extra, "questions.max")),
				Integer.parseInt(value(shipped, extra, "shouting.min-letters")), words(shipped, extra, "judging"),
				judgingKinds(shipped, extra),
				words(shipped, extra, "filler"), words(shipped, extra, "harsh"),
				Set.copyOf(words(shipped, extra, "harsh.softening")), Set.copyOf(words(shipped, extra, "harsh.condition")),
				Set.copyOf(words(shipped, extra, "harsh.clause-words")), words(shipped, extra, "harsh.idioms"),
				Set.copyOf(words(shipped, extra, "harsh.condition-at-start")),
				words(shipped, extra, "contrast"), Set.copyOf(words(shipped, extra, "contrast.anywhere")),
				Set.copyOf(words(shipped, extra, "contrast.encouraging")),
				Boolean.parseBoolean(value(shipped, extra, "contrast.encouraging-at-end")),
				words(shipped, extra, "compliments"), words(shipped, extra, "address.informal"),
				words(shipped, extra, "address.formal"), Set.copyOf(words(shipped, extra, "shouting.acronyms")),
				new RuleSet.Passive(Double.parseDouble(value(shipped, extra, "passive.max-share")),
						Set.copyOf(words(shipped, extra, "passive.auxiliaries")),
						words(shipped, extra, "passive.participle-prefixes"),
						Set.copyOf(words(shipped, extra, "passive.clause-words")),
						Set.copyOf(words(shipped, extra, "passive.perfect-auxiliaries")),
						Set.copyOf(words(shipped, extra, "passive.not-participles")),
						words(shipped, extra, "passive.not-participle-endings"),
						Set.copyOf(words(shipped, extra, "passive.before-noun")),
						Set.copyOf(words(shipped, extra, "passive.pronouns")),
						Set.copyOf(words(shipped, extra, "passive.trailing-auxiliaries")),
						Set.copyOf(words(shipped, extra, "passive.subordinators")),
						Set.copyOf(words(shipped, extra, "passive.agent-words")),
						Set.copyOf(words(shipped, extra, "passive.linking-auxiliaries")),
						Set.copyOf(words(shipped, extra, "passive.modals")),
						words(shipped, extra, "passive.separable-particles"),
						Set.copyOf(words(shipped, extra, "passive.participles")),
						Set.copyOf(words(shipped, extra, "passive.state-auxiliaries")),
						Set.copyOf(words(shipped, extra, "passive.states"))),
				words(shipped, extra, "jargon"));
	}

	/** Each word of {@code judging.<kind>} with its kind; a word a programme adds without a kind gets the general advice. */
	private static Map<String, String> judgingKinds(Properties shipped, Properties extra) {
		Map<String, String> kinds = new HashMap<>();
		for (String kind : List.of("obligation", "obvious", "verdict")) {
			words(shipped, extra, "judging." + kind).forEach(word -> kinds.put(word, kind));
		}
		return Map.copyOf(kinds);
	}

	private static String value(Properties shipped, Properties extra, String key) {
		String value = extra.getProperty(key, shipped.getProperty(key));
		if (value == null) {
			throw new IllegalStateException("Writing rules lack " + key);
		}
		return value.strip();
	}

	private static List<String> words(Properties shipped, Properties extra, String key) {
		Set<String> words = new LinkedHashSet<>();
		for (Properties source : List.of(shipped, extra)) {
			for (String word : source.getProperty(key, "").split(",")) {
				if (!word.isBlank()) {
					words.add(word.strip().toLowerCase(Locale.ROOT));
				}
			}
		}
		return new ArrayList<>(words);
	}
}
