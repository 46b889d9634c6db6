package nl.briefwissel.statistics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts per code (themes, stop reasons) with their total. A cell under five is hidden, and when
 * only one cell is hidden the smallest other cell is hidden too, so that no hidden cell can be
 * worked out from the total; a total under five is hidden as well.
 */
public record Distribution(Map<String, Figure> cells, Figure total) {

	public static Distribution of(Map<String, Integer> counts) {
		Map<String, Figure> cells = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.forEach(entry -> cells.put(entry.getKey(), Figure.count(entry.getValue())));
		int sum = counts.values().stream().mapToInt(Integer::intValue).sum();
		long hidden = cells.values().stream().filter(Figure::suppressed).count();
		if (hidden == 1) {
			List<Map.Entry<String, Figure>> shown = new ArrayList<>(cells.entrySet().stream()
				.filter(e -> !e.getValue().suppressed() && e.getValue().people() > 0)
				.sorted(Comparator.comparingInt(e -> e.getValue().people()))
				.toList());
			if (!shown.isEmpty()) {
				cells.put(shown.get(0).getKey(), shown.get(0).getValue().suppress());
			}
			else {
				// Only one group at all: the total would give it away.
				return new Distribution(cells, Figure.count(sum).suppress());
			}
		}
		return new Distribution(cells, Figure.count(sum));
	}

	/** The largest visible count, to scale a chart. */
	public int largestShown() {
		return cells.values().stream().filter(Figure::visible).mapToInt(Figure::people).max().orElse(0);
	}
}
