package nl.briefwissel.report.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A record's file says whose it is, in letters every system takes. */
class ReportFileNameTests {

	@Test
	void theParticipantsNameBecomesPlainLettersAndDashes() {
		assertThat(ReportController.fileNamePart("Sanne Bakker")).isEqualTo("sanne-bakker-");
		assertThat(ReportController.fileNamePart("Fatma Yıldız-Özdemir")).isEqualTo("fatma-yildiz-ozdemir-");
		assertThat(ReportController.fileNamePart("  Zoë  d'Hondt / Ærø ")).isEqualTo("zoe-d-hondt-aero-");
		assertThat(ReportController.fileNamePart("A".repeat(39) + " Bakker")).isEqualTo("a".repeat(39) + "-");
	}

	@Test
	void aNameWithoutSuchLettersOrNoneLeavesTheNameOut() {
		assertThat(ReportController.fileNamePart("أحمد")).isEmpty();
		assertThat(ReportController.fileNamePart(null)).isEmpty();
		assertThat(ReportController.fileNamePart("")).isEmpty();
	}
}
