package nl.briefwissel.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A file's size as people read it: never a file that has something in it shown as nothing. */
class FileSizesTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	@Test
	void aSmallFileIsAtLeastOneKilobyteAndLargerOnesAreRoundedUp() {
		assertThat(FileSizes.format(300, DUTCH)).isEqualTo("1 kB");
		assertThat(FileSizes.format(1, Locale.ENGLISH)).isEqualTo("1 kB");
		assertThat(FileSizes.format(1024, DUTCH)).isEqualTo("1 kB");
		assertThat(FileSizes.format(1025, DUTCH)).isEqualTo("2 kB");
		assertThat(FileSizes.format(3 * 1024, DUTCH)).isEqualTo("3 kB");
		assertThat(FileSizes.format(1000 * 1024, DUTCH)).isEqualTo("1000 kB");
		assertThat(FileSizes.format(0, DUTCH)).as("an empty file is empty").isEqualTo("0 kB");
	}

	@Test
	void fromAMegabyteOnTheSizeIsInMegabytesWithOneDecimalInThePagesLanguage() {
		assertThat(FileSizes.format(1024 * 1024 - 1, DUTCH)).as("not 1024 kB").isEqualTo("1 MB");
		assertThat(FileSizes.format(1024 * 1024, DUTCH)).isEqualTo("1 MB");
		assertThat(FileSizes.format(5 * 1024 * 1024 / 2, DUTCH)).isEqualTo("2,5 MB");
		assertThat(FileSizes.format(5 * 1024 * 1024 / 2, Locale.ENGLISH)).isEqualTo("2.5 MB");
		assertThat(FileSizes.format(15L * 1024 * 1024, DUTCH)).as("the limit as the pages say it").isEqualTo("15 MB");
	}
}
