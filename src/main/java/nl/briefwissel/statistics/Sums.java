package nl.briefwissel.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sums that hold between the trajectory counts on the page, and the figures hidden so that no
 * group under five follows from them by subtraction (decision 0008). A count under five alone was
 * hidden, but 7 started, 5 running and 0 starting soon told that 2 had ended: a group under five,
 * worked out from three figures that were each shown rightly.
 *
 * <p>The sums, as they hold when the period takes in the programme's whole life (a new programme over
 * the default twelve months; a manager knows when theirs began):
 * <ul>
 * <li>started = running now + completed + the rest (stopped, or ended otherwise);
 * <li>intakes = started + starting soon + the rest (still in intake or matching, or never started).
 * </ul>
 * Over a shorter period they need not hold, but the reader cannot tell: the rule reads the figures as
 * shown only, so whether a figure is hidden tells nothing the figures do not. The themes add up to
 * started and the stop reasons to stopped, each by {@link Distribution}'s own rule. Stopped is no part
 * of started: it counts by the month of the stop, only months with five or more, and trajectories
 * stopped before their first day, which never started.
 *
 * <p>In each sum with its total shown, what the shown parts leave (the total minus them) is the hidden
 * parts and the rest together, so it must not be 1 to 4; 0 tells of nobody and is shown, as every 0.
 * Nor may it be less than four above the least the hidden parts can be (1 for each "< 5", 5 for each
 * "≥ 5"): at the least each of them is that least (6 started, "≥ 5" running and "< 5" completed: 5 and
 * 1), and a part is hidden only when what it left was 1 to 4, so just above the least the rule gives the
 * rest back (6 started, "≥ 5" running and 0 completed: 5 and 1 ended). While it is either, the
 * smallest shown part is hidden too, as "≥ 5" (the fewest people hidden; a sum's parts in the page's
 * order when equal). When no part is left, the total is hidden with everything that adds up to it (the
 * themes) or that it is part of (intakes), so that no other sum gives it back. For intakes, the total
 * is hidden straight away: its parts are started, which the themes add up to, and starting soon.
 */
final class Sums {

	private Sums() {
	}

	/** The figures with what would tell a group under five hidden as well. */
	static ProgrammeFigures protect(ProgrammeFigures figures) {
		Figure started = figures.started();
		Figure intakes = figures.intakes();
		Distribution themes = figures.themes();
		List<Figure> startedParts = new ArrayList<>(List.of(figures.runningNow(), figures.completed()));
		while (tells(started, startedParts)) {
			Figure smallest = startedParts.stream()
				.filter(Figure::visible)
				.filter(part -> part.people() > 0)
				.min(Comparator.comparingInt(Figure::people))
				.orElse(null);
			if (smallest == null) {
				started = started.protect();
				themes = themes.protect();
				intakes = intakes.protect();
				break;
			}
			startedParts.set(startedParts.indexOf(smallest), smallest.protect());
		}
		if (tells(intakes, List.of(started, figures.startingSoon()))) {
			intakes = intakes.protect();
		}
		return figures.withSums(intakes, started, startedParts.get(0), startedParts.get(1), themes);
	}

	/** Whether a shown total and its shown parts tell the size of the hidden parts with the rest, or of each. */
	static boolean tells(Figure total, List<Figure> parts) {
		if (!total.visible()) {
			return false;
		}
		int left = total.people();
		int least = 0;
		for (Figure part : parts) {
			if (part.visible()) {
				left -= part.people();
			}
			else if (part.suppressed()) {
				least += part.protecting() ? Figure.MINIMUM : 1;
			}
		}
		// Less than the hidden parts' least, the sum visibly does not hold (older trajectories run): nothing follows.
		// Within four of it, the rule itself gives it away: a part is hidden only when what it left was 1 to 4, so
		// 6 started with "≥ 5" running and 0 completed told 5 and 1 (review). Four or more above the least tells no
		// more than "< 5" does.
		return left > 0 && (left < Figure.MINIMUM || (left >= least && left - least < Figure.MINIMUM - 1));
	}
}
