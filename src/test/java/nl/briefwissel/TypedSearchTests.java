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

	/**
	 * The case is left to the database, which lowers both sides alike: lowered here too, a letter lowered otherwise
	 * by Java than by the database found nothing (the dotted capital İ: i with a combining dot in Java, a plain i in
	 * PostgreSQL with one collation, the dotted one with another). Nor does the server's language come in: on a
	 * Turkish one Java lowers I to a dotless ı.
	 */
	@Test
	void theCaseIsLeftAsTypedForTheDatabaseToLower() {
		Locale before = Locale.getDefault();
		try {
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));
			assertThat(TypedSearch.containing("ISMAIL")).isEqualTo("%ISMAIL%");
			assertThat(TypedSearch.containing("İlknur")).isEqualTo("%İlknur%");
		}
		finally {
			Locale.setDefault(before);
		}
		assertThat(TypedSearch.containing("JaN de VRIES")).isEqualTo("%JaN de VRIES%");
		// Lowering touches no %, _ or backslash: escaped before the database lowers the pattern, they stay escaped.
		assertThat(TypedSearch.containing("JAN_100%")).isEqualTo("%JAN\\_100\\%%");
	}

	@Test
	void spacesAroundWhatWasTypedAreNotSearchedForThoseBetweenAre() {
		assertThat(TypedSearch.containing("  jan de vries \t")).isEqualTo("%jan de vries%");
		assertThat(TypedSearch.containing(" _ ")).isEqualTo("%\\_%");
		assertThat(TypedSearch.isBlank("  \t ")).isTrue();
		assertThat(TypedSearch.isBlank(null)).isTrue();
		assertThat(TypedSearch.isBlank(" %")).isFalse();
	}

	/** The condition lowers both sides and names the escape the pattern uses: one place for both. */
	@Test
	void theConditionLowersTheColumnAndNamesTheEscape() {
		assertThat(TypedSearch.contains("a.email", "pattern")).isEqualTo("lower(a.email) like lower(:pattern) escape '\\'");
	}
}
