package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Why a mail was not sent is kept as its kind and the relay's code, {@code recipient refused: 550 5.1.1}, no longer as
 * the exception's text with the relay's words, which quote the recipient's address (decision 0104). The rows written
 * before are rewritten so: the mail's last error, the error of each attempt, and the coach's warning that mail to the
 * participant fails where a refusal of the relay wrote it ({@code address: the exception's text}; the address stays,
 * as the warning names it, and the code follows it).
 *
 * <p>In Java, not SQL, because the two databases match and replace patterns in their own words. It reads the old
 * text on its own, as it was written until now, and does not use the application's classes, which may change after.
 */
public class V94__a_failed_mail_keeps_its_kind_and_code_not_the_relays_words extends BaseJavaMigration {

	/** The form that is kept from now on; a row in it is left as it is. */
	private static final Pattern KEPT = Pattern.compile("(recipient refused|mail refused|relay refused us|mailbox full"
			+ "|try again later|relay out of reach|secure connection failed|address not writable|mail does not open|loop brake"
			+ "|other)(: ([2-5]\\d\\d( [245]\\.\\d{1,3}\\.\\d{1,3})?|[A-Za-z][A-Za-z0-9_$]{0,99}))?");

	/** The relay's reply in the old text: the exception that carried it, its code and its enhanced status. */
	private static final Pattern REPLY = Pattern.compile(
			"([A-Za-z][A-Za-z0-9_$]*Exception): ([2-5]\\d\\d)(?:[ -]+([245]\\.(\\d{1,3})\\.(\\d{1,3}))(?![\\d.]))?");

	private static final Pattern LEADING_TYPE = Pattern.compile("^([A-Za-z][A-Za-z0-9_$]{0,99}): ");

	private static final Pattern REFUSAL_WARNING = Pattern.compile("^(.*?): ([A-Za-z][A-Za-z0-9_$]*Exception: .*)$", Pattern.DOTALL);

	/** As the outbox told a refusal of us from one of the mail until now (decision 0038). */
	private static final Set<Integer> ABOUT_OUR_SESSION = Set.of(500, 502, 503, 504, 530, 534, 535, 538);

	private static final Set<String> ABOUT_OUR_SETUP = Set.of("1.7", "1.8", "7.0", "7.8", "7.9", "7.11", "7.20", "7.21",
			"7.22", "7.23", "7.24", "7.25", "7.26", "7.27", "7.54", "7.57", "7.60", "7.64", "7.509", "7.515", "7.708", "7.750");

	private static final Pattern ABOUT_US = Pattern.compile("(?i)sender|mail from|envelope from|authenticat"
			+ "|relay(?:ing)?\\s+(?:access\\s+)?(?:denied|not\\s+permitted|prohibited)|unable\\s+to\\s+relay"
			+ "|client host|blocked using|\\bdmarc\\b|\\bspf\\b|\\bdkim\\b");

	private static final Pattern FULL_MAILBOX = Pattern.compile("(?i)mailbox (?:is )?full|over quota|quota exceeded");

	private static final List<String> OUT_OF_REACH = List.of("MailConnectException", "ConnectException", "NoRouteToHostException",
			"UnknownHostException", "SocketTimeoutException");

	/** Rows read from the database at a time, and updates sent at a time. */
	private static final int BATCH = 1_000;

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		rewrite(connection, "select id, last_error, recipient from outbound_mail where last_error is not null",
				"update outbound_mail set last_error = ? where id = ?", 1,
				V94__a_failed_mail_keeps_its_kind_and_code_not_the_relays_words::kept);
		rewrite(connection, """
				select a.outbound_mail_id, a.attempt, a.error, m.recipient
				from outbound_mail_attempt a join outbound_mail m on m.id = a.outbound_mail_id
				where a.error is not null""",
				"update outbound_mail_attempt set error = ? where outbound_mail_id = ? and attempt = ?", 2,
				V94__a_failed_mail_keeps_its_kind_and_code_not_the_relays_words::kept);
		rewrite(connection, "select token, mail_failure from reply_token where mail_failure is not null",
				"update reply_token set mail_failure = ? where token = ?", 1, (old, recipient) -> warning(old));
	}

	/**
	 * Rewrites the text in the column after the {@code keys} key columns of {@code select}, given the recipient in the
	 * column after it where there is one; {@code update} sets the text by the keys. A thousand rows at a time both ways:
	 * after a relay was away for days there may be a million attempts, and read whole (as PostgreSQL's driver reads a
	 * result by default) they filled a small heap, and the application did not start. The driver reads a result in
	 * parts only outside autocommit, as Flyway runs a migration (in a transaction); H2 keeps a large result on disk.
	 */
	private static void rewrite(Connection connection, String select, String update, int keys,
			BinaryOperator<String> rewritten) throws SQLException {
		try (PreparedStatement rows = connection.prepareStatement(select, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
				PreparedStatement statement = connection.prepareStatement(update)) {
			rows.setFetchSize(BATCH);
			try (ResultSet row = rows.executeQuery()) {
				boolean withRecipient = row.getMetaData().getColumnCount() > keys + 1;
				int waiting = 0;
				while (row.next()) {
					String old = row.getString(keys + 1);
					String now = rewritten.apply(old, withRecipient ? row.getString(keys + 2) : null);
					if (now.equals(old)) {
						continue;
					}
					statement.setString(1, now);
					for (int key = 1; key <= keys; key++) {
						statement.setObject(key + 1, row.getObject(key));
					}
					statement.addBatch();
					if (++waiting == BATCH) {
						statement.executeBatch();
						waiting = 0;
					}
				}
				if (waiting > 0) {
					statement.executeBatch();
				}
			}
		}
	}

	/** The coach's warning of a refusal, "address: code"; a bounce's warning (its report's first line) stays. */
	static String warning(String old) {
		Matcher refusal = REFUSAL_WARNING.matcher(old);
		if (!refusal.matches()) {
			return old;
		}
		String kept = kept(refusal.group(2), refusal.group(1));
		int code = kept.indexOf(": ");
		boolean reply = code > 0 && Character.isDigit(kept.charAt(code + 2));
		return reply ? refusal.group(1) + ": " + kept.substring(code + 2) : refusal.group(1);
	}

	/** A failure as the outbox keeps it from now on, from the text it kept until now for a mail to {@code recipient}. */
	static String kept(String old, String recipient) {
		if (KEPT.matcher(old).matches()) {
			return old;
		}
		if (old.contains("(loop brake)")) {
			return "loop brake";
		}
		if (old.contains("UnreadableRecordException")) {
			return "mail does not open: UnreadableRecordException";
		}
		Matcher reply = REPLY.matcher(old);
		if (reply.find()) {
			return kind(reply, old) + ": " + reply.group(2) + (reply.group(3) == null ? "" : " " + reply.group(3));
		}
		if (old.contains("AddressException")) {
			// The recipient's only when it is the address that does not parse, as the outbox says it from now on: the
			// old text does not name the address, and a reply address of ours from the settings fails the same way.
			return writable(recipient) ? "other: AddressException" : "address not writable: AddressException";
		}
		for (String type : OUT_OF_REACH) {
			if (old.contains(type)) {
				return "relay out of reach: " + type;
			}
		}
		Matcher type = LEADING_TYPE.matcher(old);
		if (old.contains("SSL") || old.contains("STARTTLS")) {
			return type.find() ? "secure connection failed: " + type.group(1) : "secure connection failed";
		}
		return type.find() ? "other: " + type.group(1) : "other";
	}

	/** Whether the recipient parses as the outbox writes it into a message (strictly, one address); false for none. */
	private static boolean writable(String recipient) {
		if (recipient == null) {
			return true;
		}
		try {
			return InternetAddress.parse(recipient, true).length == 1;
		}
		catch (AddressException e) {
			return false;
		}
	}

	private static String kind(Matcher reply, String old) {
		int code = Integer.parseInt(reply.group(2));
		String about = reply.group(4) == null ? null : reply.group(4) + "." + reply.group(5);
		if ("2.2".equals(about) || FULL_MAILBOX.matcher(old).find()) {
			return "mailbox full";
		}
		if (code / 100 == 4) {
			return "try again later";
		}
		if (ABOUT_OUR_SESSION.contains(code) || about != null && ABOUT_OUR_SETUP.contains(about) || ABOUT_US.matcher(old).find()
				|| "SMTPSenderFailedException".equals(reply.group(1))) {
			return "relay refused us";
		}
		return "SMTPAddressFailedException".equals(reply.group(1)) ? "recipient refused" : "mail refused";
	}
}
