package nl.briefwissel.mail;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says which of the embedded mail server's ports is taken and how to move it, instead of a stack trace. */
class EmbeddedMailPortInUseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedMailPortInUseException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedMailPortInUseException cause) {
		String description = "The embedded mail server could not start: another program listens on "
				+ cause.taken().stream().map(p -> p.protocol() + " port " + p.host() + ":" + p.port())
					.collect(Collectors.joining(" and "))
				+ ". Often that is Briefwissel itself, started earlier and still running.";
		String action = "Stop the program that uses the port, or give the embedded mail server other ports: "
				+ cause.taken().stream().map(p -> p.variable() + " (" + p.property() + ")")
					.collect(Collectors.joining(" and "))
				+ ", for example 3026 and 3144, or 0 for any free port (the port chosen is logged at the start). "
				+ "See the configuration table in README.md.";
		return new FailureAnalysis(description, action, cause);
	}
}
