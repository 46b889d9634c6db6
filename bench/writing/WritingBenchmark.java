package nl.briefwissel.writing;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A full check of a 1,000-word coach message, Dutch and English: time per check (target < 20 ms). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class WritingBenchmark {

	private static final String DUTCH_PARAGRAPH = """
			Dank je wel voor je eerlijke antwoord van vorige week. Je schreef dat je moet kiezen tussen blijven \
			en weggaan, en dat je daar eigenlijk altijd tegenop ziet. Dat herken ik bij veel mensen die lang bij \
			dezelfde organisatie werken. Er wordt van je verwacht dat je loyaal bent, maar je wilt ook groeien. \
			Wat zou er gebeuren als je het competentieprofiel van een andere functie naast dat van jezelf legt? \
			Welke drie dingen zie je dan het eerst? Schrijf ze gewoon op, zonder er te lang over na te denken. \
			Het is HEEL normaal dat je twijfelt!! Een mooie stap was dat je het met je leidinggevende besprak, maar \
			ik ben benieuwd wat u daar zelf van vond. """;

	private static final String ENGLISH_PARAGRAPH = """
			Thank you for your honest answer last week. You wrote that you must choose between staying and \
			leaving, and that you always dread that choice. I recognise that in many people who have worked for \
			one organisation for a long time. Loyalty is expected of you, but you also want to grow. What would \
			happen if you put the competency framework of another role next to your own? Which three things do \
			you notice first? Just write them down without thinking about it for too long. It is REALLY normal \
			to doubt!! Talking to your manager was a great step, but I wonder how you felt about it yourself. """;

	private WritingCheck check;

	private String dutch;

	private String english;

	@Setup
	public void setUp() {
		check = new WritingCheck(new RuleSets(""));
		dutch = words(DUTCH_PARAGRAPH, 1000);
		english = words(ENGLISH_PARAGRAPH, 1000);
	}

	private static String words(String paragraph, int count) {
		StringBuilder text = new StringBuilder();
		int words = 0;
		while (words < count) {
			text.append(paragraph).append("\n\n");
			words += paragraph.split("\\s+").length;
		}
		return text.toString();
	}

	@Benchmark
	public WritingReport dutch1000Words() {
		return check.check(dutch, Locale.forLanguageTag("nl"));
	}

	@Benchmark
	public WritingReport english1000Words() {
		return check.check(english, Locale.ENGLISH);
	}
}
