package nl.briefwissel.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hostile and broken mail, made on the spot: what a careless client, a broken gateway or an
 * attacker sends. Each case has a name that says what is wrong with it; the random ones come from
 * a fixed seed, so a failure can be repeated.
 */
final class MalformedMail {

	private static final String VALID = """
			From: Deelnemer <deelnemer@example.nl>\r
			To: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r
			Subject: Re: Je e-coaching\r
			Message-ID: <%s@client.example.nl>\r
			MIME-Version: 1.0\r
			Content-Type: multipart/mixed; boundary="grens"\r
			\r
			--grens\r
			Content-Type: text/plain; charset=UTF-8\r
			\r
			Dit is mijn antwoord op je vraag.\r
			--grens\r
			Content-Type: image/jpeg; name="foto.jpg"\r
			Content-Disposition: attachment; filename="foto.jpg"\r
			Content-Transfer-Encoding: base64\r
			\r
			/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r
			--grens--\r
			""";

	private MalformedMail() {
	}

	static Map<String, byte[]> cases(int randomOnes) {
		Map<String, byte[]> cases = new LinkedHashMap<>();
		cases.put("valid", mail("valid"));
		cases.put("boundary never closed", text(VALID.formatted("open").replace("--grens--\r\n", "")));
		cases.put("boundary declared, never used", text(header("nooit") + "Content-Type: multipart/mixed; boundary=\"nooit\"\r\n\r\nplatte tekst zonder delen\r\n"));
		cases.put("multipart without a boundary", text(header("geengrens") + "Content-Type: multipart/mixed\r\n\r\nWALKTEST-MALFORMED no boundary here\r\n"));
		cases.put("empty boundary", text(header("leeg") + "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\ntekst\r\n----\r\n"));
		cases.put("unknown charset", text(header("charset") + "Content-Type: text/plain; charset=x-onbekend-2026\r\n\r\nHallo daar\r\n"));
		cases.put("invalid UTF-8", concat(text(header("utf8") + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"),
				new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2, (byte) 0x28, (byte) 0xA1, '\r', '\n' }));
		cases.put("8-bit header bytes", concat(text("From: "), new byte[] { (byte) 0xE9, (byte) 0xE8 },
				text(" <x@example.nl>\r\nSubject: caf\u00e9\r\nMessage-ID: <acht@client.example.nl>\r\n\r\ntekst\r\n")));
		cases.put("subject that decodes to a new header line",
				text(header("injectie").replace("Subject: Re: Je e-coaching",
						"Subject: =?UTF-8?Q?Hallo=0D=0ABcc:_aanvaller@example.nl=0D=0A?=") + "\r\ntekst\r\n"));
		cases.put("deeply nested multiparts", nested(400));
		cases.put("ten thousand recipients", recipients(10_000));
		cases.put("zip bomb attachment", zipBomb());
		cases.put("base64 that is not base64", text(header("b64") + "Content-Type: text/plain; charset=UTF-8\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n!!!! dit is geen base64 ####\r\n"));
		cases.put("quoted-printable cut off", text(header("qp") + "Content-Type: text/plain; charset=UTF-8\r\n"
				+ "Content-Transfer-Encoding: quoted-printable\r\n\r\nHallo =E2=8\r\n"));
		cases.put("a header line of a megabyte", text(header("lang") + "X-Lang: " + "a".repeat(1024 * 1024) + "\r\n\r\ntekst\r\n"));
		// PostgreSQL refuses NUL in text: these ended FAILED with a database error, in no quarantine.
		cases.put("a NUL in a file name", text(VALID.formatted("nulnaam").replace("filename=\"foto.jpg\"", "filename=foto\u0000.jpg")));
		cases.put("a NUL in the sender's address", text(VALID.formatted("nulvan").replace("<deelnemer@example.nl>", "<deel\u0000nemer@example.nl>")));
		cases.put("a NUL in the text", text(VALID.formatted("nultekst").replace("Dit is mijn antwoord", "Dit is\u0000 mijn antwoord")));
		cases.put("a NUL in the Message-ID", text(VALID.formatted("nul\u0000id")));
		cases.put("a recipient header of a megabyte without '@'",
				text(header("ccmega") + "Cc: " + "a".repeat(1024 * 1024) + "\r\nContent-Type: text/plain\r\n\r\ntekst\r\n"));
		cases.put("twenty thousand Re: in the subject", text(header("reres").replace("Subject: Re: Je e-coaching",
				"Subject: " + "Re: ".repeat(20_000) + "Je e-coaching") + "Content-Type: text/plain\r\n\r\ntekst\r\n"));
		cases.put("no header at all", text("\r\n\r\nalleen tekst\r\n"));
		cases.put("only headers", text(header("kop")));
		cases.put("binary garbage", garbage(new Random(7), 64 * 1024));
		cases.put("fifty megabytes", fiftyMegabytes());
		Random random = new Random(20261127);
		byte[] valid = mail("mutant");
		for (int i = 0; i < randomOnes; i++) {
			cases.put("mutation " + i, mutate(valid, random));
		}
		return cases;
	}

	private static byte[] mail(String id) {
		return text(VALID.formatted(id));
	}

	private static String header(String id) {
		return "From: Deelnemer <deelnemer@example.nl>\r\nTo: reply+abcdefghijklmnopqrstuvwxyz@briefwissel.test\r\n"
				+ "Subject: Re: Je e-coaching\r\nMessage-ID: <" + id + "@client.example.nl>\r\nMIME-Version: 1.0\r\n";
	}

	private static byte[] nested(int depth) {
		StringBuilder mail = new StringBuilder(header("nest"));
		mail.append("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n");
		for (int level = 0; level < depth; level++) {
			mail.append("--b").append(level).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(level + 1)
				.append("\"\r\n\r\n");
		}
		mail.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\ndiep\r\n");
		for (int level = depth; level >= 0; level--) {
			mail.append("--b").append(level).append("--\r\n");
		}
		return text(mail.toString());
	}

	private static byte[] recipients(int count) {
		StringBuilder to = new StringBuilder("To: ");
		for (int i = 0; i < count; i++) {
			to.append(i == 0 ? "" : ",\r\n ").append("ontvanger").append(i).append("@example.nl");
		}
		return text(header("veel").replaceFirst("To: [^\r]*", to.toString()) + "\r\ntekst\r\n");
	}

	/** A zip of 20 KB that unpacks to a gigabyte: a danger only to whoever unpacks it, which Briefwissel never does. */
	private static byte[] zipBomb() {
		try {
			ByteArrayOutputStream zip = new ByteArrayOutputStream();
			try (ZipOutputStream out = new ZipOutputStream(zip)) {
				out.putNextEntry(new ZipEntry("leeg.bin"));
				byte[] zeros = new byte[1024 * 1024];
				for (int i = 0; i < 1024; i++) {
					out.write(zeros);
				}
				out.closeEntry();
			}
			String base64 = java.util.Base64.getMimeEncoder().encodeToString(zip.toByteArray());
			return text(header("bom") + "Content-Type: multipart/mixed; boundary=\"z\"\r\n\r\n--z\r\n"
					+ "Content-Type: text/plain\r\n\r\nzie bijlage\r\n--z\r\nContent-Type: application/zip; name=\"a.zip\"\r\n"
					+ "Content-Disposition: attachment; filename=\"a.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
					+ base64 + "\r\n--z--\r\n");
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] fiftyMegabytes() {
		byte[] head = text(header("groot") + "Content-Type: text/plain\r\n\r\n");
		byte[] body = new byte[50 * 1024 * 1024];
		java.util.Arrays.fill(body, (byte) 'x');
		return concat(head, body);
	}

	private static byte[] mutate(byte[] valid, Random random) {
		byte[] mutant = valid.clone();
		int changes = 1 + random.nextInt(20);
		for (int i = 0; i < changes; i++) {
			int at = random.nextInt(mutant.length);
			switch (random.nextInt(4)) {
				case 0 -> mutant[at] = (byte) random.nextInt(256);
				case 1 -> mutant[at] = '\n';
				case 2 -> mutant[at] = '-';
				default -> mutant[at] = '"';
			}
		}
		if (random.nextInt(5) == 0) {
			return java.util.Arrays.copyOf(mutant, random.nextInt(mutant.length) + 1);
		}
		return mutant;
	}

	private static byte[] garbage(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] text(String value) {
		return value.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	static List<String> names(Map<String, byte[]> cases) {
		return new ArrayList<>(cases.keySet());
	}
}
