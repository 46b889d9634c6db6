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
 * organisation's or a programme's. A right-to-left override (U+202E) in a name turned the address shown after it
 * on the intakes page around (moc.elpmaxe@neirbo): the direction overrides, embeddings and isolates, and control
 * characters, have no place in one, and a form refuses them with a sentence at the field ({@link Plain}).
 * <p>
 * The other invisible marks are not refused: a right-to-left mark (U+200F), a left-to-right mark, the Arabic
 * letter mark and a soft hyphen come along with Arabic and Hebrew names pasted from WhatsApp or Outlook, and
 * refusing them refused those names, which the person could not type otherwise. They turn nothing around outside
 * the name, so they are removed without a word ({@link #cleaned}), as is a zero-width space, which makes two names
 * that look the same differ. The joiners (U+200C and U+200D) stay, as Persian and Indic spelling and emoji use
 * them, and so do the tag characters where they spell a flag emoji (the Scottish flag), after the black flag.
 * <p>
 * A name from a mail, which no one can be asked to type again, loses the refused characters too, and so does
 * every name a module stores.
 */
public final class TypedName {

	private TypedName() {
	}

	/**
	 * Whether a form refuses the name: it holds a character that turns the text around it or a control character,
	 * or it is made of invisible marks alone (U+200B passes a blank check and would be stored as an empty name).
	 */
	public static boolean hidesCharacters(String name) {
		return name != null && (name.codePoints().anyMatch(TypedName::refused) || !name.isBlank() && cleaned(name).isBlank());
	}

	/**
	 * The name without those characters and without the invisible marks; a line break or tab becomes a space, so
	 * that words stay apart. Null stays null.
	 */
	public static String cleaned(String name) {
		if (name == null || name.codePoints().noneMatch(c -> refused(c) || removed(c) || tag(c))) {
			return name;
		}
		StringBuilder kept = new StringBuilder(name.length());
		// Tag characters spell a flag only right after the black flag (U+1F3F4), up to the cancel tag (U+E007F);
		// anywhere else they are invisible letters that make a name differ from the one it looks like.
		boolean inFlag = false;
		for (int i = 0; i < name.length();) {
			int c = name.codePointAt(i);
			i += Character.charCount(c);
			boolean strayTag = tag(c) && !inFlag;
			if (!refused(c) && !removed(c) && !strayTag) {
				kept.appendCodePoint(c);
			}
			else if (Character.getType(c) != Character.FORMAT) {
				kept.append(' ');
			}
			inFlag = c == 0x1F3F4 || tag(c) && inFlag && c != 0xE007F;
		}
		return kept.toString().replaceAll(" {2,}", " ").strip();
	}

	/**
	 * The name as an argument of a translated sentence, a page title or an option: set apart by a first strong
	 * isolate (U+2068) and a pop directional isolate (U+2069) when it holds a right-to-left letter or digit, so that
	 * an Arabic or Hebrew name cannot carry the punctuation and numbers of the Dutch or English sentence around it
	 * into its own direction (decision 0133). A name without one cannot reorder a left-to-right sentence and comes
	 * back as it is. A direction control inside (a name stored before names were cleaned) is left out: an unmatched
	 * pop would end the isolate early. Null stays null.
	 */
	public static String isolated(String name) {
		if (name == null || name.codePoints().noneMatch(TypedName::turnsAround)) {
			return name;
		}
		StringBuilder isolated = new StringBuilder(name.length() + 2).append('\u2068');
		name.codePoints().filter(c -> !(c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069)).forEach(isolated::appendCodePoint);
		return isolated.append('\u2069').toString();
	}

	/** A right-to-left letter (Hebrew, Arabic, Syriac, Thaana ...), an Arabic-Indic digit, or a direction control. */
	private static boolean turnsAround(int c) {
		return switch (Character.getDirectionality(c)) {
			case Character.DIRECTIONALITY_RIGHT_TO_LEFT, Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC,
					Character.DIRECTIONALITY_ARABIC_NUMBER -> true;
			default -> c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
		};
	}

	private static boolean tag(int c) {
		return c >= 0xE0020 && c <= 0xE007F;
	}

	/**
	 * The direction embeddings and overrides (U+202A to U+202E) and isolates (U+2066 to U+2069), control
	 * characters, and the line and paragraph separators (a line break as much as a control character is).
	 */
	private static boolean refused(int c) {
		int type = Character.getType(c);
		return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || type == Character.CONTROL
				|| type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
	}

	/** The other format characters: marks, zero-width spaces, the byte-order mark; not the joiners and tags. */
	private static boolean removed(int c) {
		if (c == 0x200C || c == 0x200D || tag(c)) {
			return false;
		}
		return Character.getType(c) == Character.FORMAT && !refused(c);
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
