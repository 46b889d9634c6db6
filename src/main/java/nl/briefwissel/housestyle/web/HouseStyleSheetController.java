package nl.briefwissel.housestyle.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.housestyle.HouseStyleSheet;
import nl.briefwissel.housestyle.HouseStyles;
import nl.briefwissel.organisation.Organisations;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * An organisation's sheet, open to anyone: the application form of a programme is read before signing
 * in. It tells only colours. The address carries the sheet's version, so a browser may keep it for a
 * year; asked for without it, or for an old one, it is checked each time by its ETag.
 */
@RestController
class HouseStyleSheetController {

	static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);

	private final Organisations organisations;

	private final HouseStyles houseStyles;

	HouseStyleSheetController(Organisations organisations, HouseStyles houseStyles) {
		this.organisations = organisations;
		this.houseStyles = houseStyles;
	}

	@GetMapping("/house-style/{id}.css")
	ResponseEntity<String> sheet(@PathVariable String id, @RequestParam(name = "v", required = false) String version,
			@org.springframework.web.bind.annotation.RequestHeader(name = "If-None-Match", required = false) String seen) {
		UUID organisation = organisationOf(id);
		Optional<HouseStyles.Current> style = houseStyles.current(organisation);
		// Back to the standard look: a page cached with the old address gets a sheet that changes nothing.
		String body = style.map(kept -> HouseStyleSheet.of(kept.style())).orElse("/* The standard look. */\n");
		String current = style.map(HouseStyles.Current::version).orElse("standard");
		String etag = "\"" + current + "\"";
		CacheControl cache = current.equals(version) ? CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
				: CacheControl.noCache().cachePublic();
		if (etag.equals(seen)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).build();
		}
		return ResponseEntity.ok().contentType(CSS).eTag(etag).cacheControl(cache).body(body);
	}

	private UUID organisationOf(String id) {
		try {
			UUID organisation = UUID.fromString(id);
			if (organisations.byId(organisation).isPresent()) {
				return organisation;
			}
		}
		catch (IllegalArgumentException notAnId) {
			// the same answer as an organisation that does not exist
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND);
	}
}
