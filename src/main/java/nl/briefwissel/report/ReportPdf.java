package nl.briefwissel.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The report as a PDF: the same record as the HTML page, laid out for paper, tagged for PDF/UA
 * (structure, language, title) with DejaVu Sans embedded so that every Dutch diacritic prints.
 */
@Component
public class ReportPdf {

	static final String FONT = "DejaVu Sans";

	private final ITemplateEngine templates;

	ReportPdf(ITemplateEngine templates) {
		this.templates = templates;
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
				renderHtml("<html lang=\"nl\"><head><title>Briefwissel</title></head><body><p>één café coöperatie</p></body></html>");
			}
			catch (RuntimeException e) {
				org.slf4j.LoggerFactory.getLogger(ReportPdf.class).warn("PDF warm-up failed; the first report will be slower", e);
			}
		}, "report-pdf-warm-up");
		warmUp.setDaemon(true);
		warmUp.setPriority(Thread.MIN_PRIORITY);
		warmUp.start();
	}

	public byte[] render(TrajectoryReport report, Locale language) {
		Context context = new Context(language);
		context.setVariable("report", report);
		return renderHtml(templates.process("report/document", context));
	}

	private byte[] renderHtml(String html) {
		// Thymeleaf writes HTML; the PDF renderer wants a well-formed document, which jsoup makes of it.
		org.w3c.dom.Document document = new W3CDom().fromJsoup(Jsoup.parse(html));
		ByteArrayOutputStream pdf = new ByteArrayOutputStream();
		try {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.usePdfUaAccessibility(true);
			// A letter in Arabic or Hebrew: its letters in reading order, Arabic joined, as on the page.
			builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
			builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
			builder.defaultTextDirection(BaseRendererBuilder.TextDirection.LTR);
			builder.useFont(() -> font("DejaVuSans.ttf"), FONT, 400, FontStyle.NORMAL, true);
			builder.useFont(() -> font("DejaVuSans-Bold.ttf"), FONT, 700, FontStyle.NORMAL, true);
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

	private static InputStream font(String file) {
		try {
			return new ClassPathResource("report/fonts/" + file).getInputStream();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Font " + file + " is missing from the application", e);
		}
	}
}
