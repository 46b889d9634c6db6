package nl.briefwissel.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
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

	/** A font the installation added, with the code points it prints. */
	private record Fallback(Path file, BitSet prints) {
	}

	/** What a document needs beyond DejaVu Sans: the added fonts it uses, and whether they print all of it. */
	record Needs(List<Path> fonts, boolean printsAll) {
	}

	/**
	 * DejaVu Sans's code points (its bold face falls back on its regular one, see register), and the added
	 * fonts that print something none before them does, in the order they are tried.
	 */
	private record Coverage(BitSet dejaVu, List<Fallback> fallbacks) {
	}

	private final List<Path> configured;

	/**
	 * Read at start only when fonts were added (a font named that cannot be embedded stops the start);
	 * otherwise on first use, which the PDF's warm-up after start is: reading DejaVu Sans's table takes
	 * most of a second in a fresh JVM, time the start to healthy should not spend.
	 */
	private volatile Coverage coverage;

	@Autowired
	ReportFonts(@Value("${briefwissel.report.fonts:}") String configured) {
		this(Arrays.stream(configured.split(",")).map(String::strip).filter(p -> !p.isEmpty()).map(Path::of).toList());
	}

	/**
	 * A file named is used or the application does not start; in a directory, the files PDFBox can
	 * embed are used and the others are named in the log (a system font directory holds some of both),
	 * its regular faces before its bold and italic ones. A font that adds no character to those before
	 * it is left out: a render then never tries it.
	 */
	ReportFonts(List<Path> configured) {
		this.configured = List.copyOf(configured);
		if (!configured.isEmpty()) {
			coverage();
		}
	}

	private Coverage coverage() {
		Coverage read = coverage;
		if (read == null) {
			synchronized (this) {
				read = coverage;
				if (read == null) {
					read = read(configured);
					coverage = read;
				}
			}
		}
		return read;
	}

	private static Coverage read(List<Path> configured) {
		BitSet dejaVu = coverage(read(classPath("DejaVuSans.ttf")));
		BitSet covered = (BitSet) dejaVu.clone();
		List<Fallback> usable = new ArrayList<>();
		for (Path path : configured) {
			boolean named = !Files.isDirectory(path);
			for (Path file : named ? List.of(path) : fontFilesIn(path)) {
				try {
					BitSet prints = coverage(parse(file));
					BitSet added = (BitSet) prints.clone();
					added.andNot(covered);
					if (added.isEmpty()) {
						continue;
					}
					embeddable(file);
					covered.or(prints);
					usable.add(new Fallback(file, prints));
				}
				catch (IOException | RuntimeException e) {
					if (named) {
						throw new IllegalStateException("briefwissel.report.fonts names " + path
								+ ", which cannot be embedded in a PDF (a TrueType font file is needed): " + e.getMessage(), e);
					}
					log.warn("Font {} is not used in the PDF: {}", file, e.getMessage());
				}
			}
		}
		log.info("The PDF prints {} characters: DejaVu Sans and {} added fonts", covered.cardinality(), usable.size());
		return new Coverage(dejaVu, List.copyOf(usable));
	}

	/** The added fonts in the order they are tried, those that add nothing left out. */
	List<Path> fallbacks() {
		return coverage().fallbacks().stream().map(Fallback::file).toList();
	}

	/**
	 * The added fonts this text needs, each character taken by the first that prints it, and whether
	 * every character is printed: a look-up per character. Spaces, line breaks and other control
	 * characters are laid out, not printed.
	 */
	Needs needs(String text) {
		Coverage fonts = coverage();
		BitSet dejaVu = fonts.dejaVu();
		List<Fallback> fallbacks = fonts.fallbacks();
		BitSet seen = new BitSet();
		BitSet used = new BitSet();
		boolean all = true;
		for (int i = 0; i < text.length();) {
			int c = text.codePointAt(i);
			i += Character.charCount(c);
			if (dejaVu.get(c) || seen.get(c) || Character.isWhitespace(c) || Character.getType(c) == Character.CONTROL) {
				continue;
			}
			seen.set(c);
			int font = firstPrinting(fallbacks, c);
			if (font < 0) {
				all = false;
			}
			else {
				used.set(font);
			}
		}
		return new Needs(used.stream().mapToObj(f -> fallbacks.get(f).file()).toList(), all);
	}

	private static int firstPrinting(List<Fallback> fallbacks, int codePoint) {
		for (int f = 0; f < fallbacks.size(); f++) {
			if (fallbacks.get(f).prints().get(codePoint)) {
				return f;
			}
		}
		return -1;
	}

	/**
	 * DejaVu Sans for the family the document names, then, for a character that face lacks: DejaVu
	 * Sans's regular face (its bold face has 140 fewer), then the added fonts the document needs, and
	 * only those (openhtmltopdf loads each font it tries).
	 */
	void register(PdfRendererBuilder builder, List<Path> needed) {
		builder.useFont(() -> classPath("DejaVuSans.ttf"), DEJAVU, 400, FontStyle.NORMAL, true);
		builder.useFont(() -> classPath("DejaVuSans-Bold.ttf"), DEJAVU, 700, FontStyle.NORMAL, true);
		builder.useFont(() -> classPath("DejaVuSans.ttf"), "Briefwissel fallback 0", 400, FontStyle.NORMAL, true,
				EnumSet.of(FSFontUseCase.FALLBACK_FINAL));
		for (int i = 0; i < needed.size(); i++) {
			builder.useFont(needed.get(i).toFile(), "Briefwissel fallback " + (i + 1), 400, FontStyle.NORMAL, true,
					EnumSet.of(FSFontUseCase.FALLBACK_FINAL));
		}
		builder.useReplacementText(REPLACEMENT);
	}

	/** The font files of a directory, regular faces first, each group in the order of their names. */
	private static List<Path> fontFilesIn(Path directory) {
		try (Stream<Path> files = Files.walk(directory)) {
			return files.filter(Files::isRegularFile).filter(f -> {
				String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
				return name.endsWith(".ttf") || name.endsWith(".otf");
			}).sorted(Comparator.comparing((Path f) -> !regular(f)).thenComparing(Comparator.naturalOrder())).toList();
		}
		catch (IOException e) {
			throw new IllegalStateException("briefwissel.report.fonts names the directory " + directory + ", which cannot be read", e);
		}
	}

	/** Whether the font is of normal weight and upright, as the record's text is; one that does not read is not. */
	private static boolean regular(Path file) {
		try (TrueTypeFont font = parse(file)) {
			OS2WindowsMetricsTable os2 = font.getOS2Windows();
			return os2 != null && os2.getWeightClass() == 400 && (os2.getFsSelection() & 1) == 0;
		}
		catch (IOException | RuntimeException e) {
			return false;
		}
	}

	private static TrueTypeFont parse(Path file) throws IOException {
		return new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
	}

	/** Throws unless PDFBox embeds the font as the renderer will: a throwaway document loads it. */
	private static void embeddable(Path file) throws IOException {
		try (PDDocument document = new PDDocument()) {
			PDType0Font.load(document, file.toFile());
		}
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
