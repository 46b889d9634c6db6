package nl.briefwissel.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.conversation.Author;
import nl.briefwissel.conversation.Channel;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.MessageKind;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;
import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A record written in many scripts, as its PDF keeps it: what DejaVu Sans prints is read back as
 * written; what no font prints is the replacement character, and a line at the top says so and where
 * the record has every character; a font the installation adds prints what DejaVu Sans lacks.
 */
@BriefwisselTest
class ReportPdfScriptsTests {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	/** Scripts DejaVu Sans has, Arabic joined and Hebrew in its order. */
	private static final List<String> PRINTED = List.of("één café coöperatie", "Καλημέρα", "Привет", "שלום עולם",
			"مرحبا بالعالم", "გამარჯობა", "Բարեւ", "😀");

	/** Scripts it lacks: Chinese, Japanese, Korean, Devanagari, Thai, Tamil, Amharic, most emoji. */
	private static final List<String> NOT_PRINTED = List.of("你好世界", "こんにちは", "안녕하세요", "नमस्ते", "สวัสดี", "வணக்கம்",
			"ሰላም", "👍🏽");

	@Autowired
	ReportPdf pdf;

	@Autowired
	ITemplateEngine templates;

	@Test
	void whatNoFontPrintsIsMarkedAndSaidAtTheTop() throws Exception {
		List<String> lines = new ArrayList<>(PRINTED);
		lines.addAll(NOT_PRINTED);
		byte[] document = pdf.render(report(String.join("\n", lines), "Sanne Bakker"), DUTCH, ReportPdf.Copy.PARTICIPANT);
		try (PDDocument read = Loader.loadPDF(document)) {
			String text = new PDFTextStripper().getText(read);
			assertThat(text).contains(PRINTED);
			for (String missing : NOT_PRINTED) {
				assertThat(text).as(missing).doesNotContain(missing)
					.contains("\uFFFD".repeat(missing.codePointCount(0, missing.length())));
			}
			assertThat(text).as("no character turned into one that reads as written").doesNotContain("#");
			String flat = text.replaceAll("\\s+", " ");
			assertThat(flat).contains("Niet elk teken van dit verslag staat in de lettertypen van deze PDF: waar een teken ontbreekt, staat \uFFFD.")
				.contains("het bestand gegevens.json in ‘Download al je gegevens’");
			PDFTextStripper onThePage = new PDFTextStripper();
			onThePage.setSortByPosition(true);
			String top = onThePage.getText(read).replaceAll("\\s+", " ");
			assertThat(top.indexOf("Niet elk teken")).as("at the top, under the title, before the record")
				.isGreaterThan(top.indexOf("Verslag van de e-coaching")).isLessThan(top.indexOf("Naam"));
			assertThat(read.getDocumentCatalog().getStructureTreeRoot()).as("tagged for PDF/UA").isNotNull();
			assertThat(read.getDocumentCatalog().getLanguage()).isEqualTo("nl");
			assertThat(fonts(read)).allSatisfy(font -> assertThat(font.isEmbedded()).as(font.getName()).isTrue());
			assertThat(unicode(read)).as("Arabic printed in its joined forms")
				.anyMatch(c -> c.codePointAt(0) >= 0xFE70 && c.codePointAt(0) <= 0xFEFF);
		}
	}

	@Test
	void eachCopySaysWhereItsReaderFindsEveryCharacter() throws Exception {
		TrajectoryReport report = report("你好", "Sanne Bakker");
		Locale english = Locale.ENGLISH;
		assertThat(text(pdf.render(report, english, ReportPdf.Copy.COACH)))
			.contains("Not every character of this report is in the fonts of this PDF: where one is missing, it shows \uFFFD. "
					+ "The report on its page in Briefwissel shows every character.")
			.doesNotContain("data.json");
		assertThat(text(pdf.render(report, english, ReportPdf.Copy.PARTICIPANT)))
			.contains("The report on its page in Briefwissel shows every character, and the file data.json in ‘Download all your data’ has them too.");
		assertThat(text(pdf.render(report, english, ReportPdf.Copy.EXPORT)))
			.contains("The file data.json in this download has every character, and the report on its page in Briefwissel shows them.");
	}

	@Test
	void aRecordThatPrintsWholeSaysNothingAboutIt() throws Exception {
		// A name in mathematical sans-serif letters: DejaVu Sans's bold face, of the heading, lacks them; its regular face prints them.
		// The coach's copy heads the letter with its writer's name (the participant's own heads their letters Jij).
		String text = text(pdf.render(report(String.join("\n", PRINTED), "𝖠𝗇𝗃𝖺 Bakker"), DUTCH, ReportPdf.Copy.COACH));
		assertThat(text).contains(PRINTED).contains("𝖠𝗇𝗃𝖺 Bakker").doesNotContain("Niet elk teken").doesNotContain("\uFFFD");
	}

	/**
	 * A web address in a letter is a link on the record's page, and stays text in the PDF (decision 0123): as a
	 * link its text was read after the rest of its line, out of the sentence.
	 */
	@Test
	void aWebAddressInALetterStaysTextInThePdfInItsPlace() throws Exception {
		byte[] document = pdf.render(report("Kijk de video (https://example.org/video?t=1&s=2). Niet javascript:alert(1).", "Sanne Bakker"),
				DUTCH, ReportPdf.Copy.PARTICIPANT);
		try (PDDocument read = Loader.loadPDF(document)) {
			assertThat(new PDFTextStripper().getText(read).replaceAll("\\s+", " "))
				.contains("Kijk de video (https://example.org/video?t=1&s=2). Niet javascript:alert(1).");
			List<String> targets = new ArrayList<>();
			for (PDPage page : read.getPages()) {
				for (var annotation : page.getAnnotations()) {
					if (annotation instanceof org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink link
							&& link.getAction() instanceof org.apache.pdfbox.pdmodel.interactive.action.PDActionURI uri) {
						targets.add(uri.getURI());
					}
				}
			}
			assertThat(targets).isEmpty();
			assertThat(read.getDocumentCatalog().getStructureTreeRoot()).as("tagged for PDF/UA").isNotNull();
		}
	}

	@Test
	void anInstallationsFontPrintsWhatDejaVuSansLacks() throws Exception {
		Path font = new ClassPathResource("report/fonts/dejavu-serif-arrows.ttf").getFile().toPath();
		TrajectoryReport report = report("Van hier ⤀ naar daar ⤅, en 你好", "Sanne Bakker");
		assertThat(text(pdf.render(report, DUTCH, ReportPdf.Copy.COACH))).doesNotContain("⤀").contains("Niet elk teken");

		for (ReportFonts fonts : List.of(new ReportFonts(List.of(font)), new ReportFonts(font.getParent().toString()))) {
			assertThat(fonts.fallbacks()).containsExactly(font);
			byte[] document = new ReportPdf(templates, fonts).render(report, DUTCH, ReportPdf.Copy.COACH);
			try (PDDocument read = Loader.loadPDF(document)) {
				String text = new PDFTextStripper().getText(read);
				assertThat(text).contains("Van hier ⤀ naar daar ⤅, en \uFFFD\uFFFD").contains("Niet elk teken");
				assertThat(fonts(read)).anySatisfy(f -> assertThat(f.getName()).contains("DejaVuSerif"))
					.allSatisfy(f -> assertThat(f.isEmbedded()).as(f.getName()).isTrue());
			}
			assertThat(text(new ReportPdf(templates, fonts).render(report("Van hier ⤀ naar daar ⤅", "Sanne Bakker"), DUTCH,
					ReportPdf.Copy.COACH))).contains("⤀").doesNotContain("Niet elk teken");
			// A record that needs none of the added fonts neither loads nor embeds one.
			try (PDDocument read = Loader.loadPDF(new ReportPdf(templates, fonts).render(report("één café", "Sanne Bakker"), DUTCH,
					ReportPdf.Copy.COACH))) {
				assertThat(fonts(read)).noneSatisfy(f -> assertThat(f.getName()).contains("DejaVuSerif"));
			}
		}
	}

	@Test
	void eachCharacterTakesTheFirstAddedFontThatPrintsItAndAFontThatAddsNothingIsLeftOut() throws Exception {
		Path arrows = new ClassPathResource("report/fonts/dejavu-serif-arrows.ttf").getFile().toPath();
		Path dejaVu = new ClassPathResource("report/fonts/DejaVuSans.ttf").getFile().toPath();
		ReportFonts fonts = new ReportFonts(dejaVu + ", " + arrows + "," + arrows.getParent());
		assertThat(fonts.fallbacks()).containsExactly(arrows);
		assertThat(fonts.needs("één café\n\tשלום")).isEqualTo(new ReportFonts.Needs(List.of(), true));
		assertThat(fonts.needs("⤀ en ⤅")).isEqualTo(new ReportFonts.Needs(List.of(arrows), true));
		assertThat(fonts.needs("⤀ en 你")).isEqualTo(new ReportFonts.Needs(List.of(arrows), false));
		assertThat(fonts.needs("你")).isEqualTo(new ReportFonts.Needs(List.of(), false));
	}

	@Test
	void aNamedFontThatCannotBeEmbeddedStopsTheStartAndSaysWhy() throws Exception {
		Path notAFont = new ClassPathResource("report/fonts/README.md").getFile().toPath();
		assertThatThrownBy(() -> new ReportFonts(notAFont.toString())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("briefwissel.report.fonts names " + notAFont);
		assertThatThrownBy(() -> new ReportFonts("/nowhere/font.ttf")).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("/nowhere/font.ttf");
		assertThat(new ReportFonts(" ").fallbacks()).isEmpty();
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument read = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(read).replaceAll("\\s+", " ");
		}
	}

	private static Set<PDFont> fonts(PDDocument document) throws Exception {
		Set<PDFont> fonts = new HashSet<>();
		for (PDPage page : document.getPages()) {
			for (COSName name : page.getResources().getFontNames()) {
				fonts.add(page.getResources().getFont(name));
			}
		}
		return fonts;
	}

	/** The characters as the PDF's fonts map them back, before the text stripper normalises them. */
	private static List<String> unicode(PDDocument document) throws Exception {
		List<String> characters = new ArrayList<>();
		new PDFTextStripper() {
			@Override
			protected void writeString(String text, List<TextPosition> positions) {
				positions.forEach(p -> characters.add(p.getUnicode()));
			}
		}.getText(document);
		return characters;
	}

	static TrajectoryReport report(String letter, String writer) {
		LocalDate start = LocalDate.of(2026, 9, 7);
		TrajectoryOverview trajectory = new TrajectoryOverview(UUID.randomUUID(), UUID.randomUUID(), "E-coaching loopbaan",
				UUID.randomUUID(), "Sanne Bakker", "sanne@example.nl", UUID.randomUUID(), "Anja de Vries", "anja@example.nl",
				TrajectoryStatus.RUNNING, "NEXT_STEP", start, null, 12, 3, 0, List.of(), 2, DUTCH, true);
		Message message = new Message(UUID.randomUUID(), trajectory.id(), UUID.randomUUID(), writer, Author.PARTICIPANT,
				MessageKind.MESSAGE, letter, true, Channel.MAIL, null, null, start.atTime(9, 30).atOffset(ZoneOffset.ofHours(1)),
				List.of(), DUTCH);
		return new TrajectoryReport(trajectory, "Een volgende stap", new Trajectories.InOwnWords("Mijn vraag", "Mijn doelen", true, true),
				List.of(), List.of(), List.of(), List.of(), null, List.of(message), List.of(), OffsetDateTime.now(), null,
				java.util.Map.of());
	}
}
