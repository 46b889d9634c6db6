package nl.briefwissel.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.openhtmltopdf.util.XRLog;
import nl.briefwissel.BriefwisselTest;
import nl.briefwissel.conversation.Attachment;
import nl.briefwissel.conversation.Message;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report's PDF is made without a warning in the log: its stylesheet says only what the renderer reads,
 * and the form font the renderer makes for every document (never drawn) is not warned of as replaced.
 * A warning on every download would hide the one that matters.
 */
@BriefwisselTest
@ExtendWith(OutputCaptureExtension.class)
class ReportPdfWarningsTests {

	@Autowired
	ReportPdf pdf;

	@Test
	void aReportsPdfIsMadeWithoutAWarning(CapturedOutput log) throws Exception {
		// With a list (the letter's attachments), whose markers the renderer draws.
		TrajectoryReport plain = ReportPdfScriptsTests.report("Een brief met twee bijlagen.", "Sanne Bakker");
		Message letter = plain.correspondence().get(0);
		List<Attachment> files = List.of(new Attachment(UUID.randomUUID(), letter.id(), "cv.pdf", "application/pdf", 2048, null),
				new Attachment(UUID.randomUUID(), letter.id(), "brief.docx", "application/octet-stream", 4096, null));
		Message withFiles = new Message(letter.id(), letter.trajectoryId(), letter.authorId(), letter.authorName(), letter.author(),
				letter.kind(), letter.body(), letter.readable(), letter.channel(), letter.inboundMailId(), letter.mailMessageId(),
				letter.createdAt(), files, letter.language());
		TrajectoryReport report = new TrajectoryReport(plain.trajectory(), plain.themeLabel(), plain.inOwnWords(), plain.moments(),
				plain.changes(), plain.assignments(), plain.highlights(), plain.closing(), List.of(withFiles), plain.mailNotes(),
				plain.madeAt(), plain.endedAt(), plain.cameIn());
		List<byte[]> made = new ArrayList<>();
		List<String> warned = warningsWhile(() -> {
			for (ReportPdf.Copy copy : ReportPdf.Copy.values()) {
				for (Locale language : new Locale[] { Locale.forLanguageTag("nl"), Locale.ENGLISH }) {
					made.add(pdf.render(report, language, copy));
				}
			}
		});
		assertThat(warned).as("openhtmltopdf's warnings").isEmpty();
		// PDFBox logs through the application's log. The ZapfDingbats openhtmltopdf makes for a form's
		// fields is never drawn: every font on the pages is embedded, and none is it.
		assertThat(log.getAll()).doesNotContain("ZapfDingbats").doesNotContain("Using fallback font");
		for (byte[] document : made) {
			try (PDDocument read = Loader.loadPDF(document)) {
				for (PDPage page : read.getPages()) {
					for (COSName name : page.getResources().getFontNames()) {
						PDFont font = page.getResources().getFont(name);
						assertThat(font.isEmbedded()).as(font.getName()).isTrue();
						assertThat(font.getName()).doesNotContain("Dingbats");
					}
				}
			}
		}
	}

	/**
	 * The PDF warm-up at every start warned "No document description provided. Document will not be PDF/UA
	 * compliant.": its small document had no subject, which every report has. It warms up without a warning.
	 */
	@Test
	void theWarmUpAtStartIsMadeWithoutAWarning() {
		List<String> warned = warningsWhile(pdf::renderWarmUp);
		assertThat(warned).as("openhtmltopdf's warnings").isEmpty();
	}

	private static List<String> warningsWhile(Runnable rendering) {
		// openhtmltopdf logs through java.util.logging to a console handler of its own, made before any
		// capture of the output: its warnings are read from its loggers.
		List<String> warned = new CopyOnWriteArrayList<>();
		Handler listener = new Handler() {
			@Override
			public void publish(LogRecord record) {
				if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
					warned.add(record.getLoggerName() + ": " + record.getMessage());
				}
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		List<Logger> loggers = XRLog.listRegisteredLoggers().stream().map(Logger::getLogger).toList();
		loggers.forEach(logger -> logger.addHandler(listener));
		try {
			rendering.run();
		}
		finally {
			loggers.forEach(logger -> logger.removeHandler(listener));
		}
		return warned;
	}
}
