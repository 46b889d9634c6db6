package nl.briefwissel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypedNameTests {

	@Test
	void directionControlsAndControlCharactersAreFound() {
		for (String hidden : new String[] { "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
				"\u2069", "\t", "\n", "\u0000", "\u2028", "\u2029" }) {
			assertThat(TypedName.hidesCharacters("Jan" + hidden + "ssen")).as(Integer.toHexString(hidden.codePointAt(0))).isTrue();
		}
	}

	/**
	 * A right-to-left mark comes along with an Arabic or Hebrew name pasted from WhatsApp or Outlook: refusing it
	 * refused the name. Such marks turn nothing around outside the name, and are removed without a word.
	 */
	@Test
	void invisibleMarksAreRemovedWithoutRefusingTheName() {
		for (String mark : new String[] { "\u200E", "\u200F", "\u061C", "\u200B", "\u2060", "\uFEFF", "\u00AD",
				"\uDB40\uDC01" }) {
			assertThat(TypedName.hidesCharacters("Jan" + mark + "ssen")).as(Integer.toHexString(mark.codePointAt(0))).isFalse();
			assertThat(TypedName.cleaned("Jan" + mark + "ssen")).as(Integer.toHexString(mark.codePointAt(0))).isEqualTo("Janssen");
		}
		assertThat(TypedName.hidesCharacters("\u200F\u0645\u062D\u0645\u062F")).isFalse();
		assertThat(TypedName.cleaned("\u200F\u0645\u062D\u0645\u062F")).isEqualTo("\u0645\u062D\u0645\u062F");
	}

	/** The tag characters spell a flag emoji (the Scottish flag here): the name keeps them. */
	@Test
	void aFlagEmojiKeepsItsTagCharacters() {
		String scotland = "Fiona \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
		assertThat(TypedName.hidesCharacters(scotland)).isFalse();
		assertThat(TypedName.cleaned(scotland)).isEqualTo(scotland);
	}

	/** Invisible marks alone pass a blank check and were stored as an empty name: a form refuses such a name. */
	@Test
	void aNameOfInvisibleMarksAloneIsRefused() {
		for (String marks : new String[] { "\u200B", "\u200F\u00AD", "\uFEFF ", "\uDB40\uDC41\uDB40\uDC42" }) {
			assertThat(TypedName.hidesCharacters(marks)).as(Integer.toHexString(marks.codePointAt(0))).isTrue();
		}
		assertThat(TypedName.hidesCharacters("")).isFalse();
		assertThat(TypedName.hidesCharacters("  ")).isFalse();
	}

	/** Tag characters outside a flag are invisible letters: Gemeente Utrecht with one looked like Gemeente Utrecht. */
	@Test
	void tagCharactersOutsideAFlagAreRemoved() {
		assertThat(TypedName.cleaned("Gemeente Utrecht\uDB40\uDC41")).isEqualTo("Gemeente Utrecht");
		assertThat(TypedName.cleaned("Ge\uDB40\uDC41\uDB40\uDC7Fmeente")).isEqualTo("Gemeente");
		String flagThenTag = "Fiona \uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
		assertThat(TypedName.cleaned(flagThenTag + "\uDB40\uDC41")).isEqualTo(flagThenTag);
	}

	@Test
	void namesInEveryScriptAreKept() {
		for (String name : new String[] { "Jan de Vries", "Zoë O'Brien-Çelik", "\u0645\u062D\u0645\u062F \u0639\u0644\u064A",
				"\u05E9\u05E8\u05D4 \u05DB\u05D4\u05DF", "\u0645\u06CC\u200C\u0631\u0636\u0627", "Anna \uD83D\uDC69\u200D\uD83D\uDCBB", null }) {
			assertThat(TypedName.hidesCharacters(name)).as(name).isFalse();
			assertThat(TypedName.cleaned(name)).isEqualTo(name);
		}
	}

	@Test
	void cleaningRemovesThemAndKeepsWordsApart() {
		assertThat(TypedName.cleaned("John \u202EOBrien")).isEqualTo("John OBrien");
		assertThat(TypedName.cleaned("\u2067Sara\u2069\u200F")).isEqualTo("Sara");
		assertThat(TypedName.cleaned("Jan\tde\nVries")).isEqualTo("Jan de Vries");
		assertThat(TypedName.cleaned("\u202E")).isEmpty();
		assertThat(TypedName.cleaned("\u202EAnna\u200F Smit\u00AD")).isEqualTo("Anna Smit");
	}
	/**
	 * An Arabic or Hebrew name inside a Dutch sentence carried the sentence's punctuation and numbers into its own
	 * direction: such a name goes into a sentence isolated (decision 0133), one in Latin letters as it is.
	 */
	@Test
	void aRightToLeftNameIsIsolatedForASentence() {
		assertThat(TypedName.isolated("\u0645\u062D\u0645\u062F 3")).isEqualTo("\u2068\u0645\u062D\u0645\u062F 3\u2069");
		assertThat(TypedName.isolated("\u05E9\u05E8\u05D4")).isEqualTo("\u2068\u05E9\u05E8\u05D4\u2069");
		assertThat(TypedName.isolated("Team \u0663")).as("an Arabic-Indic digit").isEqualTo("\u2068Team \u0663\u2069");
		assertThat(TypedName.isolated("Sanne de Vries (2)")).isEqualTo("Sanne de Vries (2)");
		assertThat(TypedName.isolated("")).isEmpty();
		assertThat(TypedName.isolated(null)).isNull();
	}

	/** A direction control of a name stored before names were cleaned would end the isolate early or turn it around. */
	@Test
	void anIsolatedNameKeepsNoDirectionControl() {
		assertThat(TypedName.isolated("John \u202EOBrien")).isEqualTo("\u2068John OBrien\u2069");
		assertThat(TypedName.isolated("\u05E9\u2069\u05E8")).isEqualTo("\u2068\u05E9\u05E8\u2069");
	}
}
