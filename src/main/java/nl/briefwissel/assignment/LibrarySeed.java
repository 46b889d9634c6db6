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
 * starting together add each entry once. A shipped text that was improved reaches an installation
 * that still has the text shipped before word for word ({@code assignments/library-earlier.txt});
 * a shipped coach-cards entry seeded before its deck was stored gets its deck.
 */
@Component
@org.springframework.core.annotation.Order(-1) // before the demo data (order 0), whose letters give shipped assignments
class LibrarySeed implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(LibrarySeed.class);

	static final String FILE = "assignments/library.txt";

	/** The texts shipped before, in the same format: only the instructions of each block are read. */
	static final String EARLIER = "assignments/library-earlier.txt";

	/** One entry of the shipped file. */
	record Entry(String key, Assignments.Draft draft) {

		/** The coach cards it is laid from; null for the whole deck and for every other type. */
		CoachCards.Kind deck() {
			return draft.deck();
		}
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
		List<Entry> earlier = read(EARLIER);
		int[] added = { 0 };
		int[] updated = { 0 };
		// In turn: nodes starting together on one database would otherwise both add a new entry.
		seeds.inTurn(StartupSeeds.ASSIGNMENT_LIBRARY, () -> {
			for (Entry entry : shipped) {
				if (!assignments.hasLibraryEntry(entry.key(), entry.draft().language())) {
					assignments.insertLibraryEntry(entry.key(), entry.draft());
					added[0]++;
				}
				if (entry.deck() != null) {
					assignments.nameShippedDeck(entry.key(), entry.deck());
				}
				for (Entry before : earlier) {
					if (before.key().equals(entry.key()) && before.draft().language().equals(entry.draft().language())) {
						updated[0] += assignments.replaceShippedText(entry.key(), entry.draft().language(),
								before.draft().instructions(), entry.draft().instructions());
					}
				}
			}
		});
		if (added[0] > 0) {
			log.info("{} shipped assignment(s) added to the shared library", added[0]);
		}
		if (updated[0] > 0) {
			log.info("{} shipped assignment text(s) nobody had changed brought up to the shipped library's", updated[0]);
		}
	}

	static List<Entry> read() {
		return read(FILE);
	}

	private static List<Entry> read(String file) {
		try (InputStream in = new ClassPathResource(file).getInputStream()) {
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException("The shipped assignment library is missing: " + file, e);
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
					Locale.forLanguageTag(header[4].strip()), header.length == 6 ? CoachCards.Kind.valueOf(header[5].strip()) : null)));
		}
		return entries;
	}
}
