package nl.briefwissel.report;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The fonts the PDF prints with: DejaVu Sans, shipped with the application, then the fonts an
 * installation adds for the scripts DejaVu Sans lacks (briefwissel.report.fonts: font files or
 * directories of them, in the order they are tried). Which characters they print is read once, at
 * start, so that each report can tell cheaply whether every character of it is printed: one that no
 * font has comes out as the replacement character, and the PDF says so (decision 0083).
 */
@Component
class ReportFonts {

	static final String DEJAVU = "DejaVu Sans";

	/** The replacement the renderer prints for a character no font has; DejaVu Sans has it. */
	static final String REPLACEMENT = "\uFFFD";

	private static final Logger log = LoggerFactory.getLogger(ReportFonts.class);

	private final List<Path> fallbacks;

	/** Every code point some font prints: DejaVu Sans's (its bold face falls back on the regular one) and the fallbacks'. */
	private final BitSet printable;

	@Autowired
	ReportFonts(@Value("${briefwissel.report.fonts:}") String configured) {
		this(Arrays.stream(configured.split(",")).map(String::strip).filter(p -> !p.isEmpty()).map(Path::of).toList());
	}

	/**
	 * A file named is used or the application does not start; in a directory, the files PDFBox can
	 * embed are used and the others are named in the log (a system font directory holds some of both).
	 */
	ReportFonts(List<Path> configured) {
		List<Path> usable = new ArrayList<>();
		BitSet covered = coverage(read(classPath("DejaVuSans.ttf")));
		for (Path path : configured) {
			if (Files.isDirectory(path)) {
				for (Path file : fontFilesIn(path)) {
					try {
						covered.or(coverage(usable(file)));
						usable.add(file);
					}
					catch (IOException | RuntimeException e) {
						log.warn("Font {} is not used in the PDF: {}", file, e.getMessage());
					}
				}
			}
			else {
				try {
					covered.or(coverage(usable(path)));
					usable.add(path);
				}
				catch (IOException | RuntimeException e) {
					throw new IllegalStateException("briefwissel.report.fonts names " + path
							+ ", which cannot be embedded in a PDF (a TrueType font file is needed): " + e.getMessage(), e);
				}
			}
		}
		this.fallbacks = List.copyOf(usable);
		this.printable = covered;
		log.info("The PDF prints {} characters with DejaVu Sans and {} fallback fonts", covered.cardinality(), usable.size());
	}

	/** The fonts added by the installation, in the order they are tried. */
	List<Path> fallbacks() {
		return fallbacks;
	}

	/**
	 * Whether every character of this text is printed by some font. Spaces, line breaks and other
	 * control characters are laid out, not printed.
	 */
	boolean printsAll(String text) {
		return text.codePoints().allMatch(this::prints);
	}

	private boolean prints(int codePoint) {
		return printable.get(codePoint) || Character.isWhitespace(codePoint) || Character.getType(codePoint) == Character.CONTROL;
	}

	/**
	 * DejaVu Sans for the family the document names, then, for a character that face lacks: DejaVu
	 * Sans's regular face (its bold face has 140 fewer), then the installation's fonts.
	 */
	void register(PdfRendererBuilder builder) {
		builder.useFont(() -> classPath("DejaVuSans.ttf"), DEJAVU, 400, FontStyle.NORMAL, true);
		builder.useFont(() -> classPath("DejaVuSans-Bold.ttf"), DEJAVU, 700, FontStyle.NORMAL, true);
		builder.useFont(() -> classPath("DejaVuSans.ttf"), "Briefwissel fallback 0", 400, FontStyle.NORMAL, true,
				EnumSet.of(FSFontUseCase.FALLBACK_FINAL));
		for (int i = 0; i < fallbacks.size(); i++) {
			builder.useFont(fallbacks.get(i).toFile(), "Briefwissel fallback " + (i + 1), 400, FontStyle.NORMAL, true,
					EnumSet.of(FSFontUseCase.FALLBACK_FINAL));
		}
		builder.useReplacementText(REPLACEMENT);
	}

	private static List<Path> fontFilesIn(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).filter(f -> {
				String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
				return name.endsWith(".ttf") || name.endsWith(".otf");
			}).sorted().toList();
		}
		catch (IOException e) {
			throw new IllegalStateException("briefwissel.report.fonts names the directory " + directory + ", which cannot be read", e);
		}
	}

	/** The font, once PDFBox has shown that it embeds it as the renderer will: a throwaway document loads it. */
	private static TrueTypeFont usable(Path file) throws IOException {
		File font = file.toFile();
		try (PDDocument document = new PDDocument()) {
			PDType0Font.load(document, font);
		}
		return new TTFParser().parse(new RandomAccessReadBufferedFile(font));
	}

	private static TrueTypeFont read(InputStream font) {
		try (font) {
			return new TTFParser().parse(new RandomAccessReadBuffer(font));
		}
		catch (IOException e) {
			throw new UncheckedIOException("DejaVu Sans cannot be read", e);
		}
	}

	/** The code points the font's Unicode table maps to a glyph, read glyph by glyph: far fewer than all of Unicode. */
	private static BitSet coverage(TrueTypeFont font) {
		try (font) {
			CmapLookup cmap = font.getUnicodeCmapLookup();
			BitSet covered = new BitSet();
			for (int glyph = 1; glyph < font.getNumberOfGlyphs(); glyph++) {
				List<Integer> codePoints = cmap.getCharCodes(glyph);
				if (codePoints != null) {
					codePoints.forEach(covered::set);
				}
			}
			return covered;
		}
		catch (IOException e) {
			throw new UncheckedIOException("A font's characters cannot be read", e);
		}
	}

	static InputStream classPath(String file) {
		try {
			return new ClassPathResource("report/fonts/" + file).getInputStream();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Font " + file + " is missing from the application", e);
		}
	}
}
