package nl.briefwissel.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outlook's winmail.dat as Outlook writes it ([MS-OXTNEF]): the version, the code page, the message's
 * properties, then per file its data, its 8.3 title and its properties with the long name.
 */
class TnefTests {

	private static final Charset CP1252 = Charset.forName("windows-1252");

	private static final byte[] DOCX = "PK\u0003\u0004 een Word-bestand".getBytes(StandardCharsets.ISO_8859_1);

	private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};

	@Test
	void theFilesInAWinmailDatComeOutWithTheirLongNamesAndTypes() {
		Tnef.Content content = Tnef.read(outlookWinmail()).orElseThrow();

		assertThat(content.files()).hasSize(3);
		Tnef.File cv = content.files().get(0);
		assertThat(cv.name()).isEqualTo("CV Eva de Jong \u2013 2026.docx");
		assertThat(cv.type()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(cv.content()).isEqualTo(DOCX);
		Tnef.File photo = content.files().get(1);
		assertThat(photo.name()).isEqualTo("werkplek \u00e9\u00e9n.jpg"); // the title in the code page, no long name
		assertThat(photo.type()).isNull();
		assertThat(photo.content()).isEqualTo(JPEG);
		Tnef.File item = content.files().get(2);
		assertThat(item.name()).isEqualTo("Uitnodiging gesprek");
		assertThat(item.content()).isNull(); // an Outlook item, no file
		assertThat(content.text()).isEqualTo("Hierbij mijn cv en een foto van mijn werkplek.");
	}

	@Test
	void aStreamCutOffKeepsTheFilesThatWereWholeAndSaysSo() {
		byte[] whole = outlookWinmail();
		assertThat(Tnef.read(whole).orElseThrow().whole()).isTrue();
		byte[] cut = Arrays.copyOf(whole, whole.length - 60); // inside the last item's properties
		Tnef.Content content = Tnef.read(cut).orElseThrow();
		assertThat(content.whole()).isFalse();
		assertThat(content.files()).extracting(Tnef.File::name)
			.containsExactly("CV Eva de Jong \u2013 2026.docx", "werkplek \u00e9\u00e9n.jpg");
	}

	/** Cut inside a file's data (base64 cut in transit): the file is not offered with part of its bytes. */
	@Test
	void aFileTheStreamBreaksOffInIsLeftOutAndTheWinmailDatKept() {
		byte[] whole = outlookWinmail();
		byte[] cut = Arrays.copyOf(whole, indexOf(whole, JPEG) + 3);
		ReadMail read = MailReader.read(withWinmail("Zie bijlagen.", cut));
		assertThat(read.attachments()).extracting(MailAttachment::name)
			.containsExactly("CV Eva de Jong \u2013 2026.docx", "winmail.dat");
	}

	/** Legacy TNEF carries the text in attBody (atpText, 0x0002800C), not in the MAPI properties. */
	@Test
	void theTextOfAttBodyIsRead() {
		Writer tnef = new Writer();
		tnef.attribute(0x0002800C, "Alleen in attBody.".getBytes(CP1252));
		assertThat(Tnef.read(tnef.bytes()).orElseThrow().text()).isEqualTo("Alleen in attBody.");
	}

	/** A property list of values that take no bytes, each claiming all that is left: read in no time, not in hours. */
	@Test
	void valuesThatTakeNoBytesCannotKeepTheReaderBusy() {
		ByteBuffer props = buffer(8 * 100_000 + 4);
		props.putInt(100_000);
		for (int i = 0; i < 100_000; i++) {
			props.putShort((short) 0x1001).putShort((short) 0x0E1F).putInt(props.remaining() - 4);
		}
		Writer tnef = new Writer();
		tnef.attribute(0x00069003, le(props));
		assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
				() -> Tnef.read(tnef.bytes()))).isPresent();
	}

	/** A file attached by reference (a link to Outlook's cloud) has no data: listed as not come, not as an empty file. */
	@Test
	void aFileWithoutDataIsListedAsNotCome() {
		Writer tnef = new Writer();
		tnef.attribute(0x00069002, new byte[14]);
		tnef.attribute(0x00018010, string8("Begroting.xlsx"));
		ReadMail read = MailReader.read(withWinmail("Zie de link.", tnef.bytes()));
		assertThat(read.attachments()).singleElement().satisfies(file -> {
			assertThat(file.name()).isEqualTo("Begroting.xlsx");
			assertThat(file.accepted()).isFalse();
			assertThat(file.refusal()).startsWith("damaged");
		});
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + needle.length), needle)) {
				return i;
			}
		}
		throw new IllegalArgumentException("not found");
	}

	@Test
	void whatIsNotTnefGivesNothing() {
		assertThat(Tnef.read("not a winmail.dat at all".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(Tnef.read(new byte[] {0x78, (byte) 0x9F, 0x3E, 0x22, 0, 0})).isEmpty();
		assertThat(Tnef.read(new byte[0])).isEmpty();
	}

	@Test
	void aPropertyListThatLiesAboutItsLengthsEndsTheReadingWithoutAnError() {
		Writer tnef = new Writer();
		tnef.attribute(0x00069002, new byte[14]);
		tnef.attribute(0x00018010, string8("brief.pdf"));
		tnef.attribute(0x0006800F, "%PDF-1.7".getBytes(StandardCharsets.US_ASCII));
		tnef.attribute(0x00069005, le(buffer(16).putInt(3).putShort((short) 0x001F).putShort((short) 0x3707)
			.putInt(1).putInt(Integer.MAX_VALUE)));
		Tnef.Content content = Tnef.read(tnef.bytes()).orElseThrow();
		assertThat(content.files()).singleElement().satisfies(file -> assertThat(file.name()).isEqualTo("brief.pdf"));
	}

	/** The coach gets the CV and the photo; the letter is the mail's own text; winmail.dat itself is gone. */
	@Test
	void aMailWithAWinmailDatGivesTheCoachTheFilesInIt() {
		ReadMail read = MailReader.read(mail("multipart/mixed; boundary=\"b1\"", """
				--b1\r
				Content-Type: text/plain; charset="us-ascii"\r
				\r
				Dag Anja, hierbij mijn cv zoals beloofd.\r
				\r
				--b1\r
				Content-Type: application/ms-tnef; name="winmail.dat"\r
				Content-Disposition: attachment; filename="winmail.dat"\r
				Content-Transfer-Encoding: base64\r
				\r
				""" + Base64.getMimeEncoder().encodeToString(outlookWinmail()) + "\r\n--b1--\r\n"));

		assertThat(read.kind()).isEqualTo(MailKind.REPLY);
		assertThat(read.text()).contains("hierbij mijn cv zoals beloofd");
		assertThat(read.attachments()).extracting(MailAttachment::name)
			.containsExactly("CV Eva de Jong \u2013 2026.docx", "werkplek \u00e9\u00e9n.jpg", "Uitnodiging gesprek");
		assertThat(read.attachments().get(0).accepted()).isTrue();
		assertThat(read.attachments().get(0).content()).isEqualTo(DOCX);
		assertThat(read.attachments().get(1).contentType()).isEqualTo("image/jpeg");
		assertThat(read.attachments().get(1).accepted()).isTrue();
		assertThat(read.attachments().get(2).accepted()).isFalse();
		assertThat(read.attachments().get(2).refusal()).startsWith("outlook item");
	}

	/** Exchange to a server it thinks reads TNEF: the whole mail is winmail.dat; the letter is in it. */
	@Test
	void aMailThatIsOnlyAWinmailDatGivesItsLetter() {
		ReadMail read = MailReader.read(mail("application/ms-tnef; name=\"winmail.dat\"",
				Base64.getMimeEncoder().encodeToString(outlookWinmail()) + "\r\n", "Content-Transfer-Encoding: base64\r\n"));

		assertThat(read.text()).isEqualTo("Hierbij mijn cv en een foto van mijn werkplek.");
		assertThat(read.attachments()).hasSize(3);
	}

	/** A winmail.dat with only the letter's formatting in it is no file for the coach. */
	@Test
	void aWinmailDatWithoutFilesIsLeftOut() {
		Writer tnef = new Writer();
		tnef.attribute(0x00089006, new byte[] {0, 0, 1, 0});
		tnef.attribute(0x00069003, le(buffer(24).putInt(1).putShort((short) 0x0102).putShort((short) 0x1009)
			.putInt(1).putInt(4).put("LZFu".getBytes(StandardCharsets.US_ASCII))));
		ReadMail read = MailReader.read(withWinmail("Opgemaakt in Outlook.", tnef.bytes()));
		assertThat(read.attachments()).isEmpty();
		assertThat(read.text()).contains("Opgemaakt in Outlook.");
	}

	/** A winmail.dat that is not TNEF at all is kept as it came: it is the sender's file. */
	@Test
	void aWinmailDatThatIsNoTnefIsKeptAsItCame() {
		ReadMail read = MailReader.read(mail("multipart/mixed; boundary=\"b1\"", """
				--b1\r
				Content-Type: text/plain; charset="us-ascii"\r
				\r
				Zie bijlage.\r
				--b1\r
				Content-Type: application/octet-stream; name="winmail.dat"\r
				Content-Disposition: attachment; filename="winmail.dat"\r
				\r
				gewoon tekst\r
				--b1--\r
				"""));
		assertThat(read.attachments()).singleElement().satisfies(file -> {
			assertThat(file.name()).isEqualTo("winmail.dat");
			assertThat(file.accepted()).isTrue();
		});
	}

	/** A letter in text, and a winmail.dat after it as Outlook attaches one. */
	private static byte[] withWinmail(String letter, byte[] winmail) {
		return mail("multipart/mixed; boundary=\"b1\"", "--b1\r\nContent-Type: text/plain; charset=\"us-ascii\"\r\n\r\n" + letter
				+ "\r\n--b1\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
				+ Base64.getMimeEncoder().encodeToString(winmail) + "\r\n--b1--\r\n");
	}

	private static byte[] mail(String contentType, String body) {
		return mail(contentType, body, "");
	}

	private static byte[] mail(String contentType, String body, String extraHeaders) {
		return ("From: Eva de Jong <eva@gemeente.test>\r\nTo: reply+k7m2q4x9p3r8t5v6w2y3z4a5bc@briefwissel.test\r\n"
				+ "Subject: RE: Opdracht 2\r\nMessage-ID: <tnef-1@gemeente.test>\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType
				+ "\r\n" + extraHeaders + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
	}

	/** A winmail.dat as Outlook writes it: a CV with a long name, a photo with only a title, and an invitation. */
	static byte[] outlookWinmail() {
		Writer tnef = new Writer();
		tnef.attribute(0x00089006, new byte[] {0, 0, 1, 0}); // attTnefVersion
		tnef.attribute(0x00069007, le(buffer(8).putInt(1252).putInt(0))); // attOemCodepage
		tnef.attribute(0x00078008, string8("IPM.Microsoft Mail.Note"));
		// The message's properties: a named property first (to be stepped over), then the plain body.
		byte[] body = "Hierbij mijn cv en een foto van mijn werkplek.\0".getBytes(CP1252);
		ByteBuffer props = buffer(512);
		props.putInt(3);
		props.putShort((short) 0x0003).putShort((short) 0x8005).put(new byte[16]).putInt(1).putInt(12)
			.put("n\0a\0a\0m\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII)).putInt(7);
		props.putShort((short) 0x000B).putShort((short) 0x0E1F).putShort((short) 1).putShort((short) 0);
		props.putShort((short) 0x001E).putShort((short) 0x1000).putInt(1).putInt(body.length).put(body).put(pad(body.length));
		tnef.attribute(0x00069003, le(props));

		tnef.attribute(0x00069002, new byte[14]); // attAttachRenddata
		tnef.attribute(0x0006800F, DOCX);
		tnef.attribute(0x00018010, string8("CVEVAD~1.DOC"));
		byte[] longName = "CV Eva de Jong \u2013 2026.docx\0".getBytes(StandardCharsets.UTF_16LE);
		byte[] mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document\0".getBytes(CP1252);
		ByteBuffer file = buffer(512);
		file.putInt(3);
		file.putShort((short) 0x0003).putShort((short) 0x3705).putInt(1); // by value
		file.putShort((short) 0x001F).putShort((short) 0x3707).putInt(1).putInt(longName.length).put(longName).put(pad(longName.length));
		file.putShort((short) 0x001E).putShort((short) 0x370E).putInt(1).putInt(mime.length).put(mime).put(pad(mime.length));
		tnef.attribute(0x00069005, le(file));

		tnef.attribute(0x00069002, new byte[14]);
		tnef.attribute(0x0006800F, JPEG);
		tnef.attribute(0x00018010, string8("werkplek \u00e9\u00e9n.jpg"));

		tnef.attribute(0x00069002, new byte[14]);
		tnef.attribute(0x00018010, string8("Uitnodiging gesprek"));
		ByteBuffer item = buffer(64);
		item.putInt(2);
		item.putShort((short) 0x0003).putShort((short) 0x3705).putInt(5); // an embedded message
		item.putShort((short) 0x000D).putShort((short) 0x3701).putInt(1).putInt(20).put(new byte[20]);
		tnef.attribute(0x00069005, le(item));
		return tnef.bytes();
	}

	private static byte[] string8(String text) {
		return (text + "\0").getBytes(CP1252);
	}

	private static byte[] pad(int length) {
		return new byte[((length + 3) & ~3) - length];
	}

	private static ByteBuffer buffer(int capacity) {
		return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
	}

	private static byte[] le(ByteBuffer buffer) {
		return Arrays.copyOf(buffer.array(), buffer.position());
	}

	/** Writes the attribute framing: level, id, length, data, checksum. */
	static final class Writer {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Writer() {
			out.writeBytes(ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putInt(0x223E9F78).putShort((short) 1).array());
		}

		void attribute(int id, byte[] data) {
			int level = switch (id & 0xFFFF) {
				case 0x9002, 0x800F, 0x8010, 0x9005 -> 2; // an attachment's attributes
				default -> 1;
			};
			int checksum = 0;
			for (byte b : data) {
				checksum += b & 0xFF;
			}
			out.writeBytes(ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) level).putInt(id).putInt(data.length).array());
			out.writeBytes(data);
			out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) checksum).array());
		}

		byte[] bytes() {
			return out.toByteArray();
		}
	}
}
