package nl.briefwissel.housestyle;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** A colour as #rrggbb, in lower case: the only form a house style takes, so nothing else reaches a sheet. */
public record Colour(String hex) {

	private static final Pattern HEX = Pattern.compile("#[0-9a-f]{6}");

	public Colour {
		if (hex == null || !HEX.matcher(hex).matches()) {
			throw new IllegalArgumentException("not a #rrggbb colour");
		}
	}

	/** The colour typed, if it is one; spaces around it and capitals are forgiven. */
	public static Optional<Colour> parse(String typed) {
		if (typed == null) {
			return Optional.empty();
		}
		String value = typed.strip().toLowerCase(Locale.ROOT);
		return HEX.matcher(value).matches() ? Optional.of(new Colour(value)) : Optional.empty();
	}

	/** Relative luminance as WCAG 2.1 defines it (sRGB, with its 0.03928 threshold). */
	double luminance() {
		return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
	}

	private double channel(int at) {
		double value = Integer.parseInt(hex.substring(at, at + 2), 16) / 255.0;
		return value <= 0.03928 ? value / 12.92 : Math.pow((value + 0.055) / 1.055, 2.4);
	}

	/** WCAG 2.1's contrast ratio, 1 to 21, whichever of the two is lighter. */
	double contrastWith(Colour other) {
		double one = luminance() + 0.05;
		double two = other.luminance() + 0.05;
		return Math.max(one, two) / Math.min(one, two);
	}

	@Override
	public String toString() {
		return hex;
	}
}
