package nl.briefwissel.mail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The type a file is kept as is what its bytes are, not what the sender's mail program or browser
 * said: Apple Mail and Outlook send a photo as application/octet-stream, and anyone can call an HTML
 * page image/png. Only the images a browser shows (JPEG, PNG, GIF, WebP) are recognised.
 */
class AttachmentTypeTests {

	@Test
	void aPhotoByMailIsKeptAsTheImageItsBytesAreWhateverItsTypeSays() {
		byte[] jpeg = image("jpg");
		byte[] png = image("png");
		ReadMail read = MailReader.read(mail(
				part("image/jpeg; name=foto.jpg", "attachment; filename=foto.jpg", jpeg),
				part("image/JPEG; name=\"IMG_0002.JPG\"", "attachment; filename=\"IMG_0002.JPG\"", jpeg),
				part("application/octet-stream; x-unix-mode=0644; name=\"IMG_0003.jpg\"", "attachment; filename=\"IMG_0003.jpg\"", jpeg),
				part("application/octet-stream; name=\"scan\"", "attachment; filename=\"scan\"", png),
				part("image/png; name=\"page.png\"", "attachment; filename=\"page.png\"", html())));

		assertThat(read.attachments()).extracting(MailAttachment::name, MailAttachment::contentType)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("foto.jpg", "image/jpeg"),
					org.assertj.core.groups.Tuple.tuple("IMG_0002.JPG", "image/jpeg"),
					org.assertj.core.groups.Tuple.tuple("IMG_0003.jpg", "image/jpeg"),
					org.assertj.core.groups.Tuple.tuple("scan", "image/png"),
					org.assertj.core.groups.Tuple.tuple("page.png", "application/octet-stream"));
	}

	@Test
	void aFileFromTheWebFormIsKeptAsTheImageItsBytesAreNotAsTheBrowserSaid() throws IOException {
		assertThat(received("foto.jpg", "image/jpeg", image("jpg")).contentType()).isEqualTo("image/jpeg");
		assertThat(received("foto.jpg", "application/octet-stream", image("jpg")).contentType()).isEqualTo("image/jpeg");
		assertThat(received("plaatje.gif", "", image("gif")).contentType()).isEqualTo("image/gif");
		assertThat(received("page.png", "image/png", html()).contentType()).isEqualTo("application/octet-stream");
		assertThat(received("page.html", "image/jpeg; charset=utf-8", html()).contentType()).isEqualTo("application/octet-stream");
		// Other types are kept as said (lower case, without parameters): only a download, whatever they are.
		assertThat(received("cv.pdf", "Application/PDF; name=cv.pdf", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)).contentType())
			.isEqualTo("application/pdf");
		// An unnamed file gets its name from what its bytes are.
		assertThat(received("", "application/octet-stream", image("png")).name()).isEqualTo("bijlage.png");
	}

	@Test
	void aPhonesWebpIsRecognisedAndItsHeicKeptAsItCame() throws IOException {
		assertThat(received("IMG_0004.webp", "application/octet-stream", webp()).contentType()).isEqualTo("image/webp");
		MailAttachment heic = received("IMG_0005.HEIC", "image/heic", heic());
		assertThat(heic.contentType()).isEqualTo("image/heic");
		assertThat(ImageFormat.of(heic.content())).isEmpty();
	}

	@Test
	void theFormatIsReadFromTheFirstBytes() {
		assertThat(ImageFormat.of(image("jpg"))).contains(ImageFormat.JPEG);
		assertThat(ImageFormat.of(image("png"))).contains(ImageFormat.PNG);
		assertThat(ImageFormat.of(image("gif"))).contains(ImageFormat.GIF);
		assertThat(ImageFormat.of(webp())).contains(ImageFormat.WEBP);
		assertThat(ImageFormat.of(html())).isEmpty();
		assertThat(ImageFormat.of(new byte[] { (byte) 0xFF, (byte) 0xD8 })).isEmpty();
		assertThat(ImageFormat.of("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
		assertThat(ImageFormat.of(new byte[0])).isEmpty();
		assertThat(ImageFormat.of(null)).isEmpty();
	}

	private static MailAttachment received(String name, String type, byte[] content) throws IOException {
		return MailAttachment.received(name, type, new ByteArrayInputStream(content));
	}

	/** A real image of two by two pixels, as ImageIO writes it. */
	static byte[] image(String format) {
		BufferedImage image = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, 0x336699);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			assertThat(ImageIO.write(image, format, out)).isTrue();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	private static byte[] html() {
		return "<!doctype html><script>alert(document.cookie)</script>".getBytes(StandardCharsets.US_ASCII);
	}

	/** The start of a lossy WebP as Android's camera writes it: RIFF, its size, WEBP, a VP8 chunk. */
	private static byte[] webp() {
		byte[] bytes = new byte[40];
		byte[] head = "RIFF\u0020\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(head, 0, bytes, 0, head.length);
		return bytes;
	}

	/** The start of an iPhone's HEIC: an ISO media box of type ftyp, brand heic. */
	private static byte[] heic() {
		byte[] bytes = new byte[40];
		byte[] head = "\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(head, 0, bytes, 0, head.length);
		return bytes;
	}

	private static String part(String type, String disposition, byte[] content) {
		return "--mixed\r\nContent-Type: " + type + "\r\nContent-Disposition: " + disposition
				+ "\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64.getMimeEncoder().encodeToString(content) + "\r\n";
	}

	private static byte[] mail(String... parts) {
		return ("""
				From: Sanne Bakker <sanne.bakker@example.nl>\r
				To: reply+k7m2q4x9p3r8t5v6w2y3z4a5bc@briefwissel.test\r
				Subject: Re: Opdracht 4: jouw werkplek\r
				Message-ID: <photos@example.nl>\r
				Date: Tue, 03 Nov 2026 21:40:12 +0100\r
				MIME-Version: 1.0\r
				Content-Type: multipart/mixed; boundary="mixed"\r
				\r
				--mixed\r
				Content-Type: text/plain; charset=UTF-8\r
				\r
				Hier zijn mijn foto's.\r
				""" + String.join("", parts) + "--mixed--\r\n").getBytes(StandardCharsets.UTF_8);
	}
}
