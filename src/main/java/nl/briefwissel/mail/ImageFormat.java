package nl.briefwissel.mail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The images every browser shows, known by their first bytes (the signatures of the WHATWG MIME
 * Sniffing standard) and never by the type a mail program or browser sent along: Apple Mail and
 * Outlook send a photo as application/octet-stream, and anyone can call an HTML page image/png.
 * HEIC is not among them: most browsers cannot show it, so it stays a file to download.
 */
public enum ImageFormat {

	JPEG("image/jpeg"), PNG("image/png"), GIF("image/gif"), WEBP("image/webp");

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final String mediaType;

	ImageFormat(String mediaType) {
		this.mediaType = mediaType;
	}

	public String mediaType() {
		return mediaType;
	}

	/** What the bytes are, if they are one of these images. */
	public static Optional<ImageFormat> of(byte[] content) {
		if (content == null) {
			return Optional.empty();
		}
		if (startsWith(content, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
			return Optional.of(JPEG);
		}
		if (startsWith(content, 0, PNG_SIGNATURE)) {
			return Optional.of(PNG);
		}
		if (startsWith(content, 0, ascii("GIF87a")) || startsWith(content, 0, ascii("GIF89a"))) {
			return Optional.of(GIF);
		}
		// RIFF, four bytes of length, WEBPVP: a WAV or AVI is RIFF too.
		if (startsWith(content, 0, ascii("RIFF")) && startsWith(content, 8, ascii("WEBPVP"))) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	/** The format of a type as it is kept: a file's kept type is only one of these if its bytes were. */
	public static Optional<ImageFormat> ofType(String mediaType) {
		return Arrays.stream(values()).filter(image -> image.mediaType.equals(mediaType)).findFirst();
	}

	/** The type a file with these bytes is kept as, given the one it came with. */
	static String typeOf(byte[] content, String claimed) {
		Optional<ImageFormat> format = of(content);
		if (format.isPresent()) {
			return format.get().mediaType;
		}
		// A file that says it is one of these images and is not: nothing can be shown of it.
		return content != null && ofType(claimed).isPresent() ? "application/octet-stream" : claimed;
	}

	private static byte[] ascii(String signature) {
		return signature.getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean startsWith(byte[] content, int offset, byte... signature) {
		return content.length >= offset + signature.length
				&& Arrays.equals(content, offset, offset + signature.length, signature, 0, signature.length);
	}
}
