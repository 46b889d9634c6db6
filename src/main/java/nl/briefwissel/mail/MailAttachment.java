package nl.briefwissel.mail;

/**
 * A file that came with a mail. {@code name} is already safe to show and to offer as a download
 * name; {@code refusal} says why the content was not kept (too big, a blocked type), else null.
 * {@code contentType} of a file with content is what its bytes are where they are an image a browser
 * shows ({@link ImageFormat}), whatever the sender said; a file that claims to be one and is not is
 * application/octet-stream.
 */
public record MailAttachment(String name, String contentType, long size, byte[] content, String refusal) {

	public MailAttachment {
		contentType = ImageFormat.typeOf(content, contentType);
	}

	static final long MAX_BYTES = 15L * 1024 * 1024;

	/** Types that run as programs: kept as a name with a refusal, never as content anyone can open. */
	private static final java.util.Set<String> BLOCKED_EXTENSIONS = java.util.Set.of("exe", "com", "bat", "cmd", "scr", "pif",
			"js", "jse", "vbs", "vbe", "wsf", "wsh", "msi", "msp", "jar", "ps1", "hta", "cpl", "dll", "lnk", "iso", "img",
			"apk", "sh", "reg");

	/**
	 * A file as it arrives, by mail or uploaded on the web: one policy for both. A safe name, and the
	 * content unless it is too big or of a blocked type, in which case the refusal says why.
	 */
	public static MailAttachment received(String filename, String contentType, java.io.InputStream in)
			throws java.io.IOException {
		byte[] content = in.readNBytes((int) MAX_BYTES + 1);
		// Read from the bytes before a file too big is let go: its refusal names what it was.
		contentType = ImageFormat.typeOf(content, baseType(contentType));
		String name = SafeFileName.of(filename, contentType);
		if (content.length > MAX_BYTES) {
			return new MailAttachment(name, contentType, content.length, null,
					"too big: more than " + MAX_BYTES / (1024 * 1024) + " MB");
		}
		String extension = SafeFileName.extension(name);
		if (BLOCKED_EXTENSIONS.contains(extension)) {
			return new MailAttachment(name, contentType, content.length, null, "blocked type: ." + extension);
		}
		return new MailAttachment(name, contentType, content.length, content, null);
	}

	/**
	 * The type without its parameters, in lower case: a browser's "image/JPEG" or "image/jpeg; name=x"
	 * is image/jpeg. A type is a short token pair; anything else is made up, and would not fit its column.
	 * Also how {@link MailReader} reads a mail part's type the mail parser refuses: one reading of a type as written.
	 */
	static String baseType(String contentType) {
		String base = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
		return base.length() <= 100 && base.matches("[\\w.+-]+/[\\w.+-]+") ? base : "application/octet-stream";
	}

	/** A file that arrived damaged (it cannot be decoded): its name, and why nothing of it is kept. */
	static MailAttachment damaged(String filename, String contentType, String why) {
		String type = contentType == null || contentType.length() > 100 || contentType.isBlank() ? "application/octet-stream" : contentType;
		return new MailAttachment(SafeFileName.of(filename, type), type, 0, null, "damaged: cannot be decoded (" + why + ")");
	}

	/** A small image shown in the mail's text, left out as layout (a signature's logo): its name and size, no content. */
	/**
	 * A file of a mail whose text could not be read, named only: the mail is held, not a letter, so nothing of it is
	 * kept, but the person who decides on it reads which files it brought (a report, a CV) and how large they are.
	 */
	static MailAttachment namedOnly(MailAttachment file) {
		return new MailAttachment(file.name(), file.contentType(), file.size(), null,
				"not kept: the mail it came with could not be read");
	}

	static MailAttachment layoutImage(String filename, String contentType, long size) {
		String type = contentType == null || contentType.length() > 100 || contentType.isBlank() ? "application/octet-stream" : contentType;
		return new MailAttachment(SafeFileName.of(filename, type), type, size, null,
				"layout image: shown in the text and under " + MailReader.MAX_LAYOUT_IMAGE_BYTES / 1024 + " KB");
	}

	/** An Outlook item (a mail, an appointment) inside a winmail.dat: no file, and nothing here opens it. */
	static MailAttachment outlookItem(String name) {
		return new MailAttachment(SafeFileName.of(name, "application/vnd.ms-outlook"), "application/vnd.ms-outlook", 0, null,
				"outlook item: inside winmail.dat, not a file");
	}

	/**
	 * Why a file was not kept, as a text's key ({@code conversation.attachment.refused.<kind>}): tooBig, blocked (a
	 * program), damaged, outlookItem, layout, tooMany (beyond the cap of an application by mail) or other; null for a
	 * file kept. One reading for a letter's files and an application's, so both say it alike. The refusal itself is
	 * stored in English, for the logs.
	 */
	public static String refusalKind(String refusal) {
		if (refusal == null) {
			return null;
		}
		return refusal.startsWith("too big") ? "tooBig" : refusal.startsWith("blocked type") ? "blocked"
				: refusal.startsWith("damaged") ? "damaged" : refusal.startsWith("outlook item") ? "outlookItem"
				: refusal.startsWith("layout image") ? "layout" : refusal.startsWith("too many files") ? "tooMany" : "other";
	}

	/** The detail of a refusal for its text: the blocked extension, or the refusal as stored. */
	public static String refusalDetail(String refusal) {
		return "blocked".equals(refusalKind(refusal)) ? refusal.substring(refusal.indexOf(':') + 1).strip() : refusal;
	}

	public boolean accepted() {
		return refusal == null;
	}

	@Override
	public String toString() {
		return "MailAttachment[" + name + ", " + contentType + ", " + size + " bytes" + (refusal == null ? "" : ", " + refusal) + "]";
	}
}
