package nl.briefwissel.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.thymeleaf.util.FastStringWriter;
import org.unbescape.html.HtmlEscape;

/**
 * Writing the 25 letters of a conversation page as HTML text, one core: {@code thText} as
 * Thymeleaf's {@code th:text} does for a text over 100 characters (unbescape, straight to the
 * page's writer), {@code bwText} as {@code bw:text} does ({@link LongTextDialect}). The letters are
 * the ones {@code dataset} writes (80 % Dutch), so the apostrophes are as many as on the page benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class LetterTextBenchmark {

	private final List<String> letters = new ArrayList<>();

	/** What Thymeleaf renders a page into (spring.thymeleaf.servlet.produce-partial-output-while-processing=false). */
	private FastStringWriter page;

	@Setup
	public void writeLetters() throws ReflectiveOperationException {
		Class<?> generator = Class.forName("nl.briefwissel.dataset.Letters");
		Method letter = generator.getDeclaredMethod("letter", boolean.class, boolean.class, String.class, String.class, int.class,
				RandomGenerator.class);
		Method length = generator.getDeclaredMethod("length", RandomGenerator.class);
		letter.setAccessible(true);
		length.setAccessible(true);
		SplittableRandom random = new SplittableRandom(9);
		for (int i = 0; i < 25; i++) {
			letters.add((String) letter.invoke(null, i % 2 == 0, random.nextInt(5) > 0, "Sanne", "Anja", length.invoke(null, random),
					random));
		}
	}

	@Benchmark
	public int thText() throws java.io.IOException {
		page = new FastStringWriter(64 * 1024);
		for (String letter : letters) {
			HtmlEscape.escapeHtml4Xml(letter, page);
		}
		return page.toString().length();
	}

	@Benchmark
	public int bwText() {
		page = new FastStringWriter(64 * 1024);
		for (String letter : letters) {
			page.write(Html.escape(letter));
		}
		return page.toString().length();
	}
}
