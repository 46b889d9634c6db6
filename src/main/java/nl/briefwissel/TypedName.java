package nl.briefwissel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A name on one line as a person typed it or a mail gave it: a participant's or a colleague's name, an
 * organisation's or a programme's. Unicode's invisible format characters have no place in one. A right-to-left
 * override (U+202E) in a name turned the address shown after it on the intakes page around
 * (moc.elpmaxe@neirbo), and a zero-width space makes two names that look the same differ. Arabic and Hebrew
 * names need none of them: their direction comes from their letters. The joiners (U+200C and U+200D) stay, as
 * Persian and Indic spelling and emoji use them and they turn nothing around.
 * <p>
 * A form refuses such a name with a sentence at the field ({@link Plain}); a name from a mail, which no one can
 * be asked to type again, loses the characters ({@link #cleaned}), and so does every name a module stores.
 */
public final class TypedName {

	private TypedName() {
	}

	/** Whether the name holds a character that hides itself or turns the text around it. */
	public static boolean hidesCharacters(String name) {
		return name != null && name.codePoints().anyMatch(TypedName::hidden);
	}

	/**
	 * The name without those characters; a line break or tab becomes a space, so that words stay apart. Null
	 * stays null.
	 */
	public static String cleaned(String name) {
		if (name == null || !hidesCharacters(name)) {
			return name;
		}
		StringBuilder kept = new StringBuilder(name.length());
		name.codePoints().forEach(c -> {
			if (!hidden(c)) {
				kept.appendCodePoint(c);
			}
			else if (Character.getType(c) != Character.FORMAT) {
				kept.append(' ');
			}
		});
		return kept.toString().replaceAll(" {2,}", " ").strip();
	}

	/**
	 * Format characters (the direction embeddings, overrides, isolates and marks, zero-width spaces, the
	 * byte-order mark, tag characters), control characters, and the line and paragraph separators.
	 */
	private static boolean hidden(int c) {
		if (c == 0x200C || c == 0x200D) {
			return false;
		}
		int type = Character.getType(c);
		return type == Character.FORMAT || type == Character.CONTROL || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR;
	}

	/** A form's name field: refused, with a sentence at the field, when it holds such a character. */
	@Documented
	@Constraint(validatedBy = PlainValidator.class)
	@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	public @interface Plain {

		String message() default "{name.error.hidden}";

		Class<?>[] groups() default {};

		Class<? extends Payload>[] payload() default {};
	}

	/** Public, as the validation provider makes one. */
	public static final class PlainValidator implements ConstraintValidator<Plain, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return !hidesCharacters(value);
		}
	}
}
