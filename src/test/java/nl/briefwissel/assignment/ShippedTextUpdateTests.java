package nl.briefwissel.assignment;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation keeps the texts it seeded: the coach-cards assignments it seeded still listed thirty
 * values, a third of which could not be laid. A shipped text nobody changed is brought up to the
 * shipped file's at start-up; a text someone changed, and a coach's own copy, are left as they are.
 */
@BriefwisselTest
class ShippedTextUpdateTests {

	@Autowired
	LibrarySeed seed;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Fixtures fixtures;

	private final List<UUID> inserted = new ArrayList<>();

	@AfterEach
	void removeTheOldInstallationsRows() {
		inserted.forEach(id -> jdbc.sql("delete from assignment where id = :id").param("id", id).update());
	}

	@Test
	void aShippedTextStillAsSeededBeforeBecomesTheNewOneAndAChangedOneIsKept() throws Exception {
		List<LibrarySeed.Entry> earlier = LibrarySeed.parse(new String(
				new ClassPathResource("assignments/library-earlier.txt").getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		assertThat(earlier).extracting(LibrarySeed.Entry::key).contains("waarden-top-vijf", "kwaliteiten-met-bewijs",
				"interview-ander-beroep");
		UUID coach = fixtures.runningTrajectory(true).coach().id();
		for (LibrarySeed.Entry old : earlier) {
			String oldText = old.draft().instructions();
			Locale language = old.draft().language();
			UUID untouched = seeded(old.key(), null, language, oldText);
			UUID changed = seeded(old.key(), null, language, oldText + "\n\nOok: vertel het aan een collega.");
			UUID copied = seeded(null, coach, language, oldText);

			seed.run(new DefaultApplicationArguments());

			String now = LibrarySeed.read().stream()
				.filter(entry -> entry.key().equals(old.key()) && entry.draft().language().equals(language))
				.findFirst()
				.orElseThrow()
				.draft()
				.instructions();
			assertThat(now).isNotEqualTo(oldText);
			assertThat(instructions(untouched)).as(old.key() + " " + language).isEqualTo(now);
			assertThat(instructions(changed)).isEqualTo(oldText + "\n\nOok: vertel het aan een collega.");
			assertThat(instructions(copied)).isEqualTo(oldText);
		}
	}

	/**
	 * An installation seeded the coach-cards entries before their deck was stored: they get the shipped
	 * file's deck at start-up, and keep a deck an administrator chose since.
	 */
	@Test
	void aShippedCoachCardsEntrySeededWithoutItsDeckGetsIt() {
		UUID before = seeded("kwaliteiten-met-bewijs", null, Locale.forLanguageTag("nl"), "Leg je kwaliteiten.");
		UUID chosen = seeded("kwaliteiten-met-bewijs", null, Locale.forLanguageTag("en"), "Lay your qualities.");
		jdbc.sql("update assignment set deck = 'VALUE' where id = :id").param("id", chosen).update();

		seed.run(new DefaultApplicationArguments());

		assertThat(jdbc.sql("select deck from assignment where id = :id").param("id", before).query(String.class).single())
			.isEqualTo("QUALITY");
		assertThat(jdbc.sql("select deck from assignment where id = :id").param("id", chosen).query(String.class).single())
			.isEqualTo("VALUE");
	}

	private UUID seeded(String key, UUID owner, Locale language, String instructions) {
		UUID id = UUID.randomUUID();
		jdbc.sql("""
				insert into assignment (id, owner_id, library_key, title, instructions, type, themes, minutes, language, created_at)
				values (:id, :owner, :key, :title, :instructions, 'COACH_CARDS', '', 30, :language, :now)""")
			.param("id", id)
			.param("owner", owner)
			.param("key", key)
			.param("title", "Van een oudere installatie " + id)
			.param("instructions", instructions)
			.param("language", language.getLanguage())
			.param("now", OffsetDateTime.now())
			.update();
		inserted.add(id);
		return id;
	}

	private String instructions(UUID id) {
		return jdbc.sql("select instructions from assignment where id = :id").param("id", id).query(String.class).single();
	}
}
