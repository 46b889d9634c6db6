package nl.briefwissel.writing;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A coach's own writing over time: reading ease and questions per message, by week. Keeps figures
 * only, never text, and answers for one coach at a time.
 */
@Service
public class WritingTrends {

	/**
	 * One week of a coach's messages. Reading ease per language, null in a week without messages in it:
	 * Flesch–Douma (Dutch) and Flesch (English) are two scales, and a week of both averaged together
	 * moved with the mix of languages, not with how the coach wrote.
	 */
	public record Week(LocalDate monday, int messages, Double readabilityDutch, Double readabilityEnglish,
			double questionsPerMessage, int findings) {
	}

	private record Sample(OffsetDateTime at, String language, double readability, int questions, int findings) {
	}

	private final JdbcClient jdbc;

	private final WritingCheck check;

	private final Clock clock;

	WritingTrends(JdbcClient jdbc, WritingCheck check, Clock clock) {
		this.jdbc = jdbc;
		this.check = check;
		this.clock = clock;
	}

	/** Records the figures of a message the coach sent. */
	@Transactional
	public void record(UUID coachId, UUID messageId, String text, Locale hint) {
		record(coachId, messageId, text, hint, null);
	}

	/** As {@link #record(UUID, UUID, String, Locale)}, leaving out {@code quoted}: words not the coach's own. */
	public void record(UUID coachId, UUID messageId, String text, Locale hint, String quoted) {
		WritingReport report = check.check(text, hint, List.of(), quoted);
		jdbc.sql("""
				insert into writing_sample (id, coach_id, message_id, written_at, language, words, readability, questions, findings)
				values (:id, :coach, :message, :now, :language, :words, :readability, :questions, :findings)""")
			.param("id", UUID.randomUUID())
			.param("coach", coachId)
			.param("message", messageId)
			.param("now", OffsetDateTime.now(clock))
			.param("language", report.language().getLanguage())
			.param("words", report.words())
			.param("readability", report.readability())
			.param("questions", report.questions())
			.param("findings", report.findings().size())
			.update();
	}

	/** The last {@code weeks} weeks with messages, oldest first. */
	public List<Week> of(UUID coachId, int weeks) {
		LocalDate from = LocalDate.now(clock).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
		List<Sample> samples = jdbc.sql("""
				select written_at, language, readability, questions, findings from writing_sample
				where coach_id = :coach and written_at >= :from order by written_at""")
			.param("coach", coachId)
			.param("from", from.atStartOfDay(clock.getZone()).toOffsetDateTime())
			.query((rs, n) -> new Sample(rs.getObject("written_at", OffsetDateTime.class), rs.getString("language"),
					rs.getDouble("readability"), rs.getInt("questions"), rs.getInt("findings")))
			.list();
		Map<LocalDate, List<Sample>> byWeek = new TreeMap<>();
		for (Sample sample : samples) {
			LocalDate monday = sample.at().atZoneSameInstant(clock.getZone()).toLocalDate()
				.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			byWeek.computeIfAbsent(monday, week -> new ArrayList<>()).add(sample);
		}
		List<Week> result = new ArrayList<>();
		byWeek.forEach((monday, inWeek) -> result.add(new Week(monday, inWeek.size(), readability(inWeek, "nl"),
				readability(inWeek, "en"),				inWeek.stream().mapToInt(Sample::questions).average().orElse(0),
				inWeek.stream().mapToInt(Sample::findings).sum())));
		return result;
	}

	/** The average reading ease of a week's messages in one language, or null when it had none. */
	private static Double readability(List<Sample> week, String language) {
		var scores = week.stream().filter(sample -> language.equals(sample.language())).mapToDouble(Sample::readability).average();
		return scores.isPresent() ? scores.getAsDouble() : null;
	}
}
