package nl.briefwissel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypedNameTests {

	@Test
	void directionControlsAndInvisibleCharactersAreFound() {
		for (String hidden : new String[] { "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068",
				"\u2069", "\u200E", "\u200F", "\u061C", "\u200B", "\u2060", "\uFEFF", "\u00AD", "\t", "\n", "\u2028",
				"\uDB40\uDC41" }) {
			assertThat(TypedName.hidesCharacters("Jan" + hidden + "ssen")).as(Integer.toHexString(hidden.codePointAt(0))).isTrue();
		}
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
	}
}
