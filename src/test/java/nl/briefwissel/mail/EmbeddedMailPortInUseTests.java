package nl.briefwissel.mail;

import java.net.InetAddress;
import java.net.ServerSocket;

import nl.briefwissel.BriefwisselTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Started while another program (often Briefwissel itself, started earlier) holds the embedded mail server's
 * port, the start ended in a stack trace whose last words advised a longer start-up timeout. Now it names the
 * port and the setting that moves it.
 */
@BriefwisselTest
class EmbeddedMailPortInUseTests {

	@Autowired
	MailProperties properties;

	@Test
	void aTakenPortEndsTheStartWithThePortAndTheSettingThatMovesIt() throws Exception {
		try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			MailProperties onATakenPort = new MailProperties(properties.domain(), properties.from(), properties.fromName(),
					properties.smtp(), properties.imap(), new MailProperties.Embedded(other.getLocalPort(), 0, "briefwissel"),
					properties.outbox(), properties.receiver());

			assertThatThrownBy(() -> new EmbeddedMailServer(onATakenPort)).isInstanceOfSatisfying(
					EmbeddedMailPortInUseException.class, taken -> {
						assertThat(taken.taken()).singleElement().satisfies(port -> {
							assertThat(port.protocol()).isEqualTo("SMTP");
							assertThat(port.port()).isEqualTo(other.getLocalPort());
						});
						FailureAnalysis analysis = analysed(taken);
						assertThat(analysis.getDescription()).contains("SMTP port 127.0.0.1:" + other.getLocalPort())
							.doesNotContain("IMAP");
						assertThat(analysis.getAction()).contains("BRIEFWISSEL_MAIL_EMBEDDED_SMTP_PORT")
							.contains("briefwissel.mail.embedded.smtp-port").contains("README.md");
					});
		}
	}

	/**
	 * As Spring Boot finds it at a failed start: through spring.factories, among its own analyzers (those that need
	 * the failed context's bean factory are left out here).
	 */
	private static FailureAnalysis analysed(Throwable failure) {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, (type, name, notMade) -> {
			})
			.stream()
			.map(analyzer -> analyzer.analyze(failure))
			.filter(analysis -> analysis != null)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no analyzer explained " + failure));
	}
}
