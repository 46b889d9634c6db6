package nl.briefwissel.writing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passive voice rule on the corpus of coach sentences in {@code writing-corpus/passive-nl.txt} and
 * {@code passive-en.txt}: true passives mixed with sentences that only look like one (a state after a form
 * of "zijn" or "be", a plural noun, a name). Each sentence is its own case, so a change that helps one
 * sentence and breaks another shows both.
 */
class WritingPassiveCorpusTests {

	private static final RuleSets RULES = new RuleSets("");

	@ParameterizedTest(name = "{0} {1}: {2}")
	@MethodSource("corpus")
	void eachCorpusSentenceIsReadAsItsVerdictSays(String language, String verdict, String sentence) {
		Draft draft = new Draft(sentence);
		assertThat(draft.sentences).as("one sentence").hasSize(1);
		boolean passive = Rule.PassiveVoice.passive(draft.sentences.get(0), RULES.of(Locale.forLanguageTag(language)));
		assertThat(passive).as("%s: %s", verdict, sentence).isEqualTo(verdict.equals("passive"));
	}

	static Stream<Arguments> corpus() throws IOException {
		return Stream.concat(read("nl"), read("en"));
	}

	private static Stream<Arguments> read(String language) throws IOException {
		try (InputStream in = WritingPassiveCorpusTests.class.getResourceAsStream("/writing-corpus/passive-" + language + ".txt")) {
			List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter(line -> !line.isBlank() && !line.startsWith("#"))
				.toList();
			assertThat(lines).as("a corpus of at least 40 sentences").hasSizeGreaterThanOrEqualTo(40);
			return lines.stream().map(line -> {
				String[] parts = line.split("\\|", 2);
				String verdict = parts[0].strip();
				assertThat(verdict).isIn("passive", "active");
				return Arguments.of(language, verdict, parts[1].strip());
			});
		}
	}
}
