package nl.briefwissel.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which evaluation answers may be shown for a programme and a period (decision 0008): those of whole
 * months that are over and had five answers or more, so two periods (or one period looked at twice
 * while answers come in) always differ by five answers or more and nobody's answer follows from
 * them. Late answers count in the month they came. A month with answers still waiting to be
 * published (closing.Evaluations#publishWaiting) is not shown until they are all in: shown before and
 * after, its last answers would follow from the difference. The figures and what participants say
 * (closing.Evaluations) use the same rule, from here.
 */
public final class EvaluationMonths {

	/** The condition on {@code evaluation_answer}, with the parameters {@link #bind} gives. */
	public static final String CONDITION = """
			programme_id = :p and answered_month >= :fromMonth and answered_month <= :until
			  and answered_month < :thisMonth
			  and answered_month not in (select answered_month from evaluation_answer_waiting where programme_id = :p)
			  and answered_month in (
			      select answered_month from evaluation_answer
			      where programme_id = :p and answered_month >= :fromMonth and answered_month <= :until
			      group by answered_month having count(*) >= :minimum)""";

	private EvaluationMonths() {
	}

	/**
	 * The first day of the first whole month that is over that a period takes in (the month it starts in,
	 * counted whole); null when no month of the period is over yet. The months of Statistics.Months.
	 */
	public static LocalDate firstMonth(LocalDate from, LocalDate until, LocalDate today) {
		return lastMonth(from, until, today) == null ? null : from.withDayOfMonth(1);
	}

	/** The first day of the last whole month that is over that a period takes in; null as {@link #firstMonth}. */
	public static LocalDate lastMonth(LocalDate from, LocalDate until, LocalDate today) {
		LocalDate lastOver = today.withDayOfMonth(1).minusMonths(1);
		LocalDate last = until.withDayOfMonth(1).isAfter(lastOver) ? lastOver : until.withDayOfMonth(1);
		return last.isBefore(from.withDayOfMonth(1)) ? null : last;
	}

	/** The statement's parameters for {@link #CONDITION}. */
	public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, UUID programmeId, LocalDate from,
			LocalDate until, Clock clock) {
		return statement.param("p", programmeId)
			.param("fromMonth", from.withDayOfMonth(1))
			.param("until", until)
			.param("thisMonth", LocalDate.now(clock).withDayOfMonth(1))
			.param("minimum", Figure.MINIMUM);
	}
}
