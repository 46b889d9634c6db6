package nl.briefwissel.conversation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.Fixtures;
import nl.briefwissel.mail.InboundMail;
import nl.briefwissel.mail.InboundMails;
import nl.briefwissel.mail.MailReader;
import nl.briefwissel.mail.ReplyAddress;
import nl.briefwissel.trajectory.NoticeKind;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.TrajectoryLifecycle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two mails of one participant handled at the same moment (by two nodes on one database, or two workers of one)
 * give one notice, not two: the second waits until the first one's notice is committed, and then sees it
 * (HeldBackNotices' hourly limit). On PostgreSQL a mail's entry holds the trajectory's row shared, so that row alone
 * let both ask at once; on H2, where it is locked for update, they take turns either way. The mails are stored as the
 * pipeline stores them, already taken, and handled in transactions of their own as a worker handles them.
 */
@BriefwisselTest
class NoticesAtOnceTests {

	@Autowired
	Fixtures fixtures;

	@Autowired
	ReplyTokens tokens;

	@Autowired
	ReplyAddress replyAddress;

	@Autowired
	InboundReplies replies;

	@Autowired
	InboundMails inbound;

	@Autowired
	TrajectoryLifecycle lifecycle;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	Fixtures.RunningTrajectory running;

	String reply;

	@BeforeEach
	void aConversation() {
		running = fixtures.runningTrajectory(true);
		reply = replyAddress.of(tokens.tokenFor(running.id(), running.participant().id()));
	}

	@Test
	void twoEmptyMailsHandledAtOnceAreToldOnce() throws Exception {
		atOnce(mail(""), mail(""));

		assertThat(held()).isEqualTo(2);
		assertThat(notices(NoticeKind.MAIL_EMPTY)).isOne();
	}

	/**
	 * Letters, kept both: the notice of a letter after the end is limited as the held mail's. With a coach they also
	 * took turns before, on the row that names the letter on the coach's workspace (written before the notice).
	 */
	@Test
	void twoLettersAfterTheEndHandledAtOnceAreToldOnce() throws Exception {
		lifecycle.complete(running.id(), running.coach().id(), Reason.QUESTION_ANSWERED, null);

		atOnce(mail("Ik heb toch nog een vraag."), mail("En nog een."));

		assertThat(jdbc.sql("select count(*) from message where trajectory_id = :t and author_role = 'PARTICIPANT'")
			.param("t", running.id())
			.query(Long.class)
			.single()).isEqualTo(2);
		assertThat(notices(NoticeKind.LETTER_AFTER_THE_END)).isOne();
	}

	/**
	 * The first mail is handled on the "other node" and its transaction stays open a while after its notice was
	 * queued; the second is handled on this one meanwhile. Under a second: H2's lock timeout.
	 */
	private void atOnce(byte[] first, byte[] second) throws Exception {
		UUID firstId = stored(first);
		UUID secondId = stored(second);
		CountDownLatch handled = new CountDownLatch(1);
		CompletableFuture<Void> otherNode = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
			replies.handle(new InboundMail(firstId, OffsetDateTime.now(), MailReader.read(first)));
			handled.countDown();
			sleep(Duration.ofMillis(700)); // its notice not yet committed while this node handles the second
		}));
		assertThat(handled.await(20, TimeUnit.SECONDS)).isTrue();

		transactions.executeWithoutResult(status -> replies.handle(new InboundMail(secondId, OffsetDateTime.now(),
				MailReader.read(second))));

		otherNode.get(20, TimeUnit.SECONDS);
	}

	/** Stored and taken in one transaction, so the running pipeline never handles it itself. */
	private UUID stored(byte[] raw) {
		return transactions.execute(status -> {
			UUID id = inbound.store(raw, InboundMails.Source.SMTP, null, List.of()).id();
			jdbc.sql("update inbound_mail set status = 'PROCESSED' where id = :id").param("id", id).update();
			return id;
		});
	}

	private byte[] mail(String text) {
		return ("From: " + running.participant().email() + "\r\nTo: " + reply + "\r\nSubject: Re: Opdracht 3\r\nMessage-ID: <at-once-"
				+ UUID.randomUUID() + "@example.nl>\r\nDate: Tue, 3 Nov 2026 10:00:00 +0100\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	private long held() {
		return jdbc.sql("select count(*) from quarantined_mail where trajectory_id = :t")
			.param("t", running.id())
			.query(Long.class)
			.single();
	}

	private long notices(NoticeKind kind) {
		return jdbc.sql("""
				select count(*) from outbound_mail m join outbound_mail_about a on a.mail_id = m.id
				where a.about_id = :t and m.notice_kind = :kind""")
			.param("t", running.id())
			.param("kind", kind.name())
			.query(Long.class)
			.single();
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
