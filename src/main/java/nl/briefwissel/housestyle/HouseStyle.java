package nl.briefwissel.housestyle;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An organisation's house style: the primary button's colour and the text on it, the link colour,
 * the header's colour and the text on it, and a name shown beside Briefwissel's in the header.
 */
public record HouseStyle(Colour button, Colour buttonText, Colour link, Colour header, Colour headerText, String headerName) {

	/** WCAG 2.1 AA (1.4.3) for normal text: buttons, links and the header's links are normal text. */
	static final double NEEDED = 4.5;

	/**
	 * What links and secondary buttons sit on in the voorbeeld theme: the page (--basis-color-default-bg-document),
	 * the notices (the -bg-default of info, positive, warning and negative) and the grey of a note
	 * (briefwissel.css's fallback for --basis-color-default-bg-subtle). A link colour must be readable on each.
	 */
	static final List<Colour> SURFACES = Stream
		.of("#ffffff", "#e3f3fd", "#ddf7e4", "#ffeee1", "#feeded", "#f3f3f3")
		.map(Colour::new)
		.toList();

	static final int NAME_LENGTH = 60;

	/** The standard look's own values (the voorbeeld theme), the form's starting point. */
	public static final Typed STANDARD = new Typed("#5115ef", "#ffffff", "#00568b", "#ffffff", "#001a40", "");

	/** A field refused: the message key, and for a contrast the ratio found (rounded down) and the ratio needed. */
	public record Refusal(String key, double found, double needed) {

		static Refusal of(String key) {
			return new Refusal(key, 0, 0);
		}
	}

	/** What came back from the form: either a style or, per field, why not. */
	public record Checked(Optional<HouseStyle> style, Map<String, Refusal> refusals) {
	}

	/** The form as typed; strings, so a refused value is shown back as it was. */
	public record Typed(String button, String buttonText, String link, String header, String headerText, String headerName) {

		public Checked check() {
			Map<String, Refusal> refusals = new LinkedHashMap<>();
			Optional<Colour> button = colour("button", button(), refusals);
			Optional<Colour> buttonText = colour("buttonText", buttonText(), refusals);
			Optional<Colour> link = colour("link", link(), refusals);
			Optional<Colour> header = colour("header", header(), refusals);
			Optional<Colour> headerText = colour("headerText", headerText(), refusals);
			// Said at the colour that was chosen for its look; the text colour beside it is the usual fix too.
			if (button.isPresent() && buttonText.isPresent()) {
				contrast("button", "houseStyle.error.contrast.button", button.get(), buttonText.get(), refusals);
			}
			link.ifPresent(colour -> contrast("link", "houseStyle.error.contrast.link", colour, SURFACES.stream()
				.min(Comparator.comparingDouble(colour::contrastWith))
				.orElseThrow(), refusals));
			if (header.isPresent() && headerText.isPresent()) {
				contrast("header", "houseStyle.error.contrast.header", header.get(), headerText.get(), refusals);
			}
			String name = headerName() == null ? "" : headerName().strip();
			if (name.length() > NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
				refusals.put("headerName", Refusal.of("houseStyle.error.name"));
			}
			else if (nl.briefwissel.TypedName.hidesCharacters(name)) {
				// A direction override in the header would turn the navigation beside it around on every page.
				refusals.put("headerName", Refusal.of("name.error.hidden"));
			}
			if (!refusals.isEmpty()) {
				return new Checked(Optional.empty(), Map.copyOf(refusals));
			}
			// Without the invisible marks a name may bring along (a right-to-left mark), as every stored name.
			String kept = nl.briefwissel.TypedName.cleaned(name);
			return new Checked(Optional.of(new HouseStyle(button.get(), buttonText.get(), link.get(), header.get(),
					headerText.get(), kept.isEmpty() ? null : kept)), Map.of());
		}

		private static Optional<Colour> colour(String field, String typed, Map<String, Refusal> refusals) {
			Optional<Colour> colour = Colour.parse(typed);
			if (colour.isEmpty()) {
				refusals.put(field, Refusal.of("houseStyle.error.colour"));
			}
			return colour;
		}

		private static void contrast(String field, String key, Colour one, Colour two, Map<String, Refusal> refusals) {
			double ratio = one.contrastWith(two);
			if (ratio < NEEDED) {
				// Rounded down: 4.496 said as "4.50" would contradict its own refusal.
				double found = BigDecimal.valueOf(ratio).setScale(2, RoundingMode.FLOOR).doubleValue();
				refusals.put(field, new Refusal(key, found, NEEDED));
			}
		}
	}

	/** This style as the form shows it. */
	public Typed typed() {
		return new Typed(button.hex(), buttonText.hex(), link.hex(), header.hex(), headerText.hex(),
				headerName == null ? "" : headerName);
	}

	/** Changes with any colour: the sheet's address carries it, so a browser never keeps an old one. */
	public String version() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(HouseStyleSheet.of(this).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
