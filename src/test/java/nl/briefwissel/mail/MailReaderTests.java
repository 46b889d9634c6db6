package nl.briefwissel.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the reader takes a mail apart where the corpus cannot say it: the corpus compares text with
 * whitespace folded, and its checker counts every inline image of multipart/related as layout.
 */
class MailReaderTests {

	@Test
	void aPhotoPastedIntoTheLetterIsAnAttachmentButASignatureLogoIsNot() {
		ReadMail photoAnswer = MailReader.read(pastedImage("image001.jpg", 120 * 1024));
		assertThat(photoAnswer.attachments()).singleElement().satisfies(photo -> {
			assertThat(photo.name()).isEqualTo("image001.jpg");
			assertThat(photo.contentType()).isEqualTo("image/jpeg");
			assertThat(photo.size()).isEqualTo(120 * 1024);
			assertThat(photo.accepted()).isTrue();
		});

		ReadMail withLogo = MailReader.read(pastedImage("image002.jpg", 6 * 1024));
		assertThat(withLogo.attachments()).isEmpty();
		assertThat(withLogo.text()).contains("Hier is de foto van mijn werkplek.");
	}

	@Test
	void anUnnamedPhotoInlineWithoutAContentIdIsKeptButAnUnnamedLogoIsNot() {
		ReadMail photoAnswer = MailReader.read(unnamedInlineImage(120 * 1024));
		assertThat(photoAnswer.attachments()).singleElement().satisfies(photo -> {
			assertThat(photo.name()).isEqualTo("bijlage.jpg");
			assertThat(photo.contentType()).isEqualTo("image/jpeg");
			assertThat(photo.size()).isEqualTo(120 * 1024);
			assertThat(photo.accepted()).isTrue();
		});
		assertThat(photoAnswer.text()).contains("Hier is de foto van mijn werkplek.");

		assertThat(MailReader.read(unnamedInlineImage(6 * 1024)).attachments()).isEmpty();
	}

	/**
	 * Text of more than four million bytes: cut at a whole character (cut inside one, all of it was read
	 * as windows-1252) and at half a million characters, so the letter fits its column once sealed.
	 */
	@Test
	void aVeryLongTextIsCutAtAWholeCharacterAndKeptShortEnoughToStore() {
		String mail = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
				+ "Caf\u00e9 ".repeat(900_000) + "\r\n";
		ReadMail read = MailReader.read(mail.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.fullText()).startsWith("Caf\u00e9 Caf\u00e9").doesNotContain("Ã");
		assertThat(read.fullText().length()).isLessThanOrEqualTo(MailReader.MAX_LETTER_CHARS + 10);
	}

	/**
	 * Review: a short quote header that names the sender by the name in their From header, not by their
	 * address, stayed in the letter above the cut quote; the reader passes that name to the trimmer.
	 */
	@Test
	void aShortQuoteHeaderThatNamesTheSenderByNameIsCut() {
		String mail = "From: Sanne Bakker <sanne@utrecht.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nIn-Reply-To: <a1@briefwissel.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
				+ "Nog een vraag: mag ik je bellen?\r\n\r\nOp 7 dec. schreef Sanne Bakker:\r\n> Ik twijfel nog.\r\n";
		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.UTF_8));
		assertThat(read.text()).isEqualTo("Nog een vraag: mag ik je bellen?");
		assertThat(read.cutText()).startsWith("Op 7 dec. schreef Sanne Bakker:");
	}

	/** A name and subject in raw windows-1252 bytes (an old mailer) are read as such, not as replacement characters. */
	@Test
	void headersInRawWindows1252AreReadAsSuch() {
		byte[] mail = ("From: No\u00ebl Peeters <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: caf\u00e9 bezoek\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIk kom graag, \u00e9\u00e9n keer.\r\n")
			.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
		// The body is declared UTF-8 and written in windows-1252 too: read as before, by guessing.
		ReadMail read = MailReader.read(mail);
		assertThat(read.fromName()).isEqualTo("No\u00ebl Peeters");
		assertThat(read.subject()).isEqualTo("Re: caf\u00e9 bezoek");
		assertThat(read.text()).contains("\u00e9\u00e9n keer");
	}

	/**
	 * A text part in base64 with a stray character and no padding is read to its last letter; one that
	 * was cut off inside a character keeps the rest in UTF-8 instead of all of it turning into windows-1252.
	 */
	@Test
	void aTextInBrokenBase64IsReadToItsEndAndStaysUtf8() {
		String head = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
		String encoded = java.util.Base64.getEncoder().withoutPadding()
			.encodeToString("Hoi Anja, mijn antwoord is ja.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		ReadMail stray = MailReader.read((head + encoded.substring(0, 8) + "!" + encoded.substring(8) + "\r\n")
			.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		assertThat(stray.text()).isEqualTo("Hoi Anja, mijn antwoord is ja.");

		byte[] letter = "Hoi Anja, \u00e9\u00e9n keer per week, is dat genoeg? Ik kies voor \u00e9\u00e9n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		String cutInsideACharacter = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(letter, letter.length - 2));
		ReadMail cut = MailReader.read((head + cutInsideACharacter + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		assertThat(cut.text()).startsWith("Hoi Anja, \u00e9\u00e9n keer per week").doesNotContain("\u00c3");
	}

	/** The IMAP adapter's mark of a mail too big to fetch counts only on the headers it kept, not in a letter. */
	@Test
	void theTooBigMarkCountsOnlyWithoutABody() {
		String headers = "X-Briefwissel-Too-Big: 40000000\r\nFrom: Noel <noel@example.nl>\r\nSubject: Re: Opdracht 3\r\n"
				+ "To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n\r\n";
		assertThat(MailReader.read(headers.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).kind()).isEqualTo(MailKind.UNREADABLE);
		ReadMail letter = MailReader.read((headers + "Hoi Anja, mijn antwoord.\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		assertThat(letter.kind()).isEqualTo(MailKind.REPLY);
		assertThat(letter.text()).contains("mijn antwoord");
	}

	/**
	 * A manager's mail pasted above the coach's quoted letter: the reader knows the conversation's mails by
	 * the domain of the reply address the mail went to (and the pipeline by the configured sender), so the
	 * pasted mail and the participant's question below it stay in the letter (decision 0059).
	 */
	@Test
	void aMailPastedAboveTheQuotedLetterStaysInTheLetter() {
		String mail = """
				From: Sanne Bakker <sanne@utrecht.nl>
				To: Anja de Vries via Briefwissel <reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test>
				Subject: Re: Je e-coaching, week 3
				Message-ID: <pasted-1@utrecht.nl>
				Content-Type: text/plain; charset=UTF-8
				
				Dit kreeg ik van mijn leidinggevende:
				
				Van: Piet Meijer <p.meijer@werkgever.nl>
				Verzonden: donderdag 3 december 2026 10:12
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Gesprek volgende week
				
				Sanne, ik wil het volgende week met je over je uren hebben.
				
				Hoe bereid ik me voor?
				
				Van: Anja de Vries via Briefwissel <noreply@briefwissel.test>
				Verzonden: dinsdag 1 december 2026 09:00
				Aan: Sanne Bakker <sanne@utrecht.nl>
				Onderwerp: Je e-coaching, week 3
				
				Wat wil je deze week bespreken?
				""";
		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.UTF_8));
		assertThat(read.text()).contains("Van: Piet Meijer", "over je uren hebben.", "Hoe bereid ik me voor?");
		assertThat(read.text()).doesNotContain("Wat wil je deze week bespreken?");
		assertThat(read.cutText()).contains("Wat wil je deze week bespreken?");
		// Outlook showing the coach's name alone: the pipeline's configured sender name says it is ours.
		ReadMail byName = MailReader.read(mail.replace(" <noreply@briefwissel.test>\r\nVerzonden", "\r\nVerzonden")
			.getBytes(StandardCharsets.UTF_8), java.util.List.of(), java.util.List.of("via briefwissel"));
		assertThat(byName.text()).contains("Hoe bereid ik me voor?").doesNotContain("Wat wil je deze week bespreken?");
	}

	/** The file that cannot be decoded is listed as damaged, with nothing kept of it; the letter is kept. */
	@Test
	void aDamagedFileIsListedAsDamagedAndTheLetterKept() throws IOException {
		ReadMail mail = MailReader.read(corpus("attachment-damaged-base64.eml"));
		assertThat(mail.kind()).isEqualTo(MailKind.REPLY);
		assertThat(mail.attachments()).singleElement().satisfies(file -> {
			assertThat(file.accepted()).isFalse();
			assertThat(file.content()).isNull();
			assertThat(file.refusal()).startsWith("damaged");
		});
	}

	@Test
	void flowedTextFromThunderbirdIsJoinedIntoTheLinesThatWereTyped() throws IOException {
		ReadMail mail = MailReader.read(corpus("thunderbird-nl-plain-flowed.eml"));
		// In the mail these sentences are broken after "van de " and "namelijk het ".
		assertThat(mail.text())
			.contains("zouden volgens mij zeggen dat ik geduldig ben, dat ik alles weet van de oude systemen en dat ik nooit")
			.contains("Het moeilijkst vind ik de eerste. Thuis zeggen ze namelijk het tegenovergestelde.")
			.doesNotContain("Kees Mulder")
			.doesNotContain("Dank je wel");
		assertThat(mail.fullText()).contains(
				"> Dank je wel voor je eerlijke antwoord. Wat zou je willen dat je collega's over je zeggen als jij er niet bij bent?");
	}

	@Test
	void withDelSpTheSpaceThatOnlyMarkedTheBreakIsDropped() {
		ReadMail mail = MailReader.read(plain("format=flowed; delsp=yes", "Ik wil werken in de arbeids \nmarktregio Utrecht.\n"));
		assertThat(mail.fullText()).contains("Ik wil werken in de arbeidsmarktregio Utrecht.");
	}

	@Test
	void textThatIsNotFlowedKeepsItsLineBreaks() {
		ReadMail mail = MailReader.read(plain("", "Maandag: gesprek \nDinsdag: sollicitatie\n"));
		assertThat(mail.fullText()).contains("Maandag: gesprek \nDinsdag: sollicitatie");
	}

	@Test
	void flowedLinesJoinOnlyWithinOneQuoteDepthAndNeverOntoTheSignature() {
		String flowed = """
				> Wat zou je doen als je\s
				> niet kon falen?\s
				Ik zou lesgeven\s
				op een mbo.
				 From nu af aan durf ik dat te zeggen.

				Groet,\s
				--\s
				Sanne
				""";
		assertThat(MailReader.unflow(flowed, false)).isEqualTo("""
				> Wat zou je doen als je niet kon falen?
				Ik zou lesgeven op een mbo.
				From nu af aan durf ik dat te zeggen.

				Groet,
				--\s
				Sanne
				""");
	}

	private static byte[] corpus(String name) throws IOException {
		try (InputStream in = MailReaderTests.class.getResourceAsStream("/mail-corpus/" + name)) {
			return in.readAllBytes();
		}
	}

	private static byte[] plain(String parameters, String body) {
		return ("""
				From: Sanne Bakker <sanne.bakker@example.nl>
				To: reply+k7m2q4x9p3r8t5v6w2y3z4a5bc@briefwissel.test
				Subject: Re: Opdracht 2
				Message-ID: <flowed-%d@example.nl>
				Date: Tue, 03 Nov 2026 21:40:12 +0100
				MIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8%s
				Content-Transfer-Encoding: 8bit

				""".formatted(body.hashCode(), parameters.isEmpty() ? "" : "; " + parameters) + body)
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A JPEG's first and last bytes around noise, as a mail carries it: base64 in lines of 76. */
	private static String photoInBase64(int size) {
		byte[] jpeg = new byte[size];
		new Random(size).nextBytes(jpeg);
		jpeg[0] = (byte) 0xFF;
		jpeg[1] = (byte) 0xD8;
		jpeg[2] = (byte) 0xFF; // a JPEG begins FF D8 FF: the type kept is what the bytes are
		jpeg[size - 2] = (byte) 0xFF;
		jpeg[size - 1] = (byte) 0xD9;
		return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(jpeg);
	}

	/** A picture a phone's mail app puts after the text: inline, without a name or a Content-ID, in multipart/mixed. */
	private static byte[] unnamedInlineImage(int size) {
		String base64 = photoInBase64(size);
		return """
				From: Sanne Bakker <sanne.bakker@example.nl>
				To: reply+k7m2q4x9p3r8t5v6w2y3z4a5bc@briefwissel.test
				Subject: Re: Opdracht 4: jouw werkplek
				Message-ID: <unnamed-%1$d@example.nl>
				Date: Tue, 03 Nov 2026 21:40:12 +0100
				MIME-Version: 1.0
				Content-Type: multipart/mixed; boundary="mixed"

				--mixed
				Content-Type: text/plain; charset=UTF-8

				Hier is de foto van mijn werkplek.
				--mixed
				Content-Type: image/jpeg
				Content-Disposition: inline
				Content-Transfer-Encoding: base64

				%2$s
				--mixed--
				""".formatted(size, base64).getBytes(StandardCharsets.UTF_8);
	}

	/** How Outlook desktop and Gmail send a picture pasted into the letter: inline, by Content-ID, in multipart/related. */
	private static byte[] pastedImage(String filename, int size) {
		String base64 = photoInBase64(size);
		return """
				From: Sanne Bakker <sanne.bakker@example.nl>
				To: reply+k7m2q4x9p3r8t5v6w2y3z4a5bc@briefwissel.test
				Subject: Re: Opdracht 4: jouw werkplek
				Message-ID: <pasted-%1$d@example.nl>
				Date: Tue, 03 Nov 2026 21:40:12 +0100
				MIME-Version: 1.0
				Content-Type: multipart/related; boundary="related"; type="multipart/alternative"

				--related
				Content-Type: multipart/alternative; boundary="alternative"

				--alternative
				Content-Type: text/plain; charset=UTF-8

				Hier is de foto van mijn werkplek.

				[cid:%2$s@01DC4E6F.3A2B1C00]
				--alternative
				Content-Type: text/html; charset=UTF-8

				<p>Hier is de foto van mijn werkplek.</p><p><img src="cid:%2$s@01DC4E6F.3A2B1C00"></p>
				--alternative--

				--related
				Content-Type: image/jpeg; name="%2$s"
				Content-Description: %2$s
				Content-Disposition: inline; filename="%2$s"; size=%1$d
				Content-ID: <%2$s@01DC4E6F.3A2B1C00>
				Content-Transfer-Encoding: base64

				%3$s
				--related--
				""".formatted(size, filename, base64).getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * "Afwezig:" at the start of a subject is an out-of-office answer's mark, and also how a person may
	 * start one of their own: a mail with a file, or more text than an automatic answer, is a letter.
	 */
	@Test
	void anAwaySubjectOnALetterWithAFileOrLongTextIsALetter() {
		String head = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Afwezigheid: hoe pak ik mijn re-integratie aan?\r\nMIME-Version: 1.0\r\n";
		String shortText = head + "Content-Type: text/plain; charset=utf-8\r\n\r\nIk ben tot maandag afwezig.\r\n";
		assertThat(MailReader.read(shortText.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(MailKind.AUTO_REPLY);

		String longText = head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "Ik schrijf je over mijn terugkeer. ".repeat(80)
				+ "\r\n";
		assertThat(MailReader.read(longText.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(MailKind.REPLY);

		String withCv = head + "Content-Type: multipart/mixed; boundary=\"g\"\r\n\r\n--g\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\nZie mijn cv.\r\n--g\r\n"
				+ "Content-Type: application/pdf; name=\"cv.pdf\"\r\nContent-Disposition: attachment; filename=\"cv.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n" + Base64.getEncoder().encodeToString("%PDF-1.4 cv".getBytes(StandardCharsets.US_ASCII))
				+ "\r\n--g--\r\n";
		ReadMail letter = MailReader.read(withCv.getBytes(StandardCharsets.UTF_8));
		assertThat(letter.kind()).isEqualTo(MailKind.REPLY);
		assertThat(letter.attachments()).extracting(MailAttachment::name).containsExactly("cv.pdf");

		String outlook = head.replace("Afwezigheid: hoe pak ik mijn re-integratie aan?", "Automatisch antwoord: Opdracht 3")
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "Ik ben afwezig. ".repeat(200) + "\r\n";
		assertThat(MailReader.read(outlook.getBytes(StandardCharsets.UTF_8)).kind()).as("an unmistakable subject")
			.isEqualTo(MailKind.AUTO_REPLY);
	}

	/** Hostile headers are read in time: a subject of twenty thousand "Re:", a recipient header of a megabyte without '@'. */
	@Test
	void hostileHeadersAreReadInLinearTime() {
		String mail = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Cc: " + "a".repeat(1024 * 1024) + "\r\nSubject: " + "Re: ".repeat(20_000) + "Opdracht 3\r\n"
				+ "Content-Type: text/plain; charset=utf-8\r\n\r\nMijn antwoord.\r\n";
		// Quadratic, it took an hour; a minute is far more than linear needs on any machine.
		ReadMail read = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofMinutes(1),
				() -> MailReader.read(mail.getBytes(StandardCharsets.UTF_8)));
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.text()).contains("Mijn antwoord.");
	}

	/**
	 * Slightly wrong MIME as old mailers write it, read as a mail client reads it: an unquoted boundary
	 * with '=' in it, an encoded word run together with the rest of a file name, an empty multipart.
	 */
	@Test
	void slightlyWrongMimeIsReadLeniently() {
		String unquoted = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=----=_NextPart_000_0012\r\n\r\n"
				+ "------=_NextPart_000_0012\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nMijn antwoord staat hier.\r\n"
				+ "------=_NextPart_000_0012\r\nContent-Type: application/pdf\r\n"
				+ "Content-Disposition: attachment; filename==?UTF-8?Q?CV_Jos=C3=A9?=.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ Base64.getEncoder().encodeToString("%PDF-1.4 cv".getBytes(StandardCharsets.US_ASCII)) + "\r\n"
				+ "------=_NextPart_000_0012--\r\n";
		ReadMail read = MailReader.read(unquoted.getBytes(StandardCharsets.US_ASCII));
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.text()).contains("Mijn antwoord staat hier.");
		assertThat(read.attachments()).extracting(MailAttachment::name).containsExactly("CV Jos\u00e9.pdf");
	}

	/** The test build sets MimeLeniency's settings before any test runs; they must be the same. */
	@Test
	void theTestBuildReadsMailAsTheApplicationDoes() {
		MimeLeniency.apply(); // leaves what the build set: a run outside it has the application's own
		MimeLeniency.PROPERTIES.forEach((name, value) -> assertThat(System.getProperty(name)).as(name).isEqualTo(value));
	}

	/**
	 * A Message-ID is printable ASCII (RFC 5322); one with 8-bit or control characters is read as none,
	 * so it never goes into the In-Reply-To or References of our answer.
	 */
	@Test
	void aMessageIdWithEightBitOrControlCharactersIsLeftOut() {
		String mail = "From: Jan <jan@example.nl>\r\nTo: reply+abcdefghijklmnop@briefwissel.test\r\nSubject: Antwoord\r\n"
				+ "Message-ID: <caf\u00e9-1@example.nl>\r\n"
				+ "In-Reply-To: <bel\u0007-2@example.nl>\r\n"
				+ "References: <goed-0@briefwissel.test> <del\u007f-3@example.nl> <goed-1@briefwissel.test>\r\n\r\nTekst\r\n";
		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.UTF_8));
		assertThat(read.messageId()).isNull();
		assertThat(read.inReplyTo()).isNull();
		assertThat(read.references()).containsExactly("<goed-0@briefwissel.test>", "<goed-1@briefwissel.test>");
	}

	/**
	 * A file of a text type other than the letter's (a table, an agenda item, a contact card) sent without
	 * a name: it was neither the letter nor a file, and went without a word.
	 */
	@Test
	void aTextFileWithoutANameIsKeptAsAFile() {
		String mail = """
				From: Sara <sara@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: Mijn planning
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: text/plain; charset=utf-8

				Hierbij mijn planning en de afspraak.
				--b
				Content-Type: text/csv; charset=utf-8

				dag,taak
				maandag,solliciteren
				--b
				Content-Type: text/calendar; method=PUBLISH; charset=utf-8

				BEGIN:VCALENDAR
				END:VCALENDAR
				--b--
				""".replace("\n", "\r\n");
		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.UTF_8));
		assertThat(read.text()).isEqualTo("Hierbij mijn planning en de afspraak.");
		assertThat(read.attachments()).extracting(MailAttachment::name, MailAttachment::contentType)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("bijlage.csv", "text/csv"),
					org.assertj.core.groups.Tuple.tuple("bijlage.ics", "text/calendar"));
		assertThat(new String(read.attachments().get(0).content(), StandardCharsets.UTF_8)).contains("maandag,solliciteren");
	}

	/**
	 * Outlook quotes a mail it forwards as it quotes one it answers (the same rule and Van/Verzonden
	 * block, the same divRplyFwdMsg in HTML): only the subject says it was forwarded. A vacancy sent along
	 * is the participant's material, as a forward from Gmail is; a reply to the forward is trimmed as ever.
	 */
	@Test
	void aMailForwardedFromOutlookKeepsWhatWasForwarded() {
		String plain = """
				From: Sara <sara@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: %s
				Content-Type: text/plain; charset=utf-8

				Hoi Anja, deze vacature bedoelde ik. Wat vind je?

				________________________________
				Van: Werken bij de Gemeente <vacatures@gemeente.example>
				Verzonden: maandag 2 november 2026 16:45
				Aan: Sara <sara@example.nl>
				Onderwerp: Vacature beleidsadviseur

				Als beleidsadviseur jeugd werk je aan het nieuwe jeugdbeleid.
				""".replace("\n", "\r\n");
		for (String subject : new String[] { "FW: Vacature beleidsadviseur", "Doorst: Vacature beleidsadviseur" }) {
			ReadMail forwarded = MailReader.read(plain.formatted(subject).getBytes(StandardCharsets.UTF_8));
			assertThat(forwarded.text()).as(subject).contains("Hoi Anja, deze vacature bedoelde ik.")
				.contains("Als beleidsadviseur jeugd werk je aan het nieuwe jeugdbeleid.");
		}
		String html = """
				From: Sara <sara@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: Doorst: Vacature beleidsadviseur
				Content-Type: text/html; charset=utf-8

				<html><body><div>Hoi Anja, deze vacature bedoelde ik.</div><div id="appendonsend"></div><hr>
				<div id="divRplyFwdMsg"><b>Van:</b> Werken bij &lt;vacatures@gemeente.example&gt;<br><b>Verzonden:</b>
				maandag 2 november 2026 16:45<br><b>Aan:</b> Sara<br><b>Onderwerp:</b> Vacature</div>
				<div><p>Als beleidsadviseur jeugd werk je aan het nieuwe jeugdbeleid.</p></div></body></html>
				""".replace("\n", "\r\n");
		assertThat(MailReader.read(html.getBytes(StandardCharsets.UTF_8)).text())
			.contains("Als beleidsadviseur jeugd werk je aan het nieuwe jeugdbeleid.");

		ReadMail reply = MailReader.read(plain.formatted("RE: FW: Vacature beleidsadviseur").getBytes(StandardCharsets.UTF_8));
		assertThat(reply.text()).isEqualTo("Hoi Anja, deze vacature bedoelde ik. Wat vind je?");
	}

	/**
	 * A walk found Sanne's Outlook on the web signature in her letter ("Sanne Bakker | Gemeente Voorbeeld",
	 * in the conversation and the record). A signature the mail program marks as one (Outlook's
	 * id=Signature and ms-outlook-mobile-signature, Gmail's gmail_signature) goes as a marked quote goes; an
	 * unmarked one stays, and so does a signature that is all the mail has (the .eml keeps all of it).
	 */
	@Test
	void aSignatureTheMailProgramMarksIsNotPartOfTheLetter() {
		String outlook = """
				From: Sanne <sanne@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: RE: Je e-coaching met Anja
				Content-Type: text/html; charset=utf-8

				<html><body><div id="divtagdefaultwrapper"><p>Hoi Anja, deze week heb ik twee gesprekken gevoerd.</p>
				<div id="Signature"><p>Sanne Bakker | Gemeente Voorbeeld</p><p>06 12345678</p></div></div>
				<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>Van:</b> Anja</div><div>Oude brief</div></body></html>
				""".replace("\n", "\r\n");
		assertThat(MailReader.read(outlook.getBytes(StandardCharsets.UTF_8)).text())
			.isEqualTo("Hoi Anja, deze week heb ik twee gesprekken gevoerd.");
		String phone = outlook.replace("id=\"Signature\"", "id=\"ms-outlook-mobile-signature\"");
		assertThat(MailReader.read(phone.getBytes(StandardCharsets.UTF_8)).text())
			.isEqualTo("Hoi Anja, deze week heb ik twee gesprekken gevoerd.");
		String gmail = outlook.replace("id=\"Signature\"", "class=\"gmail_signature\" data-smartmail=\"gmail_signature\"");
		assertThat(MailReader.read(gmail.getBytes(StandardCharsets.UTF_8)).text())
			.isEqualTo("Hoi Anja, deze week heb ik twee gesprekken gevoerd.");

		String unmarked = outlook.replace(" id=\"Signature\"", "");
		assertThat(MailReader.read(unmarked.getBytes(StandardCharsets.UTF_8)).text()).contains("Sanne Bakker | Gemeente Voorbeeld");
		String onlySignature = outlook.replace("<p>Hoi Anja, deze week heb ik twee gesprekken gevoerd.</p>", "");
		assertThat(MailReader.read(onlySignature.getBytes(StandardCharsets.UTF_8)).text()).contains("Sanne Bakker | Gemeente Voorbeeld");
	}

	/**
	 * A participant wrote Hoi Anja and then the letter itself inside the block Outlook marks as the signature (the
	 * cursor stood in it): the block went as a signature, and only the greeting was kept. A marked block longer
	 * than a signature is (four lines, 300 characters) is kept; a short one still goes.
	 */
	@Test
	void aLetterWrittenInsideTheMarkedSignatureIsKept() {
		String mail = """
				From: Sanne <sanne@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: RE: Je e-coaching met Anja
				Content-Type: text/html; charset=utf-8

				<html><body><div id="divtagdefaultwrapper"><p>Hoi Anja,</p>
				<div id="Signature"><p>Deze week heb ik twee gesprekken gevoerd.</p><p>Het eerste ging over mijn uren.</p>
				<p>Het tweede over een opleiding tot docent.</p><p>Ik twijfel nog welke kant ik op wil.</p>
				<p>Groetjes, Sanne</p></div></div>
				<div id="appendonsend"></div><hr><div id="divRplyFwdMsg"><b>Van:</b> Anja</div><div>Oude brief</div></body></html>
				""".replace("\n", "\r\n");
		assertThat(MailReader.read(mail.getBytes(StandardCharsets.UTF_8)).text()).startsWith("Hoi Anja,")
			.contains("Deze week heb ik twee gesprekken gevoerd.", "Ik twijfel nog welke kant ik op wil.", "Groetjes, Sanne")
			.doesNotContain("Oude brief");
		String oneLong = mail.replace("<p>Het eerste ging over mijn uren.</p>", "<p>" + "Het eerste ging over mijn uren. ".repeat(10) + "</p>")
			.replace("<p>Het tweede over een opleiding tot docent.</p><p>Ik twijfel nog welke kant ik op wil.</p>", "");
		assertThat(MailReader.read(oneLong.getBytes(StandardCharsets.UTF_8)).text()).contains("Het eerste ging over mijn uren.");
		String signature = mail.replace("<p>Het tweede over een opleiding tot docent.</p><p>Ik twijfel nog welke kant ik op wil.</p>", "")
			.replace("<p>Het eerste ging over mijn uren.</p>", "");
		assertThat(MailReader.read(signature.getBytes(StandardCharsets.UTF_8)).text()).isEqualTo("Hoi Anja,");
	}

	/**
	 * A read receipt (RFC 8098: a report of type disposition-notification) is written by a mail program,
	 * not by the participant: an automatic answer, never their letter.
	 */
	@Test
	void aReadReceiptIsAnAutomaticAnswer() {
		String mail = """
				From: Sara <sara@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: Gelezen: Je volgende stap
				Content-Type: multipart/report; report-type=disposition-notification; boundary="b"

				--b
				Content-Type: text/plain; charset=utf-8

				Uw bericht is gelezen op maandag 2 november 2026 16:45.
				--b
				Content-Type: message/disposition-notification

				Reporting-UA: sara-pc; Microsoft Outlook 16.0
				Final-Recipient: rfc822;sara@example.nl
				Disposition: manual-action/MDN-sent-manually; displayed
				--b--
				""".replace("\n", "\r\n");
		assertThat(MailReader.read(mail.getBytes(StandardCharsets.UTF_8)).kind()).isEqualTo(MailKind.AUTO_REPLY);
	}

	/** A forwarded mail is named after its subject as a mail program saves it; a slash in it is no folder. */
	@Test
	void aForwardedMailIsNamedAfterItsWholeSubject() {
		String mail = """
				From: Sara <sara@example.nl>
				To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test
				Subject: Uitnodiging
				Content-Type: multipart/mixed; boundary="b"

				--b
				Content-Type: text/plain; charset=utf-8

				Zie de uitnodiging.
				--b
				Content-Type: message/rfc822

				From: hr@gemeente.example
				Subject: Uitnodiging gesprek 1/2 (24/7 bereikbaar)
				Content-Type: text/plain

				Welkom.
				--b--
				""".replace("\n", "\r\n");
		assertThat(MailReader.read(mail.getBytes(StandardCharsets.UTF_8)).attachments()).extracting(MailAttachment::name)
			.containsExactly("Uitnodiging gesprek 1-2 (24-7 bereikbaar).eml");
	}

	/**
	 * A text that decodes into garbage is unreadable, with its headers read so it is held for its conversation: base64
	 * that is no base64 (in a charset nobody knows, or in UTF-8). What a mail client still reads stays a letter: an
	 * unknown charset on plain words, a loose '=' in quoted-printable.
	 */
	@Test
	void aTextThatDecodesIntoGarbageIsUnreadableWithItsHeadersAndReadableTextIsNot() {
		String head = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\n";
		for (String charset : List.of("bogus-charset", "utf-8")) {
			ReadMail garbage = MailReader.read((head + "Content-Type: text/plain; charset=" + charset
					+ "\r\nContent-Transfer-Encoding: base64\r\n\r\nDit is geen base64, maar gewone tekst!\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			assertThat(garbage.kind()).as(charset).isEqualTo(MailKind.UNREADABLE);
			assertThat(garbage.undecodable()).as(charset).isTrue();
			assertThat(garbage.problem()).as(charset).contains("no base64");
			assertThat(garbage.from()).isEqualTo("noel@example.nl");
			assertThat(garbage.replyToken()).isEqualTo("abcdefghijklmnopqrstuvwxyz");
			assertThat(garbage.text()).isEmpty();
		}
		ReadMail unknownCharset = MailReader.read((head + "Content-Type: text/plain; charset=bogus-charset\r\n\r\n"
				+ "Hoi Anja, caf\u00e9 morgen?\r\n").getBytes(StandardCharsets.ISO_8859_1));
		assertThat(unknownCharset.kind()).isEqualTo(MailKind.REPLY);
		assertThat(unknownCharset.text()).isEqualTo("Hoi Anja, caf\u00e9 morgen?");
		ReadMail looseEquals = MailReader.read((head + "Content-Type: text/plain; charset=utf-8\r\n"
				+ "Content-Transfer-Encoding: quoted-printable\r\n\r\n2+2=4, en caf=C3=A9 =ZZ klopt.\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		assertThat(looseEquals.kind()).isEqualTo(MailKind.REPLY);
		assertThat(looseEquals.text()).contains("2+2=4, en caf\u00e9");
		ReadMail controls = MailReader.read((head + "Content-Type: text/plain; charset=bogus-charset\r\n"
				+ "Content-Transfer-Encoding: quoted-printable\r\n\r\n=01=02=03=1B=ZZ=04=05\r\n").getBytes(StandardCharsets.US_ASCII));
		assertThat(controls.undecodable()).isTrue();
	}

	/**
	 * One or two bytes no charset has (0x81 in windows-1252) are a stray byte in a letter, read with a replacement
	 * character as mail programs show it; only a text that is for a real share such characters is held.
	 */
	@Test
	void aStrayByteIsReadAndATextOfMostlyGarbageIsHeld() {
		String head = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
				+ "Content-Transfer-Encoding: 8bit\r\n\r\n";
		byte[] stray = (head + "Hoi Anja, het caf\u00e9 is morgen om tien uur open\u0081. Tot dan!\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		ReadMail read = MailReader.read(stray);
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.text()).startsWith("Hoi Anja, het caf\u00e9 is morgen om tien uur open");
		byte[] garbage = (head + "Ok\u0081\u008d\u008f\u0090\u009d\u0081\u008d\u008f\u0090\u009d\u0001\u0002xy\u0081\u0090\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		ReadMail held = MailReader.read(garbage);
		assertThat(held.kind()).isEqualTo(MailKind.UNREADABLE);
		assertThat(held.undecodable()).isTrue();
	}

	/** Chinese mail labelled gb2312 is mostly written in GBK, Korean labelled euc-kr in windows-949: read in those supersets. */
	@Test
	void gb2312LabelledTextInGbkIsRead() {
		String letter = "\u6211\u5011\u660e\u5929\u898b\u9762\uff0c\u8b1d\u8b1d\u3002";
		byte[] head = ("From: Li <li@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nContent-Type: text/plain; charset=gb2312\r\n"
				+ "Content-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] body = (letter + "\r\n").getBytes(java.nio.charset.Charset.forName("GBK"));
		byte[] mail = java.util.Arrays.copyOf(head, head.length + body.length);
		System.arraycopy(body, 0, mail, head.length, body.length);
		ReadMail read = MailReader.read(mail);
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.text()).isEqualTo(letter);
		// Korean mail labelled euc-kr is windows-949 (\ub620 is only there).
		String korean = "\ub620\ubc29\uac01\ud558, \uc548\ub155\ud558\uc138\uc694.";
		byte[] koreanHead = ("From: Kim <kim@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nContent-Type: text/plain; charset=euc-kr\r\n"
				+ "Content-Transfer-Encoding: 8bit\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] koreanBody = (korean + "\r\n").getBytes(java.nio.charset.Charset.forName("x-windows-949"));
		byte[] koreanMail = java.util.Arrays.copyOf(koreanHead, koreanHead.length + koreanBody.length);
		System.arraycopy(koreanBody, 0, koreanMail, koreanHead.length, koreanBody.length);
		assertThat(MailReader.read(koreanMail).text()).isEqualTo(korean);
	}

	/** A garbage text part after a letter that reads (a relay's footer) is left out; the letter is read. */
	@Test
	void aGarbagePartAfterAReadableLetterIsLeftOut() {
		String mail = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
				+ "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHoi Anja, tot morgen.\r\n"
				+ "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
				+ "Content-Disposition: inline\r\n\r\nDit is geen base64, maar gewone tekst!\r\n--b--\r\n";
		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.US_ASCII));
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.undecodable()).isFalse();
		assertThat(read.text()).isEqualTo("Hoi Anja, tot morgen.");
	}

	/**
	 * The other way round (review): the letter is the garbage and a relay's footer that reads comes after it. The footer
	 * alone would have been threaded as the participant's letter, their words lost without a word: held.
	 */
	@Test
	void aGarbageLetterWithAReadableFooterAfterItIsHeld() {
		String mail = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
				+ "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
				+ "Content-Disposition: inline\r\n\r\nDit is geen base64, maar gewone tekst!\r\n"
				+ "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGescand op virussen door de mailserver.\r\n--b--\r\n";
		ReadMail read = MailReader.read(mail.getBytes(StandardCharsets.US_ASCII));
		assertThat(read.kind()).isEqualTo(MailKind.UNREADABLE);
		assertThat(read.undecodable()).isTrue();
		assertThat(read.from()).isEqualTo("noel@example.nl");
	}

	/**
	 * A garbage letter with a report attached: held, and the report named with its type and size for whoever decides
	 * on the mail, none of it kept. It was mentioned nowhere.
	 */
	@Test
	void aGarbageLetterNamesTheFilesItBroughtWithoutKeepingThem() {
		String mail = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
				+ "--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ "Dit is geen base64, maar gewone tekst!\r\n"
				+ "--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"verslag.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoK\r\n--b--\r\n";
		ReadMail held = MailReader.read(mail.getBytes(StandardCharsets.US_ASCII));
		assertThat(held.kind()).isEqualTo(MailKind.UNREADABLE);
		assertThat(held.undecodable()).isTrue();
		assertThat(held.attachments()).singleElement().satisfies(file -> {
			assertThat(file.name()).isEqualTo("verslag.pdf");
			assertThat(file.contentType()).isEqualTo("application/pdf");
			assertThat(file.size()).isPositive();
			assertThat(file.content()).isNull();
			assertThat(file.accepted()).isFalse();
		});
	}

	/**
	 * Outlook's and Gmail's shape (review): the letter as alternatives, both garbage, in a mixed with a relay's footer
	 * after it. Held, as a garbage letter alone is; with its HTML alternative readable, the letter is that HTML and
	 * the footer follows it, not the footer alone.
	 */
	@Test
	void aGarbageLetterOfAlternativesWithAFooterAfterItIsHeldAndAReadableHtmlOneKeepsItsWords() {
		String head = "From: Noel <noel@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Opdracht 3\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
				+ "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
				+ "--a\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ "Dit is geen base64, maar gewone tekst!\r\n";
		String footer = "--m\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nGescand op virussen door de mailserver.\r\n--m--\r\n";
		String garbageHtml = "--a\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ "Ook dit is geen base64, echt niet!\r\n--a--\r\n";
		ReadMail held = MailReader.read((head + garbageHtml + footer).getBytes(StandardCharsets.US_ASCII));
		assertThat(held.kind()).isEqualTo(MailKind.UNREADABLE);
		assertThat(held.undecodable()).isTrue();

		String goodHtml = "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hoi Anja, tot morgen.</p>\r\n--a--\r\n";
		ReadMail read = MailReader.read((head + goodHtml + footer).getBytes(StandardCharsets.US_ASCII));
		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.text()).startsWith("Hoi Anja, tot morgen.");
	}
}
