package nl.briefwissel;

import java.util.List;

/** Thrown when the production profile is started without the settings it cannot work without. */
class MissingProductionSettingsException extends IllegalStateException {

	private final List<String> problems;

	MissingProductionSettingsException(List<String> problems) {
		super("Briefwissel refuses to start in production: " + String.join("; ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return problems;
	}
}
