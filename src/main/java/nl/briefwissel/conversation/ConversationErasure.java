package nl.briefwissel.conversation;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.mail.MailErasure;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.TrajectoryEvents.TrajectoryErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The conversation's part of an erasure: every message's words, attachments, notes, drafts,
 * highlights, the reply address, quarantined mail, the addresses accepted for it (decision 0089) and the mail itself. The message rows stay,
 * empty, because response times and kept contact moments are counted from their dates.
 */
@Component
class ConversationErasure {

	private final JdbcClient jdbc;

	private final MailErasure mail;

	private final ReplyAddress replyAddress;

	ConversationErasure(JdbcClient jdbc, MailErasure mail, ReplyAddress replyAddress) {
		this.jdbc = jdbc;
		this.mail = mail;
		this.replyAddress = replyAddress;
	}

	@EventListener
	void on(TrajectoryErased erased) {
		UUID trajectory = erased.trajectoryId();
		Set<UUID> inbound = new HashSet<>(jdbc.sql(
				"select inbound_mail_id from message where trajectory_id = :t and inbound_mail_id is not null")
			.param("t", trajectory)
			.query(UUID.class)
			.list());
		inbound.addAll(jdbc.sql("select inbound_mail_id from quarantined_mail where trajectory_id = :t")
			.param("t", trajectory)
			.query(UUID.class)
			.list());
		// This trajectory's mail, not all mail to the participant's address: at the end of its retention
		// period the participant may be in another trajectory, whose letters are still on their way.
		Set<String> mailIds = new HashSet<>(jdbc.sql(
				"select mail_message_id from message where trajectory_id = :t and mail_message_id is not null")
			.param("t", trajectory)
			.query(String.class)
			.list());
		Set<String> replyAddresses = new HashSet<>(jdbc.sql("select token from reply_token where trajectory_id = :t")
			.param("t", trajectory)
			.query(String.class)
			.list()
			.stream()
			.map(replyAddress::of)
			.toList());
		jdbc.sql("delete from message_attachment where message_id in (select id from message where trajectory_id = :t)")
			.param("t", trajectory)
			.update();
		jdbc.sql("update message set body = '', body_key_id = null, inbound_mail_id = null where trajectory_id = :t").param("t", trajectory).update();
		for (String table : new String[] { "highlight", "coach_note", "draft", "reply_token", "quarantined_mail",
				"letter_after_the_end", "accepted_address" }) {
			jdbc.sql("delete from " + table + " where trajectory_id = :t").param("t", trajectory).update();
		}
		mail.forgetInbound(inbound);
		mail.forgetMailOf(mailIds, replyAddresses);
		// The notices about the trajectory to others (a handover to the coaches, the confirmation to the
		// employer) name the participant, and have no reply address to find them by.
		mail.forgetMailAbout(trajectory);
	}
}
