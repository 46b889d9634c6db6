package nl.briefwissel.mail;

import java.time.Duration;

import org.springframework.util.unit.DataSize;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail settings under {@code briefwissel.mail}. With no SMTP host configured, Briefwissel runs its
 * own mail server on loopback (the evaluation default); the production profile refuses that.
 */
@ConfigurationProperties("briefwissel.mail")
public record MailProperties(@DefaultValue("briefwissel.test") String domain, String from,
		@DefaultValue("Briefwissel") String fromName, @DefaultValue Smtp smtp, @DefaultValue Imap imap,
		@DefaultValue Embedded embedded, @DefaultValue Outbox outbox, @DefaultValue Receiver receiver) {

	public boolean usesEmbeddedServer() {
		return smtp.host() == null || smtp.host().isBlank();
	}

	/** The sender address; defaults to {@code noreply@} the mail domain. */
	public String fromAddress() {
		return from == null || from.isBlank() ? "noreply@" + domain : from;
	}

	/**
	 * @param readTimeout how long a reply of the relay may take; RFC 5321 gives the one to the end of a
	 * mail's data ten minutes (decision 0039)
	 */
	public record Smtp(String host, @DefaultValue("587") int port, String username, String password,
			@DefaultValue("true") boolean starttls, @DefaultValue("10m") Duration readTimeout) {

		@Override
		public String toString() {
			return "Smtp[host=" + host + ", port=" + port + ", username=" + username + ", starttls=" + starttls + "]";
		}
	}

	public record Imap(String host, @DefaultValue("993") int port, String username, String password,
			@DefaultValue("true") boolean ssl, @DefaultValue("INBOX") String folder,
			@DefaultValue("5s") Duration pollInterval, @DefaultValue("password") String auth,
			@DefaultValue OAuth2 oauth2, @DefaultValue("35d") Duration deleteStoredAfter) {

		/**
		 * Whether mail stored here is deleted from the mailbox after {@link #deleteStoredAfter} (decision
		 * 0034): the mailbox's copy is outside every erasure and retention period. Zero keeps it.
		 */
		public boolean deletesStored() {
			return deleteStoredAfter != null && deleteStoredAfter.compareTo(Duration.ZERO) > 0;
		}

		public boolean configured() {
			return host != null && !host.isBlank();
		}

		/** Microsoft 365 no longer accepts passwords over IMAP: sign in with an OAuth2 token instead. */
		public boolean xoauth2() {
			return "xoauth2".equalsIgnoreCase(auth);
		}

		@Override
		public String toString() {
			return "Imap[host=" + host + ", port=" + port + ", username=" + username + ", ssl=" + ssl + "]";
		}
	}

	/**
	 * OAuth2 client credentials for IMAP with XOAUTH2 (Microsoft 365: an app registration with the
	 * IMAP.AccessAsApp permission; the token endpoint is
	 * {@code https://login.microsoftonline.com/TENANT/oauth2/v2.0/token}).
	 */
	public record OAuth2(String tokenUri, String clientId, String clientSecret,
			@DefaultValue("https://outlook.office365.com/.default") String scope) {

		@Override
		public String toString() {
			return "OAuth2[tokenUri=" + tokenUri + ", clientId=" + clientId + ", scope=" + scope + "]";
		}
	}

	/** The loopback mail server of the evaluation default. Port 0 picks a free port (tests). */
	public record Embedded(@DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort,
			@DefaultValue("briefwissel") String password) {

		@Override
		public String toString() {
			return "Embedded[smtpPort=" + smtpPort + ", imapPort=" + imapPort + "]";
		}
	}

	/**
	 * The SMTP receiver for sites whose own MTA delivers replies to Briefwissel. It answers
	 * {@code 250} only once the raw mail is committed, and refuses mail larger than {@code maxSize}
	 * with {@code 552}.
	 */
	public record Receiver(@DefaultValue("false") boolean enabled, @DefaultValue("2525") int port,
			@DefaultValue("127.0.0.1") String bindAddress, @DefaultValue("25MB") DataSize maxSize,
			@DefaultValue("100") int maxRecipients) {
	}

	/**
	 * Retry policy of the outbox: exponential back-off from {@code firstRetry} up to {@code maxRetry}, for
	 * {@code maxAttempts} attempts. With the defaults a mail is tried for two days, as mail servers do
	 * (an hour, the old default of 8 attempts, lost every letter queued in an afternoon's relay outage).
	 *
	 * @param automaticPerRecipient automatic mails (notices, reminders, links) to one address within
	 * {@code automaticPeriod} at most; more are recorded as not sent, so no auto-responder can start a loop
	 */
	public record Outbox(@DefaultValue("55") int maxAttempts, @DefaultValue("30s") Duration firstRetry,
			@DefaultValue("1h") Duration maxRetry, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("10") int automaticPerRecipient, @DefaultValue("1h") Duration automaticPeriod) {
	}
}
