package nl.briefwissel.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long Briefwissel keeps what, beyond each programme's own retention period, and who is
 * responsible: the register of processing shows all of it.
 *
 * @param controller the organisation responsible for the processing (verwerkingsverantwoordelijke)
 * @param dataProtectionOfficer how to reach the data protection officer (functionaris gegevensbescherming)
 * @param retentionInterval how often each node runs the retention job
 * @param retentionInitialDelay wait after start before the first run
 * @param sentMailKeptFor how long a sent mail stays in the outbox table
 * @param unneededMailKeptFor how long received mail that no conversation needs is kept (discarded, auto-replies)
 * @param unfinishedApplicationKeptFor how long an application that never became a trajectory is kept
 * @param auditKeptFor how long the audit trail is kept
 * @param erasureReminderInterval how often each node looks for erasure requests to remind administrators of
 */
@ConfigurationProperties("briefwissel.privacy")
record PrivacyProperties(@DefaultValue("") String controller, @DefaultValue("") String dataProtectionOfficer,
		@DefaultValue("1h") Duration retentionInterval, @DefaultValue("5m") Duration retentionInitialDelay,
		@DefaultValue("30d") Duration sentMailKeptFor, @DefaultValue("30d") Duration unneededMailKeptFor,
		@DefaultValue("90d") Duration unfinishedApplicationKeptFor, @DefaultValue("1095d") Duration auditKeptFor,
		@DefaultValue("1h") Duration erasureReminderInterval) {
}
