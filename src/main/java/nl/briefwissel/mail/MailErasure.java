package nl.briefwissel.mail;

import java.time.OffsetDateTime;
import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets mail: on erasure of a trajectory and when mail has been kept long enough. A forgotten
 * inbound mail keeps its row and deduplication key, with nothing left in it, so that a late
 * redelivery of the same mail is recognised and not stored again.
 */
@Service
public class MailErasure {

	private static final byte[] NOTHING = new byte[0];

	private final JdbcClient jdbc;

	MailErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Empties these inbound mails: raw text, envelope and outcome. One still waiting to be processed is
	 * done with: there is nothing left to process, and read empty it came back as an unreadable mail.
	 */
	@Transactional
	public int forgetInbound(Collection<java.util.UUID> inboundMailIds) {
		if (inboundMailIds.isEmpty()) {
			return 0;
		}
		return jdbc.sql("""
				update inbound_mail set raw_mail = :nothing, raw_mail_key_id = null, size_bytes = 0, envelope_from = null, envelope_to = null,
				    outcome = null, last_error = null, message_id = null,
				    status = case when status = 'RECEIVED' then 'PROCESSED' else status end
				where id in (:ids)""")
			.param("nothing", NOTHING)
			.param("ids", inboundMailIds)
			.update();
	}

	/** Removes every queued, sent or failed mail to this address. */
	@Transactional
	public int forgetMailTo(String address) {
		return jdbc.sql("delete from outbound_mail where lower(recipient) = lower(:address)")
			.param("address", address)
			.update();
	}

	/**
	 * Removes every queued, sent or failed mail of one conversation: those with these Message-IDs, and
	 * those answered at these reply addresses (the conversation's notices).
	 */
	@Transactional
	public int forgetMailOf(Collection<String> messageIds, Collection<String> replyAddresses) {
		int forgotten = 0;
		if (!messageIds.isEmpty()) {
			forgotten += jdbc.sql("delete from outbound_mail where message_id in (:ids)").param("ids", messageIds).update();
		}
		if (!replyAddresses.isEmpty()) {
			forgotten += jdbc.sql("delete from outbound_mail where reply_to in (:addresses)")
				.param("addresses", replyAddresses)
				.update();
		}
		return forgotten;
	}

	/**
	 * Removes every queued, sent or failed mail that was marked as being about this record (see
	 * {@link OutgoingMail#about()}): erased, it must not be told about any more, nor kept in a notice.
	 */
	@Transactional
	public int forgetMailAbout(java.util.UUID about) {
		return jdbc.sql("delete from outbound_mail where id in (select mail_id from outbound_mail_about where about_id = :about)")
			.param("about", about)
			.update();
	}

	/**
	 * Removes sent (and given up) mail older than this: its words live on in the conversation, or nowhere.
	 * A coach's letter whose mail was given up stays: it is what shows the letter as not sent, with the
	 * button to send it again; gone, the letter looked delivered. It goes with the trajectory's erasure.
	 */
	@Transactional
	public int forgetSentBefore(OffsetDateTime cutoff) {
		return jdbc.sql("""
				delete from outbound_mail
				where (status = 'SENT' and sent_at < :cutoff)
				   or (status = 'FAILED' and created_at < :cutoff
				       and not exists (select 1 from message m where m.mail_message_id = outbound_mail.message_id))""")
			.param("cutoff", cutoff)
			.update();
	}

	/**
	 * Empties processed inbound mail older than this that no message and no open quarantine entry
	 * needs: mail that was discarded, or that was only ever an auto-reply or a bounce; and mail the
	 * pipeline gave up on that nobody put back in the queue since (counted from its last attempt, so a
	 * mail an administrator tried again keeps its full period).
	 */
	@Transactional
	public int forgetUnneededInboundBefore(OffsetDateTime cutoff) {
		return jdbc.sql("""
				update inbound_mail set raw_mail = :nothing, raw_mail_key_id = null, size_bytes = 0, envelope_from = null, envelope_to = null,
				    outcome = null, last_error = null
				where size_bytes > 0 and (status = 'PROCESSED' and received_at < :cutoff
				    or status = 'FAILED' and next_attempt_at < :cutoff)
				  and id not in (select inbound_mail_id from message where inbound_mail_id is not null)
				  and id not in (select inbound_mail_id from quarantined_mail where resolved_at is null)""")
			.param("nothing", NOTHING)
			.param("cutoff", cutoff)
			.update();
	}
}
