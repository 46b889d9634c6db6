package nl.briefwissel;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmarks in {@code bench/} are compiled only when someone runs them, so a change to the
 * application's types broke one unseen (a record's new component) until the next performance round.
 * Here every benchmark source compiles against the application as it is; nothing is run.
 */
class BenchSourcesTests {

	@Test
	void everyBenchmarkCompilesAgainstTheApplication(@TempDir Path out) throws IOException {
		List<String> sources;
		try (Stream<Path> files = Files.walk(Path.of("bench"))) {
			sources = files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).sorted().toList();
		}
		assertThat(sources).isNotEmpty();
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		StringWriter errors = new StringWriter();
		try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
			List<String> options = List.of("-nowarn", "-proc:none", "-cp", System.getProperty("java.class.path"), "-d",
					out.toString());
			boolean compiled = javac.getTask(errors, files, null, options, null, files.getJavaFileObjectsFromStrings(sources))
				.call();
			assertThat(compiled).as(errors.toString()).isTrue();
		}
	}
}
