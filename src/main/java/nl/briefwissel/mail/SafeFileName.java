package nl.briefwissel.mail;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/** File names from mail made safe to store, show and offer for download. */
final class SafeFileName {

	private static final Map<String, String> EXTENSIONS = Map.ofEntries(Map.entry("image/jpeg", "jpg"),
			Map.entry("image/png", "png"), Map.entry("image/heic", "heic"), Map.entry("application/pdf", "pdf"),
			Map.entry("text/plain", "txt"), Map.entry("image/gif", "gif"), Map.entry("image/webp", "webp"),
			Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
			Map.entry("message/rfc822", "eml"), Map.entry("text/csv", "csv"), Map.entry("text/calendar", "ics"),
			Map.entry("text/vcard", "vcf"));

	private SafeFileName() {
	}

	static String of(String original, String contentType) {
		String name = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
		// Only the last path element: no "../../etc/passwd", no "C:\\Users\\…".
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		// Control and invisible format characters (bidi overrides, zero-width) hide what a name really is.
		name = name.replaceAll("[\\p{Cntrl}\\p{Cf}<>:\"|?*]", "_").strip();
		name = name.replaceAll("^\\.+", "");
		// Windows drops trailing dots and spaces: "setup.exe." would be saved as setup.exe, past the block.
		name = name.replaceAll("[. ]+$", "");
		if (name.isBlank()) {
			name = "bijlage." + EXTENSIONS.getOrDefault(contentType, "bin");
		}
		if (name.length() > 150) {
			String extension = extension(name);
			// A "extension" of hundreds of characters is not one: cut it with the rest (the column holds 255).
			name = name.substring(0, 140) + (extension.isEmpty() || extension.length() > 10 ? "" : "." + extension);
			name = name.replaceAll("[. ]+$", ""); // the cut may end on a dot again ("….exe.")
		}
		return name;
	}

	/** The type a file's name says, for a file that came without one (inside a winmail.dat). */
	static String typeOf(String name) {
		String extension = name == null ? "" : extension(name);
		for (Map.Entry<String, String> known : EXTENSIONS.entrySet()) {
			if (known.getValue().equals(extension)) {
				return known.getKey();
			}
		}
		String type = extension.isEmpty() ? null : java.net.URLConnection.getFileNameMap().getContentTypeFor("f." + extension);
		return type == null ? "application/octet-stream" : type;
	}

	static String extension(String name) {
		int dot = name.lastIndexOf('.');
		return dot < 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT).strip();
	}
}
