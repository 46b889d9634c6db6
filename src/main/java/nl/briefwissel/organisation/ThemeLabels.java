package nl.briefwissel.organisation;

import java.util.Map;
import java.util.UUID;

/**
 * The theme labels of one or more programmes in one language, read at once for a page that shows
 * many trajectories' themes: the page asks this while it renders, not the database once per row.
 */
public record ThemeLabels(Map<UUID, Map<String, String>> byProgramme) {

	/** The label; the code itself when the programme no longer has that theme; empty without a theme. */
	public String of(UUID programmeId, String code) {
		if (code == null) {
			return "";
		}
		return byProgramme.getOrDefault(programmeId, Map.of()).getOrDefault(code, code);
	}
}
