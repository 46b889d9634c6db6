package nl.briefwissel.web;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import nl.briefwissel.PublicAddress;
import nl.briefwissel.mail.MailProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /.well-known/security.txt} (RFC 9116), so a researcher knows where to report a
 * vulnerability. The contact is configurable; by default it is security@ the mail domain. The
 * expiry is always a year ahead, so the file never goes stale on a server that runs for years.
 */
@Controller
class SecurityTxtController {

	private final String contact;

	private final PublicAddress address;

	private final Clock clock;

	SecurityTxtController(@Value("${briefwissel.security.contact:}") String contact, MailProperties mail,
			PublicAddress address, Clock clock) {
		this.contact = contact == null || contact.isBlank() ? "mailto:security@" + mail.domain() : contact.strip();
		this.address = address;
		this.clock = clock;
	}

	@GetMapping("/.well-known/security.txt")
	ResponseEntity<String> securityTxt() {
		String expires = OffsetDateTime.now(clock)
			.withOffsetSameInstant(ZoneOffset.UTC)
			.plusYears(1)
			.truncatedTo(ChronoUnit.DAYS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		String body = "Contact: " + contact + "\n" + "Expires: " + expires + "\n" + "Preferred-Languages: nl, en\n"
				+ "Canonical: " + address.link("/.well-known/security.txt").toUriString() + "\n";
		return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8)).body(body);
	}
}
