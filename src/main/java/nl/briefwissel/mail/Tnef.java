package nl.briefwissel.mail;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Outlook's {@code winmail.dat} (TNEF, [MS-OXTNEF]) far enough to give the coach the files in it.
 * Outlook and Exchange send a letter written in "rich text" that way: the participant's CV arrives as
 * one file nobody can open. Only what a coach needs is read (each file with its name and type, and the
 * letter's text for a mail that has none outside the TNEF); the formatting (compressed RTF) is not.
 * The input is untrusted: every length is checked against what is left, and a stream that does not
 * read as TNEF gives nothing, so the caller keeps {@code winmail.dat} as it came (decision 0033).
 */
final class Tnef {

	/** The first four bytes of every TNEF stream, little-endian. */
	private static final int SIGNATURE = 0x223E9F78;

	// Attributes, by their low word: the high word is their type, which writers do not all agree on.
	private static final int ATT_BODY = 0x800C;

	private static final int ATT_MAPI_PROPS = 0x9003;

	private static final int ATT_OEM_CODEPAGE = 0x9007;

	private static final int ATT_ATTACH_RENDDATA = 0x9002;

	private static final int ATT_ATTACH_TITLE = 0x8010;

	private static final int ATT_ATTACH_DATA = 0x800F;

	private static final int ATT_ATTACHMENT = 0x9005;

	// MAPI properties.
	private static final int PR_BODY = 0x1000;

	private static final int PR_HTML = 0x1013;

	/** The code page of the HTML body, which need not be the one of the other strings. */
	private static final int PR_INTERNET_CPID = 0x3FDE;

	/** A name longer than this is no name (the column holds 255; the safe name is cut at 150). */
	private static final int MAX_NAME = 1000;

	private static final int PR_DISPLAY_NAME = 0x3001;

	private static final int PR_ATTACH_DATA = 0x3701;

	private static final int PR_ATTACH_FILENAME = 0x3704;

	private static final int PR_ATTACH_METHOD = 0x3705;

	private static final int PR_ATTACH_LONG_FILENAME = 0x3707;

	private static final int PR_ATTACH_MIME_TAG = 0x370E;

	/** An attachment that is an Outlook item (a mail, an appointment), not a file. */
	private static final int ATTACH_EMBEDDED_MSG = 5;

	private static final int PT_STRING8 = 0x001E;

	private static final int PT_UNICODE = 0x001F;

	private static final int PT_BINARY = 0x0102;

	private static final int PT_OBJECT = 0x000D;

	private static final int MULTIPLE = 0x1000;

	/**
	 * A file in the stream. {@code content} is null for an Outlook item ({@code item}), which is no file to
	 * open, and for a file whose data the stream does not hold (attached by reference, or in the cloud).
	 */
	record File(String name, String type, byte[] content, boolean item) {
	}

	/**
	 * What the stream holds: its files, and the letter's text or HTML when it has them (else null).
	 * {@code whole} is false when the stream broke off: the files read before the break are here, a file
	 * it broke off in is not, and the caller keeps the winmail.dat as it came beside them.
	 */
	record Content(List<File> files, String text, String html, boolean whole) {
	}

	private Tnef() {
	}

	static boolean isTnef(String contentType, String filename) {
		return "application/ms-tnef".equalsIgnoreCase(contentType) || "application/vnd.ms-tnef".equalsIgnoreCase(contentType)
				|| "winmail.dat".equalsIgnoreCase(filename == null ? null : filename.strip());
	}

	/** The stream's content, or empty when it is not TNEF or breaks off before its first attribute. */
	static Optional<Content> read(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 6 || in.getInt() != SIGNATURE) {
			return Optional.empty();
		}
		in.getShort(); // the legacy key, unused since Exchange 5.5
		Reading reading = new Reading();
		boolean whole = false;
		try {
			while (reading.files.size() <= MailReader.MAX_PARTS) {
				if (in.remaining() < 9) {
					whole = in.remaining() <= 2; // at most a stray checksum after the last attribute
					break;
				}
				in.get(); // the level: message or attachment, which the attribute itself already says
				int attribute = in.getInt() & 0xFFFF;
				int length = in.getInt();
				if (length < 0 || length > in.remaining() - 2) {
					break; // cut off
				}
				ByteBuffer data = in.slice(in.position(), length).order(ByteOrder.LITTLE_ENDIAN);
				in.position(in.position() + length + 2); // and the checksum, which no reader relies on
				reading.attribute(attribute, data);
			}
		}
		catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
			// a damaged attribute ends the reading; what came before it stands
		}
		if (whole) {
			reading.endFile(); // else the file the stream broke off in is left out: its data may be cut
		}
		if (reading.files.isEmpty() && reading.text == null && reading.htmlBytes == null && !reading.anyAttribute) {
			return Optional.empty();
		}
		String html = reading.htmlBytes == null ? null
				: new String(reading.htmlBytes, reading.htmlCodepage != null ? codepage(reading.htmlCodepage) : reading.charset);
		return Optional.of(new Content(List.copyOf(reading.files), reading.text, html, whole));
	}

	/** The state while the attributes go by: an attachment's attributes follow its {@code attAttachRenddata}. */
	private static final class Reading {

		final List<File> files = new ArrayList<>();

		Charset charset = Charset.forName("windows-1252");

		String text;

		byte[] htmlBytes;

		Integer htmlCodepage;

		boolean anyAttribute;

		boolean inFile;

		String title;

		String longName;

		String mimeType;

		byte[] data;

		boolean item;

		void attribute(int attribute, ByteBuffer data) {
			anyAttribute = true;
			switch (attribute) {
				case ATT_OEM_CODEPAGE -> charset = codepage(data.getInt());
				case ATT_BODY -> text = string8(data, data.remaining());
				case ATT_MAPI_PROPS -> properties(data, false);
				case ATT_ATTACH_RENDDATA -> {
					endFile();
					inFile = true;
				}
				case ATT_ATTACH_TITLE -> title = name(string8(data, data.remaining()));
				case ATT_ATTACH_DATA -> this.data = bytes(data, data.remaining());
				case ATT_ATTACHMENT -> properties(data, true);
				default -> {
					// subject, dates, sender, recipients: the mail's own headers say them
				}
			}
		}

		void endFile() {
			if (!inFile) {
				return;
			}
			String name = longName != null && !longName.isBlank() ? longName : title;
			if (name != null && !name.isBlank() || data != null) {
				files.add(new File(name, mimeType, item ? null : data, item));
			}
			inFile = false;
			title = null;
			longName = null;
			mimeType = null;
			data = null;
			item = false;
		}

		/** A list of MAPI properties ([MS-OXTNEF] 2.1.3.4); only the few wanted are kept. */
		private void properties(ByteBuffer in, boolean ofFile) {
			int count = in.getInt();
			for (int i = 0; i < count && in.remaining() >= 4; i++) {
				int type = in.getShort() & 0xFFFF;
				int id = in.getShort() & 0xFFFF;
				if (id >= 0x8000) { // a named property: its name set and name come first
					skip(in, 16);
					int kind = in.getInt();
					skip(in, kind == 0 ? 4 : padded(in.getInt()));
				}
				int base = type & ~MULTIPLE;
				boolean variable = base == PT_STRING8 || base == PT_UNICODE || base == PT_BINARY || base == PT_OBJECT;
				int size = variable ? 4 : fixedSize(base);
				if (size < 0) {
					return; // a type this reader does not know: the rest cannot be found
				}
				int values = (type & MULTIPLE) != 0 || variable ? in.getInt() : 1;
				// Every value takes bytes (a length at least), so a count beyond what is left is a lie; one that
				// takes none (null) has nothing to read. Either way no loop runs longer than the bytes allow.
				if (values < 0 || (long) values * size > in.remaining()) {
					return;
				}
				if (size == 0) {
					continue;
				}
				for (int v = 0; v < values; v++) {
					if (!variable) {
						if (id == PR_ATTACH_METHOD && ofFile && v == 0 && size == 4) {
							item = in.getInt() == ATTACH_EMBEDDED_MSG;
						}
						else if (id == PR_INTERNET_CPID && !ofFile && v == 0 && size == 4) {
							htmlCodepage = in.getInt();
						}
						else {
							skip(in, size);
						}
						continue;
					}
					int length = in.getInt();
					if (length < 0 || length > in.remaining()) {
						return;
					}
					ByteBuffer value = in.slice(in.position(), length).order(ByteOrder.LITTLE_ENDIAN);
					skip(in, padded(length));
					if (v == 0) {
						keep(id, base, value, ofFile);
					}
				}
			}
		}

		private void keep(int id, int type, ByteBuffer value, boolean ofFile) {
			if (ofFile) {
				switch (id) {
					case PR_ATTACH_LONG_FILENAME -> longName = name(string(type, value));
					case PR_ATTACH_FILENAME, PR_DISPLAY_NAME -> {
						if (longName == null) {
							longName = name(string(type, value));
						}
					}
					case PR_ATTACH_MIME_TAG -> mimeType = name(string(type, value));
					case PR_ATTACH_DATA -> {
						if (type == PT_BINARY && data == null) {
							data = bytes(value, value.remaining());
						}
						else if (type == PT_OBJECT) {
							item = true;
						}
					}
					default -> {
					}
				}
			}
			else if (id == PR_BODY && (type == PT_STRING8 || type == PT_UNICODE)) {
				text = string(type, value);
			}
			else if (id == PR_HTML && type == PT_BINARY) {
				htmlBytes = bytes(value, value.remaining()); // read once the code page is known, which may come after
			}
		}

		private String string(int type, ByteBuffer value) {
			if (type == PT_UNICODE) {
				return withoutNul(new String(bytes(value, value.remaining()), StandardCharsets.UTF_16LE));
			}
			return type == PT_STRING8 ? string8(value, value.remaining()) : null;
		}

		private String string8(ByteBuffer value, int length) {
			return withoutNul(new String(bytes(value, length), charset));
		}
	}

	private static String withoutNul(String text) {
		int end = text.indexOf('\0');
		return end < 0 ? text : text.substring(0, end);
	}

	private static String name(String name) {
		return name == null || name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
	}

	private static byte[] bytes(ByteBuffer in, int length) {
		byte[] bytes = new byte[length];
		in.get(bytes);
		return bytes;
	}

	private static void skip(ByteBuffer in, int length) {
		in.position(in.position() + length);
	}

	/** Values are padded to whole four bytes. */
	private static int padded(int length) {
		return length < 0 ? Integer.MAX_VALUE : (length + 3) & ~3;
	}

	/** The bytes a fixed-size value takes in TNEF (16-bit values are padded to four), or -1 for unknown. */
	private static int fixedSize(int type) {
		return switch (type) {
			case 0x0001 -> 0; // null
			case 0x0002, 0x0003, 0x0004, 0x000A, 0x000B -> 4; // short, long, float, error, boolean
			case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040 -> 8; // double, currency, app time, long long, time
			case 0x0048 -> 16; // a GUID
			default -> -1;
		};
	}

	/** The code page of the strings: Outlook writes its ANSI code page, windows-1252 in Western Europe. */
	private static Charset codepage(int codepage) {
		if (codepage == 65001) {
			return StandardCharsets.UTF_8;
		}
		for (String name : new String[] {"windows-" + codepage, "cp" + codepage, "x-windows-" + codepage}) {
			try {
				return Charset.forName(name);
			}
			catch (IllegalArgumentException e) {
				// try the next spelling
			}
		}
		return Charset.forName("windows-1252");
	}
}
