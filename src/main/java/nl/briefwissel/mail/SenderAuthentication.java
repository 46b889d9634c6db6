package nl.briefwissel.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Whether the receiving mail server confirmed that a mail comes from the domain its From names
 * (decision 0037). Anyone who holds a conversation's reply address, from a forwarded letter, can write
 * a From of the participant or the coach; only the receiving server saw where the mail came from, and
 * it says so in an {@code Authentication-Results} header (RFC 8601) on top of the mail.
 * <p>
 * A sender is confirmed by DMARC passing for the From's domain, or by DKIM or SPF passing for that
 * domain or one it belongs to (relaxed alignment). Only one header counts: the first that names the
 * configured server, or without one the topmost, which the last server added itself; a sender's own
 * header sits below it.
 */
@Component
public class SenderAuthentication {

	private static final Logger log = LoggerFactory.getLogger(SenderAuthentication.class);

	/** What the check says of one mail. */
	public sealed interface Verdict {
	}

	/** The check is off (the evaluation default). */
	public record NotAsked() implements Verdict {
	}

	/** The receiving server confirmed the sender's domain, by {@code how} ("dmarc=pass"). */
	public record Confirmed(String how) implements Verdict {
	}

	/** Not confirmed; {@code found} is what the header said, in short, or that there was none. */
	public record Unconfirmed(String found) implements Verdict {
	}

	private final SenderCheckProperties properties;

	public SenderAuthentication(SenderCheckProperties properties) {
		this.properties = properties;
		if (properties.enabled() && (properties.authservId() == null || properties.authservId().isBlank())) {
			// The topmost header is only the receiving server's when that server writes one: a mail that
			// reaches the SMTP receiver through an MTA that adds none carries the sender's own on top.
			log.warn("The sender check is on (briefwissel.mail.sender-check.enabled) but no briefwissel.mail.sender-check."
					+ "authserv-id is set: the topmost Authentication-Results header counts, whichever server wrote it, and "
					+ "a sender can write that header themselves when no mail server in front of Briefwissel adds its own. "
					+ "Set briefwissel.mail.sender-check.authserv-id (BRIEFWISSEL_MAIL_SENDER_CHECK_AUTHSERV_ID) to the name "
					+ "the receiving mail server writes at the start of its header (mx.google.com, say); Microsoft 365 "
					+ "writes none, so there make sure it is the server that receives the mail (decision 0037)");
		}
	}

	public Verdict check(ReadMail mail) {
		if (!properties.enabled()) {
			return new NotAsked();
		}
		return judge(mail.authenticationResults(), properties.authservId(), mail.from());
	}

	static Verdict judge(List<String> headers, String authservId, String from) {
		int at = from == null ? -1 : from.lastIndexOf('@');
		if (at < 0) {
			return new Unconfirmed("no sender address");
		}
		String domain = from.substring(at + 1).toLowerCase(Locale.ROOT);
		Results results = chosen(headers, authservId == null ? "" : authservId.strip());
		if (results == null) {
			return new Unconfirmed(authservId == null || authservId.isBlank() ? "no Authentication-Results"
					: "no Authentication-Results from " + authservId.strip());
		}
		List<String> found = new ArrayList<>();
		for (Result result : results.results()) {
			found.add(result.method() + "=" + result.result());
			if (!result.result().equals("pass")) {
				continue;
			}
			boolean confirms = switch (result.method()) {
				case "dmarc" -> domain.equals(domainOf(result.property("header.from")));
				case "dkim" -> aligned(domain, domainOf(result.property("header.d", "header.i")));
				case "spf" -> aligned(domain, domainOf(result.property("smtp.mailfrom")));
				default -> false;
			};
			if (confirms) {
				return new Confirmed(result.method() + "=pass");
			}
		}
		return new Unconfirmed(found.isEmpty() ? "none" : String.join(" ", found.subList(0, Math.min(found.size(), 6))));
	}

	/** Equal, or one a subdomain of the other; a single label ("nl") is no domain anyone signs for. */
	private static boolean aligned(String from, String signed) {
		if (signed == null || signed.indexOf('.') < 0) {
			return false;
		}
		return from.equals(signed) || from.endsWith("." + signed) || signed.endsWith("." + from);
	}

	/** The domain of "user@domain", "@domain" or "domain", lower case; null for none. */
	private static String domainOf(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String domain = value.substring(value.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
	}

	private record Results(String authservId, List<Result> results) {
	}

	private record Result(String method, String result, List<String[]> properties) {

		String property(String... names) {
			for (String name : names) {
				for (String[] property : properties) {
					if (property[0].equals(name)) {
						return property[1];
					}
				}
			}
			return null;
		}
	}

	private static Results chosen(List<String> headers, String authservId) {
		for (String header : headers) {
			Results results = parse(header);
			if (authservId.isEmpty() || authservId.equalsIgnoreCase(results.authservId())) {
				return results;
			}
		}
		return null;
	}

	/**
	 * One header: "authserv-id [version]; method=result ptype.property=value ...; ...". Microsoft 365
	 * leaves out the authserv-id and starts with the first result.
	 */
	static Results parse(String header) {
		String[] parts = withoutComments(header).split(";");
		String first = parts[0].strip();
		String authservId = null;
		int from = 0;
		if (!first.contains("=")) {
			authservId = first.isEmpty() ? "" : first.split("\\s+")[0];
			from = 1;
		}
		List<Result> results = new ArrayList<>();
		for (int i = from; i < parts.length; i++) {
			String[] words = parts[i].strip().split("\\s+");
			int equals = words[0].indexOf('=');
			if (equals <= 0) {
				continue; // "none", or nothing
			}
			String method = words[0].substring(0, equals).toLowerCase(Locale.ROOT);
			int version = method.indexOf('/');
			List<String[]> properties = new ArrayList<>();
			for (int w = 1; w < words.length; w++) {
				int is = words[w].indexOf('=');
				if (is > 0) {
					properties.add(new String[] { words[w].substring(0, is).toLowerCase(Locale.ROOT),
							unquoted(words[w].substring(is + 1)) });
				}
			}
			results.add(new Result(version < 0 ? method : method.substring(0, version),
					unquoted(words[0].substring(equals + 1)).toLowerCase(Locale.ROOT), properties));
		}
		return new Results(authservId, results);
	}

	private static String unquoted(String value) {
		return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1)
				: value;
	}

	/** The header without its (comments), nested or not, and with quoted strings kept whole. */
	private static String withoutComments(String header) {
		StringBuilder kept = new StringBuilder(header.length());
		int depth = 0;
		boolean quoted = false;
		for (int i = 0; i < header.length(); i++) {
			char c = header.charAt(i);
			if (c == '\\' && i + 1 < header.length()) {
				if (depth == 0) {
					kept.append(c).append(header.charAt(i + 1));
				}
				i++;
			}
			else if (quoted) {
				kept.append(c);
				quoted = c != '"';
			}
			else if (c == '(') {
				depth++;
			}
			else if (c == ')' && depth > 0) {
				depth--;
			}
			else if (depth == 0) {
				kept.append(c);
				quoted = c == '"';
			}
		}
		return kept.toString();
	}
}
