package nl.briefwissel.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be, wherever one is chosen: on the account page ({@link PasswordChanges}) and by a
 * mailed link ({@link PasswordResets}), which is also how an invited account chooses its first one. Those
 * services hold every choice to it ({@link #require}), so no page or later path can store a refused one. What
 * nobody chose passes by: the demo accounts' public password and the bench dataset's are set as hashes by the
 * demo data and the dataset generator, and a password given with {@link NewAccount} is a test's or a seed's.
 * <p>
 * NIST SP 800-63B (5.1.1.2): a length of 12 to 128 characters (checked by the forms, with these bounds), no
 * rules of composition, and a password known to be bad is refused (decision 0119): one character or a short
 * pattern repeated, a plain run of the alphabet, the digits or a keyboard row, one of the most common
 * passwords (a short list, {@code account/common-passwords.txt}), or mostly the account's own address or the
 * product's name. What is refused is said at the field with what to do instead.
 */
public final class PasswordRules {

	public static final int MIN_LENGTH = 12;

	public static final int MAX_LENGTH = 128;

	/** Why a password is refused, each with its text in Dutch and English. */
	public enum Refusal {

		REPEATED("validation.password.repeated"), RUN("validation.password.run"),
		COMMON("validation.password.common"), PERSONAL("validation.password.personal");

		private final String messageKey;

		Refusal(String messageKey) {
			this.messageKey = messageKey;
		}

		public String messageKey() {
			return messageKey;
		}
	}

	/** The product's name: a password that is mostly it is the first an attacker of this site tries. */
	private static final String PRODUCT = "briefwissel";

	/**
	 * Runs typed in order: the alphabet, the digits and their shifted signs, the keyboard's rows (qwerty and
	 * azerty, row after row) and its columns. Each is read round (so 9 is followed by 0 and 0 by 1).
	 */
	private static final List<String> RUNS = List.of("abcdefghijklmnopqrstuvwxyz", "1234567890", "!@#$%^&*()",
			"qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p");

	/** Shorter than this, what is left between digits and signs says too little to call a run or a repeat. */
	private static final int SHORTEST_CORE = 6;

	/** How many digits and signs around a word still make it that word with a number (a year and a sign or two). */
	private static final int MOST_AROUND_A_WORD = 8;

	private PasswordRules() {
	}

	/**
	 * Refuses {@code password} as the choice of the account of {@code email} when {@link #refusal} finds a reason:
	 * for the services that set it, before they check or store anything.
	 */
	static void require(String password, String email) {
		Optional<Refusal> refusal = refusal(password, email);
		if (refusal.isPresent()) {
			throw new RefusedPassword(refusal.get());
		}
	}

	/**
	 * Why {@code password} may not be chosen by the account of {@code email} (null when not known); empty when it
	 * may. Its length is the form's to check: a password of any length is judged here.
	 */
	static Optional<Refusal> refusal(String password, String email) {
		if (password == null || password.isEmpty()) {
			return Optional.empty();
		}
		String whole = password.toLowerCase(Locale.ROOT);
		// Digits and signs around a weak word add little: "Welkom2026!" is tried soon after "welkom". Many of them
		// are no pattern but chance ("8271-ajax-3390-1174", a password manager's words and digits): then the whole
		// counts, not the word inside it.
		String core = whole.replaceAll("^[^\\p{L}]+|[^\\p{L}]+$", "");
		String around = whole.replace(core, "");
		// Long but itself a pattern ("Welkom123456789", "welkom!!!!!!!!!") is no chance either.
		boolean aroundIsShort = around.length() <= MOST_AROUND_A_WORD || run(around) || repeated(around);
		if (!aroundIsShort) {
			core = whole;
		}
		boolean coreCounts = core.length() >= SHORTEST_CORE;
		if (repeated(whole) || coreCounts && repeated(core)) {
			return Optional.of(Refusal.REPEATED);
		}
		if (run(whole) || coreCounts && run(core)) {
			return Optional.of(Refusal.RUN);
		}
		Set<String> common = Common.PASSWORDS;
		if (common.contains(whole) || common.contains(core) || aroundIsShort && common.contains(core.replaceAll("[^\\p{L}]", ""))
				|| common.contains(unleet(core)) || common.contains(twice(core))) {
			return Optional.of(Refusal.COMMON);
		}
		if (mostly(whole, PRODUCT) || email != null && email.indexOf('@') > 0
				&& mostly(whole, email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT))) {
			return Optional.of(Refusal.PERSONAL);
		}
		return Optional.empty();
	}

	/** The half of a text that is one word written twice ("welkomwelkom"), or the text itself. */
	private static String twice(String text) {
		int half = text.length() / 2;
		return text.length() % 2 == 0 && text.regionMatches(0, text, half, half) ? text.substring(0, half) : text;
	}

	/** One character or a pattern three times or more (the last time may be cut short): "abcabcabcabc". */
	private static boolean repeated(String text) {
		int[] points = text.codePoints().toArray();
		for (int period = 1; period * 3 <= points.length; period++) {
			boolean repeats = true;
			for (int i = period; i < points.length && repeats; i++) {
				repeats = points[i] == points[i - period];
			}
			if (repeats) {
				return true;
			}
		}
		return false;
	}

	/** Every next character the next (or every one the previous) in one of the runs: "123456789012", "qwertyuiop". */
	private static boolean run(String text) {
		return text.length() > 1 && (stepsAll(text, 1) || stepsAll(text, -1));
	}

	private static boolean stepsAll(String text, int step) {
		for (int i = 1; i < text.length(); i++) {
			if (!next(text.charAt(i - 1), text.charAt(i), step)) {
				return false;
			}
		}
		return true;
	}

	private static boolean next(char from, char to, int step) {
		for (String run : RUNS) {
			int at = run.indexOf(from);
			if (at >= 0 && run.charAt(Math.floorMod(at + step, run.length())) == to) {
				return true;
			}
		}
		return false;
	}

	/** Digits written for letters, as in "p4ssw0rd". */
	private static String unleet(String text) {
		StringBuilder letters = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			letters.append(switch (c) {
				case '0' -> 'o';
				case '1' -> 'i';
				case '3' -> 'e';
				case '4', '@' -> 'a';
				case '5', '$' -> 's';
				case '7' -> 't';
				default -> c;
			});
		}
		return letters.toString();
	}

	/**
	 * Whether {@code name} (letters and digits only) makes up at least half of the password's letters and digits:
	 * "anja.devries2026" for anja.devries@. A name of one or two characters says nothing.
	 */
	private static boolean mostly(String password, String name) {
		String letters = lettersAndDigits(password);
		String wanted = lettersAndDigits(name);
		return wanted.length() >= 3 && letters.contains(wanted) && wanted.length() * 2 >= letters.length();
	}

	private static String lettersAndDigits(String text) {
		return text.codePoints()
			.filter(Character::isLetterOrDigit)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	/** The list, read once when first needed. */
	private static final class Common {

		static final Set<String> PASSWORDS = read("/account/common-passwords.txt");

		private static Set<String> read(String resource) {
			try (InputStream in = PasswordRules.class.getResourceAsStream(resource)) {
				if (in == null) {
					throw new IllegalStateException("The list of common passwords is missing: " + resource);
				}
				return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
					.map(String::strip)
					.filter(line -> !line.isEmpty() && !line.startsWith("#"))
					.map(line -> line.toLowerCase(Locale.ROOT))
					.collect(Collectors.toUnmodifiableSet());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
	}
}
