package nl.briefwissel.assignment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import nl.briefwissel.StartupSeeds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Ships the assignments written for Briefwissel ({@code assignments/library.txt}) into the shared
 * library, each entry once by its key and language, in every profile: a new installation starts
 * with a library, and an administrator's changes to shipped entries are never overwritten. Nodes
 * starting together add each entry once.
 */
@Component
@org.springframework.core.annotation.Order(-1) // before the demo data (order 0), whose letters give shipped assignments
class LibrarySeed implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(LibrarySeed.class);

	static final String FILE = "assignments/library.txt";

	/** One entry of the shipped file; {@code deck} is the coach cards it is laid from, null for the whole deck. */
	record Entry(String key, Assignments.Draft draft, CoachCards.Kind deck) {
	}

	private final Assignments assignments;

	private final StartupSeeds seeds;

	LibrarySeed(Assignments assignments, StartupSeeds seeds) {
		this.assignments = assignments;
		this.seeds = seeds;
	}

	@Override
	public void run(ApplicationArguments args) {
		List<Entry> shipped = read();
		int[] added = { 0 };
		// In turn: nodes starting together on one database would otherwise both add a new entry.
		seeds.inTurn(StartupSeeds.ASSIGNMENT_LIBRARY, () -> {
			for (Entry entry : shipped) {
				if (!assignments.hasLibraryEntry(entry.key(), entry.draft().language())) {
					assignments.insertLibraryEntry(entry.key(), entry.draft());
					added[0]++;
				}
			}
		});
		if (added[0] > 0) {
			log.info("{} shipped assignment(s) added to the shared library", added[0]);
		}
	}

	static List<Entry> read() {
		try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException("The shipped assignment library is missing", e);
		}
	}

	/**
	 * Blocks of {@code === key | TYPE | THEMES | minutes | lang}, optionally {@code | DECK} for coach cards,
	 * a title, {@code ---}, then Markdown.
	 */
	static List<Entry> parse(String text) {
		List<Entry> entries = new ArrayList<>();
		String[] blocks = text.replace("\r\n", "\n").split("(?m)^=== ");
		for (String block : blocks) {
			if (block.isBlank() || block.startsWith("#")) {
				continue;
			}
			String[] lines = block.split("\n", -1);
			String[] header = lines[0].split("\\|");
			if (header.length != 5 && header.length != 6) {
				throw new IllegalStateException("Assignment header needs 5 parts, or 6 with a deck: " + lines[0]);
			}
			String title = lines[1].strip();
			if (!"---".equals(lines[2].strip())) {
				throw new IllegalStateException("Assignment '" + title + "' misses the --- line under its title");
			}
			String instructions = String.join("\n", Arrays.copyOfRange(lines, 3, lines.length))
				.lines()
				.filter(line -> !line.startsWith("#"))
				.reduce((a, b) -> a + "\n" + b)
				.orElse("")
				.strip();
			List<String> themes = Arrays.stream(header[2].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
			entries.add(new Entry(header[0].strip(), new Assignments.Draft(title, instructions,
					AssignmentType.valueOf(header[1].strip()), themes, Integer.parseInt(header[3].strip()),
					Locale.forLanguageTag(header[4].strip())), header.length == 6 ? CoachCards.Kind.valueOf(header[5].strip()) : null));
		}
		return entries;
	}
}
