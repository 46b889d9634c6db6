package nl.briefwissel.web;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A file's size as people read it: never a file that has something in it shown as nothing, nor as more than it is. */
class FileSizesTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	/** A file of 14 bytes read as 1 kB: a size that was not the file's. Under a kilobyte it is said in bytes. */
	@Test
	void aFileUnderAKilobyteIsSaidInBytesAsItIs() {
		assertThat(FileSizes.format(14, DUTCH)).isEqualTo("14 bytes");
		assertThat(FileSizes.format(14, Locale.ENGLISH)).isEqualTo("14 bytes");
		assertThat(FileSizes.format(300, DUTCH)).isEqualTo("300 bytes");
		assertThat(FileSizes.format(1, Locale.ENGLISH)).isEqualTo("1 byte");
		assertThat(FileSizes.format(1023, DUTCH)).isEqualTo("1023 bytes");
		assertThat(FileSizes.format(0, DUTCH)).as("an empty file is empty").isEqualTo("0 bytes");
	}

	@Test
	void kilobytesHaveOneDecimalUnderTenAndAreWholeFromThereRoundedToTheNearest() {
		assertThat(FileSizes.format(1024, DUTCH)).isEqualTo("1 kB");
		assertThat(FileSizes.format(1025, DUTCH)).as("not rounded up to 2 kB").isEqualTo("1 kB");
		assertThat(FileSizes.format(1536, DUTCH)).isEqualTo("1,5 kB");
		assertThat(FileSizes.format(1536, Locale.ENGLISH)).isEqualTo("1.5 kB");
		assertThat(FileSizes.format(3000, DUTCH)).isEqualTo("2,9 kB");
		assertThat(FileSizes.format(3 * 1024, DUTCH)).isEqualTo("3 kB");
		assertThat(FileSizes.format(10 * 1024 - 1, DUTCH)).isEqualTo("10 kB");
		assertThat(FileSizes.format(12_800, DUTCH)).as("12.5 kB").isEqualTo("13 kB");
		assertThat(FileSizes.format(1000 * 1024, DUTCH)).isEqualTo("1000 kB");
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
