package nl.briefwissel;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TypedSearchTests {

	/** A percent sign, an underscore and a backslash are letters someone typed, not wildcards or an escape. */
	@Test
	void wildcardsAndTheEscapeAreSearchedAsTyped() {
		assertThat(TypedSearch.containing("100%")).isEqualTo("%100\\%%");
		assertThat(TypedSearch.containing("jan_de_vries")).isEqualTo("%jan\\_de\\_vries%");
		assertThat(TypedSearch.containing("a\\b")).isEqualTo("%a\\\\b%");
		// A backslash before a wildcard stays a backslash, and the wildcard a letter: escaped once each, in that order.
		assertThat(TypedSearch.containing("\\%")).isEqualTo("%\\\\\\%%");
		assertThat(TypedSearch.containing("\\_")).isEqualTo("%\\\\\\_%");
		assertThat(TypedSearch.containing("%")).isEqualTo("%\\%%");
		assertThat(TypedSearch.containing("_")).isEqualTo("%\\_%");
	}

	@Test
	void anyCaseIsFoundAsLowerCase() {
		assertThat(TypedSearch.containing("JaN de VRIES")).isEqualTo("%jan de vries%");
		assertThat(TypedSearch.containing("ÉMILE Ørsted")).isEqualTo("%émile ørsted%");
	}

	/**
	 * Lower case the same on every server, whatever its language: on a Turkish one I lowers to a dotless ı, and ISMAIL
	 * found no İsmail or Ismail. A dotted capital İ lowers to i with a combining dot, which PostgreSQL's lower() does not
	 * write (it writes i): searched as i, so that İlknur typed finds İlknur there.
	 */
	@Test
	void lowerCaseDoesNotDependOnTheServersLanguage() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));
			assertThat(TypedSearch.containing("ISMAIL")).isEqualTo("%ismail%");
			assertThat(TypedSearch.containing("İLKNUR")).isEqualTo("%ilknur%");
			assertThat(TypedSearch.containing("Dİlek Işık")).isEqualTo("%dilek işık%");
		}
		finally {
			Locale.setDefault(before);
		}
		assertThat(TypedSearch.containing("İlknur")).isEqualTo("%ilknur%");
	}

	@Test
	void spacesAroundWhatWasTypedAreNotSearchedForThoseBetweenAre() {
		assertThat(TypedSearch.containing("  jan de vries \t")).isEqualTo("%jan de vries%");
		assertThat(TypedSearch.containing(" _ ")).isEqualTo("%\\_%");
		assertThat(TypedSearch.isBlank("  \t ")).isTrue();
		assertThat(TypedSearch.isBlank(null)).isTrue();
		assertThat(TypedSearch.isBlank(" %")).isFalse();
	}

	/** The condition names the escape the pattern uses: one place for both. */
	@Test
	void theConditionLowersTheColumnAndNamesTheEscape() {
		assertThat(TypedSearch.contains("a.email", "pattern")).isEqualTo("lower(a.email) like :pattern escape '\\'");
	}
}
