package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reader still knows of a mail it does not keep, and what it never shows as the mail's own
 * (decision 0075): a mail too big to keep still says who sent it and to which reply address, so the
 * conversation's coach and its participant can be told; an Outlook reply's quote is cut without a line
 * the mail never had.
 */
class HeldBackMailReaderTests {

	private static final String HEADERS = """
			From: Sanne Bakker <Sanne@Example.nl>
			To: Anja de Vries via Briefwissel <reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test>
			Subject: Re: Opdracht 3, de video
			Message-ID: <video-1@example.nl>
			Date: Tue, 3 Nov 2026 10:00:00 +0100
			""".replace("\n", "\r\n");

	/** As the IMAP adapter keeps a mail above the limit: its headers, and how big it was. */
	@Test
	void aMailKeptAsItsHeadersOnlyIsTooBigAndStillNamesItsSenderAndReplyAddress() {
		byte[] raw = ("X-Briefwissel-Too-Big: 41943040\r\n" + HEADERS + "\r\n").getBytes(StandardCharsets.UTF_8);

		ReadMail read = MailReader.read(raw);

		assertThat(read.kind()).isEqualTo(MailKind.UNREADABLE);
		assertThat(read.tooBig()).isTrue();
		assertThat(read.problem()).startsWith("too big: 41943040 bytes");
		assertThat(read.from()).isEqualTo("sanne@example.nl");
		assertThat(read.replyToken()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
		assertThat(read.subject()).isEqualTo("Re: Opdracht 3, de video");
		assertThat(read.text()).isEmpty();
		assertThat(read.attachments()).isEmpty();
	}

	/** A whole mail above the limit (an SMTP receiver set to take more): its headers are read, its body is not. */
	@Test
	void aWholeMailAboveTheLimitIsTooBigAndStillNamesItsSenderAndReplyAddress() {
		byte[] head = (HEADERS + "Content-Type: text/plain; charset=utf-8\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] raw = java.util.Arrays.copyOf(head, MailReader.MAX_MAIL_BYTES + 1024);
		java.util.Arrays.fill(raw, head.length, raw.length, (byte) 'v');

		ReadMail read = MailReader.read(raw, List.of("reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test"));

		assertThat(read.tooBig()).isTrue();
		assertThat(read.from()).isEqualTo("sanne@example.nl");
		assertThat(read.replyToken()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
		assertThat(read.fullText()).isEmpty();
	}

	@Test
	void aMailThatCannotBeReadIsNotTooBig() {
		assertThat(MailReader.read("garbage without headers".getBytes(StandardCharsets.UTF_8)).tooBig()).isFalse();
	}

	/**
	 * Outlook's HTML reply marks where the quote starts (divRplyFwdMsg) without any text saying so. The
	 * trimmer is told by a line of its own, which is no part of the mail: it is in neither what was cut
	 * nor the whole text (it showed as an English "-----Original Message-----" on a Dutch page).
	 */
	@Test
	void anOutlookHtmlReplyIsCutWithoutALineTheMailNeverHad() {
		String mail = """
				From: Sanne Bakker <sanne@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: RE: Opdracht 3
				In-Reply-To: <brief-3@briefwissel.test>
				Content-Type: text/html; charset=utf-8

				<html><body><div>Hoi Anja, ik wil meer met mensen werken.</div><div id="appendonsend"></div><hr>
				<div id="divRplyFwdMsg"><b>Van:</b> Anja de Vries via Briefwissel &lt;noreply@briefwissel.test&gt;<br><b>Verzonden:</b>
				dinsdag 3 november 2026 09:00<br><b>Aan:</b> Sanne<br><b>Onderwerp:</b> Opdracht 3</div>
				<div><p>Wat wil je het liefst doen in je werk?</p></div></body></html>
				""".replace("\n", "\r\n");

		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.UTF_8));

		assertThat(read.text()).isEqualTo("Hoi Anja, ik wil meer met mensen werken.");
		assertThat(read.cutText()).contains("Wat wil je het liefst doen in je werk?").doesNotContain("Original Message")
			.doesNotContain("\u000b");
		assertThat(read.cutText().strip()).startsWith("Van:");
		assertThat(read.fullText()).doesNotContain("Original Message").doesNotContain("\u000b")
			.contains("Hoi Anja, ik wil meer met mensen werken.");
	}

	/** A separator line the mail does have is its own: kept where it was. */
	@Test
	void aSeparatorTheMailHasItselfStaysInWhatWasCut() {
		String mail = """
				From: Sanne Bakker <sanne@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: RE: Opdracht 3
				In-Reply-To: <brief-3@briefwissel.test>
				Content-Type: text/html; charset=utf-8

				<html><body><div>Hoi Anja, ik wil meer met mensen werken.</div>
				<div class="OutlookMessageHeader"><p>-----Oorspronkelijk bericht-----</p><p>Van: Anja de Vries<br>Verzonden: dinsdag
				3 november 2026 09:00<br>Onderwerp: Opdracht 3</p></div>
				<div><p>Wat wil je het liefst doen in je werk?</p></div></body></html>
				""".replace("\n", "\r\n");

		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.UTF_8));

		assertThat(read.text()).isEqualTo("Hoi Anja, ik wil meer met mensen werken.");
		assertThat(read.cutText()).contains("-----Oorspronkelijk bericht-----").doesNotContain("Original Message");
	}
}
