package nl.briefwissel.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Trimming throughput on one core: every reply of the test corpus, cycled. {@code read} is the
 * whole pipeline step (MIME parsing, decoding, classification, trimming); {@code trim} only the
 * quote trimming of already decoded text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@Threads(1)
public class TrimBenchmark {

	private final List<byte[]> raws = new ArrayList<>();

	private final List<String> texts = new ArrayList<>();

	private int next;

	@Setup
	public void loadCorpus() throws IOException {
		Path corpus = Path.of(System.getProperty("corpus", "src/test/resources/mail-corpus"));
		try (Stream<Path> files = Files.list(corpus)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
				byte[] raw = Files.readAllBytes(file);
				ReadMail mail = MailReader.read(raw);
				if (mail.kind() == MailKind.REPLY) {
					raws.add(raw);
					texts.add(mail.fullText());
				}
			}
		}
		if (raws.isEmpty()) {
			throw new IllegalStateException("no replies in " + corpus.toAbsolutePath());
		}
	}

	@Benchmark
	public void read(Blackhole hole) {
		hole.consume(MailReader.read(raws.get(next++ % raws.size())));
	}

	@Benchmark
	public void trim(Blackhole hole) {
		hole.consume(QuoteTrimmer.trim(texts.get(next++ % texts.size())));
	}
}
