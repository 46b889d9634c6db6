package nl.briefwissel.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per code (themes, stop reasons) with their total. Groups under five are not named: they
 * are counted together as {@code other}, and when that is still under five the smallest named
 * groups join it until it is not. So every figure shown is at least five, and no group under five
 * can be worked out from the total, from the order of the rows or from a "< 5" next to its name.
 * Only when everything together is under five are {@code other} and the total hidden.
 *
 * @param cells the named groups, largest first, each at least five
 * @param other the unnamed small groups together, or null when there are none
 */
public record Distribution(Map<String, Figure> cells, Figure other, Figure total) {

	public static Distribution of(Map<String, Integer> counts) {
		List<Map.Entry<String, Integer>> named = new ArrayList<>(counts.entrySet()
			.stream()
			.filter(entry -> entry.getValue() > 0)
			.sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.toList());
		int sum = named.stream().mapToInt(Map.Entry::getValue).sum();
		int other = 0;
		while (!named.isEmpty() && (named.get(0).getValue() < Figure.MINIMUM || (other > 0 && other < Figure.MINIMUM))) {
			other += named.remove(0).getValue();
		}
		Map<String, Figure> cells = new LinkedHashMap<>();
		for (int i = named.size() - 1; i >= 0; i--) {
			cells.put(named.get(i).getKey(), Figure.count(named.get(i).getValue()));
		}
		return new Distribution(cells, other == 0 ? null : Figure.count(other), Figure.count(sum));
	}

	/**
	 * Counts over several months, each month's small groups hidden within that month first: a code's
	 * figure is the sum of what its months showed of it, and the small groups together the sum of
	 * the months' small groups. Hidden over the period only, two periods a month apart showed one
	 * person's reason in the difference of a group that was "< 5" in that month (7 against 6). So two
	 * periods now differ only by whole tables of months, each shown on its own as well.
	 */
	public static Distribution ofMonths(java.util.Collection<Map<String, Integer>> months) {
		Map<String, Integer> named = new LinkedHashMap<>();
		int other = 0;
		int total = 0;
		for (Map<String, Integer> month : months) {
			if (month.values().stream().mapToInt(Integer::intValue).sum() < Figure.MINIMUM) {
				continue; // a month under five shows nothing, and adds nothing to what the period shows
			}
			Distribution shown = of(month);
			shown.cells().forEach((code, figure) -> named.merge(code, figure.people(), Integer::sum));
			other += shown.other() == null ? 0 : shown.other().people();
			total += shown.total().people();
		}
		Map<String, Figure> cells = new LinkedHashMap<>();
		named.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach(entry -> cells.put(entry.getKey(), Figure.count(entry.getValue())));
		return new Distribution(cells, other == 0 ? null : Figure.count(other), Figure.count(total));
	}

	/**
	 * Every figure hidden as "≥ 5", for when its total is hidden to protect a smaller group ({@link Sums}):
	 * the figures shown would add up to it again.
	 */
	Distribution protect() {
		Map<String, Figure> hidden = new LinkedHashMap<>();
		cells.forEach((code, figure) -> hidden.put(code, figure.protect()));
		return new Distribution(hidden, other == null ? null : other.protect(), total.protect());
	}

	/** Whether there is anything to list: a named group or the small ones together. */
	public boolean isEmpty() {
		return cells.isEmpty() && other == null;
	}

	/** The largest visible count, to scale a chart. */
	public int largestShown() {
		int named = cells.values().stream().filter(Figure::visible).mapToInt(Figure::people).max().orElse(0);
		return other != null && other.visible() ? Math.max(named, other.people()) : named;
	}
}
