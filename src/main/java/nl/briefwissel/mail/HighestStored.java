package nl.briefwissel.mail;

import java.util.List;
import java.util.Optional;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The highest UID stored from one IMAP mailbox (V51): mail above it is new whether someone read it
 * or not. Kept per UIDVALIDITY, which a server changes when it numbers the mailbox anew. A mailbox
 * seen for the first time starts at the mail it holds now (its UIDNEXT): what was read before was
 * read before this version too, and is not fetched again by the thousand.
 */
final class HighestStored {

	private final JdbcClient jdbc;

	private final String mailbox;

	private final long validity;

	private long uid;

	private HighestStored(JdbcClient jdbc, String mailbox, long validity, long uid) {
		this.jdbc = jdbc;
		this.mailbox = mailbox;
		this.validity = validity;
		this.uid = uid;
	}

	/** The mailbox's mark; one that cannot say (no UIDs, no UIDVALIDITY) marks nothing: {@link #uid()} is -1. */
	static HighestStored of(JdbcClient jdbc, Folder folder) throws MessagingException {
		if (!(folder instanceof UIDFolder uids) || uids.getUIDValidity() <= 0) {
			return new HighestStored(jdbc, null, -1, -1);
		}
		String mailbox = name(folder);
		long validity = uids.getUIDValidity();
		Optional<Long> known = jdbc.sql("select highest_uid from imap_stored_uid where mailbox = :mailbox and uid_validity = :validity")
			.param("mailbox", mailbox)
			.param("validity", validity)
			.query(Long.class)
			.optional();
		if (known.isPresent()) {
			return new HighestStored(jdbc, mailbox, validity, known.get());
		}
		long next = uids.getUIDNext();
		long start = next > 0 ? next - 1 : -1;
		HighestStored fresh = new HighestStored(jdbc, mailbox, validity, start);
		if (start >= 0) {
			fresh.write();
		}
		return fresh;
	}

	long uid() {
		return uid;
	}

	/** Moves the mark up to the highest of these mails, now that they are committed. */
	void advance(Folder folder, List<Message> committed) throws MessagingException {
		if (mailbox == null || !(folder instanceof UIDFolder uids)) {
			return;
		}
		long highest = uid;
		for (Message message : committed) {
			highest = Math.max(highest, uids.getUID(message));
		}
		if (highest > uid) {
			uid = highest;
			write();
		}
	}

	private void write() {
		int updated = jdbc.sql("update imap_stored_uid set uid_validity = :validity, highest_uid = :uid where mailbox = :mailbox")
			.param("validity", validity)
			.param("uid", uid)
			.param("mailbox", mailbox)
			.update();
		if (updated == 0) {
			jdbc.sql("insert into imap_stored_uid (mailbox, uid_validity, highest_uid) values (:mailbox, :validity, :uid)")
				.param("mailbox", mailbox)
				.param("validity", validity)
				.param("uid", uid)
				.update();
		}
	}

	/** The mailbox as user, server and folder: never its password. */
	private static String name(Folder folder) {
		jakarta.mail.URLName url = folder.getStore().getURLName();
		String name = url.getUsername() + "@" + url.getHost() + ":" + url.getPort() + "/" + folder.getFullName();
		return name.length() > 400 ? name.substring(0, 400) : name;
	}
}
