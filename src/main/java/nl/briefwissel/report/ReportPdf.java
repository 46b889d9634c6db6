package nl.briefwissel.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The report as a PDF: the same record as the HTML page, laid out for paper, tagged for PDF/UA
 * (structure, language, title) with DejaVu Sans embedded so that every Dutch diacritic prints, and
 * the installation's fonts for the scripts it lacks. A character no font has is not lost silently: it
 * prints as the replacement character, and a line at the top says so and where the record has it
 * (decision 0083).
 */
@Component
public class ReportPdf {

	/**
	 * Which copy of the record a PDF is, for its line about characters it could not print to point
	 * at what its reader has: the record's page for both readers, and for the participant also the
	 * data (JSON) of their export.
	 */
	public enum Copy {
		/** Downloaded by the trajectory's coach. */
		COACH,
		/** Downloaded by the participant from the record's page. */
		PARTICIPANT,
		/** In the participant's export, next to its data. */
		EXPORT
	}

	private final ITemplateEngine templates;

	private final ReportFonts fonts;

	ReportPdf(ITemplateEngine templates, ReportFonts fonts) {
		this.templates = templates;
		this.fonts = fonts;
	}

	/**
	 * Renders a small document once after start, off the request path: the first PDF of a fresh
	 * JVM otherwise pays for class loading and font parsing (2.8 s against 0.6 s warm, see
	 * docs/performance.md).
	 */
	@org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
	void warmUp() {
		Thread warmUp = new Thread(() -> {
			try {
				renderWarmUp();
			}
			catch (RuntimeException e) {
				org.slf4j.LoggerFactory.getLogger(ReportPdf.class).warn("PDF warm-up failed; the first report will be slower", e);
			}
		}, "report-pdf-warm-up");
		warmUp.setDaemon(true);
		warmUp.setPriority(Thread.MIN_PRIORITY);
		warmUp.start();
	}

	/**
	 * The warm-up's document, with the title and subject a report has: without a subject the renderer warned at
	 * every start that the document would not be PDF/UA compliant.
	 */
	static final String WARM_UP = "<html lang=\"nl\"><head><title>Briefwissel</title><meta name=\"subject\" content=\"Briefwissel\">"
			+ "<meta name=\"author\" content=\"Briefwissel\"></head><body><p>één café coöperatie</p></body></html>";

	byte[] renderWarmUp() {
		return render(Jsoup.parse(WARM_UP), java.util.List.of());
	}

	public byte[] render(TrajectoryReport report, Locale language, Copy copy) {
		Context context = new Context(language);
		context.setVariable("report", report);
		context.setVariable("copy", copy.name());
		org.jsoup.nodes.Document page = Jsoup.parse(templates.process("report/document", context));
		// The line about characters that do not print is in the template and stays only when one of the
		// record's does not (its own print): a look-up per character in what the fonts cover, read at start.
		ReportFonts.Needs needs = fonts.needs(page.body().text());
		org.jsoup.nodes.Element unprintable = page.getElementById("unprintable");
		if (unprintable != null && needs.printsAll()) {
			unprintable.remove();
		}
		return render(page, needs.fonts());
	}

	private byte[] render(org.jsoup.nodes.Document page, java.util.List<java.nio.file.Path> addedFonts) {
		// Thymeleaf writes HTML; the PDF renderer wants a well-formed document, which jsoup makes of it.
		org.w3c.dom.Document document = new W3CDom().fromJsoup(page);
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.usePdfUaAccessibility(true);
			// A letter in Arabic or Hebrew: its letters in reading order, Arabic joined, as on the page.
			builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
			builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
			builder.defaultTextDirection(BaseRendererBuilder.TextDirection.LTR);
			fonts.register(builder, addedFonts);
			builder.withProducer("Briefwissel");
			builder.withW3cDocument(document, "/");
			builder.toStream(pdf);
			builder.run();
		}
		catch (IOException e) {
			throw new UncheckedIOException("The report could not be rendered as PDF", e);
		}
		return pdf.toByteArray();
	}
}
