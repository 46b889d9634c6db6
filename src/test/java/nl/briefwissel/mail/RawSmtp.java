package nl.briefwissel.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends a mail's bytes as they are over SMTP: Jakarta Mail would encode or refuse the 8-bit bytes of a
 * header a broken client writes, and the receiver must take them as such a client's server sends them.
 */
public final class RawSmtp {

	private RawSmtp() {
	}

	/** Sends {@code raw} (lines ending in CRLF) and returns the server's answer to the data. */
	public static String send(int port, String from, List<String> recipients, byte[] raw) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(15_000);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			OutputStream out = socket.getOutputStream();
			answer(in);
			command(out, in, "EHLO client.example.nl");
			command(out, in, "MAIL FROM:<" + from + "> BODY=8BITMIME");
			for (String recipient : recipients) {
				command(out, in, "RCPT TO:<" + recipient + ">");
			}
			command(out, in, "DATA");
			out.write(raw);
			out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String accepted = answer(in);
			command(out, in, "QUIT");
			return accepted;
		}
	}

	private static String command(OutputStream out, BufferedReader in, String command) throws IOException {
		out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return answer(in);
	}

	/** The last line of a (multi-line) answer. */
	private static String answer(BufferedReader in) throws IOException {
		String line;
		while ((line = in.readLine()) != null && line.length() > 3 && line.charAt(3) == '-') {
			// the lines of a multi-line answer before its last
		}
		return line;
	}
}
