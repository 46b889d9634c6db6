package nl.briefwissel;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the missing production settings as a list a person can act on. */
class MissingProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingProductionSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionSettingsException cause) {
		String description = "Briefwissel refuses to start with the production profile, because:\n  - "
				+ String.join("\n  - ", cause.problems());
		String action = "Set the environment variables above (see the configuration table in README.md), "
				+ "or start without --spring.profiles.active=production to evaluate Briefwissel on its embedded defaults.";
		return new FailureAnalysis(description, action, cause);
	}
}
