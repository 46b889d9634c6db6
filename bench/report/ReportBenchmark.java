package nl.briefwissel.report;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import nl.briefwissel.conversation.Attachment;
import nl.briefwissel.conversation.Author;
import nl.briefwissel.conversation.Channel;
import nl.briefwissel.conversation.Message;
import nl.briefwissel.conversation.MessageKind;
import nl.briefwissel.trajectory.Reason;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.thymeleaf.context.Context;
import org.thymeleaf.dialect.IDialect;
import org.thymeleaf.spring6.SpringTemplateEngine;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The report of the longest trajectory (12 weeks, 3 contact moments a week, 72 letters of about
 * 300 words, attachments listed): time to render the PDF (target < 2 s), and the HTML page it is
 * made from as the baseline measured in the same run. The template engine is the application's:
 * Spring Boot's Thymeleaf configuration with application.properties, the application's dialects
 * ({@code #times}, {@code #fileSizes}, {@code bw:}), its clock and its texts. A benchmark that built an
 * engine of its own lost every dialect added since and stopped rendering the report at all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ReportBenchmark {

	private static final Locale DUTCH = Locale.forLanguageTag("nl");

	private static final String LETTER = """
			Dank je wel voor je eerlijke antwoord. Je schreef dat je moet kiezen tussen blijven en weggaan, en dat \
			je daar altijd tegenop ziet. Dat herken ik bij veel mensen die lang bij één organisatie werken. Wat zou \
			er gebeuren als je het profiel van een andere functie naast dat van jezelf legt? Welke drie dingen zie \
			je dan het eerst? Schrijf ze op, zonder er te lang over na te denken; coöperatie en café mogen ook.
			""";

	/** Only what the templates need: the application's dialects, clock and texts, and Boot's engine. */
	@ImportAutoConfiguration(ThymeleafAutoConfiguration.class)
	static class ApplicationTemplates {
	}

	private AnnotationConfigApplicationContext application;

	private SpringTemplateEngine templates;

	private ReportPdf pdf;

	private TrajectoryReport report;

	@Setup
	public void setUp() throws Exception {
		application = new AnnotationConfigApplicationContext();
		application.getEnvironment().getPropertySources()
			.addFirst(new ResourcePropertySource("classpath:application.properties"));
		// Every dialect the application declares, found as the application finds them: one added later
		// is rendered here too instead of failing the report.
		ClassPathBeanDefinitionScanner dialects = new ClassPathBeanDefinitionScanner(application, false);
		dialects.addIncludeFilter(new AssignableTypeFilter(IDialect.class));
		dialects.scan("nl.briefwissel");
		// Package-private in their modules, so by name (as bench/pages reaches the dataset's letters):
		// the clock #times formats in and the texts, each as the application declares it.
		application.register(Class.forName("nl.briefwissel.TimeConfiguration"), Class.forName("nl.briefwissel.web.Languages"),
				ApplicationTemplates.class);
		application.refresh();
		templates = application.getBean(SpringTemplateEngine.class);
		pdf = new ReportPdf(templates, new ReportFonts(""));
		report = twelveWeeks();
	}

	@TearDown
	public void tearDown() {
		application.close();
	}

	@Benchmark
	public byte[] pdf() {
		return pdf.render(report, DUTCH, ReportPdf.Copy.PARTICIPANT);
	}

	@Benchmark
	public String htmlBaseline() {
		Context context = new Context(DUTCH);
		context.setVariable("report", report);
		return templates.process("report/document", context);
	}

	private static TrajectoryReport twelveWeeks() {
		LocalDate start = LocalDate.of(2026, 9, 7);
		TrajectoryOverview trajectory = new TrajectoryOverview(UUID.randomUUID(), UUID.randomUUID(), "E-coaching loopbaan",
				UUID.randomUUID(), "Sanne Bakker", "sanne@example.nl", UUID.randomUUID(), "Anja de Vries", "anja@example.nl",
				TrajectoryStatus.COMPLETED, "NEXT_STEP", start, start.plusWeeks(12), 12, 3, 0, List.of(), 2, DUTCH, true);
		List<TrajectoryReport.Moment> moments = new ArrayList<>();
		List<Message> letters = new ArrayList<>();
		for (int moment = 1; moment <= 36; moment++) {
			LocalDate due = start.plusDays(moment * 2L);
			moments.add(new TrajectoryReport.Moment(moment, due, true, moment % 7 != 0, false, null));
			OffsetDateTime at = due.atTime(9, 30).atOffset(ZoneOffset.ofHours(1));
			letters.add(letter(trajectory, Author.COACH, "Anja de Vries", at, List.of()));
			List<Attachment> files = moment % 6 == 0 ? List.of(new Attachment(UUID.randomUUID(), null, "foto-" + moment + ".jpg",
					"image/jpeg", 245_000, null)) : List.of();
			letters.add(letter(trajectory, Author.PARTICIPANT, "Sanne Bakker", at.plusHours(30), files));
		}
		List<Trajectories.Change> changes = List.of(
				new Trajectories.Change(start.atTime(9, 0).atOffset(ZoneOffset.ofHours(1)), TrajectoryStatus.MATCHING,
						TrajectoryStatus.RUNNING, Reason.MATCHED, null, null, true, null, false, null),
				new Trajectories.Change(start.plusWeeks(12).atTime(9, 0).atOffset(ZoneOffset.ofHours(1)), TrajectoryStatus.RUNNING,
						TrajectoryStatus.COMPLETED, Reason.QUESTION_ANSWERED, "De vraag is beantwoord.", null, true, null, false, null));
		return new TrajectoryReport(trajectory, "Een volgende stap die past bij mijn kwaliteiten",
				new Trajectories.InOwnWords("Ik wil een volgende stap zetten die past bij wat ik goed kan.",
						"Over twaalf weken weet ik welke opleiding ik kies.", true, true),
				moments, changes, List.of(), List.of(), null, letters, List.of(), OffsetDateTime.now(),
				changes.get(1).at(), java.util.Map.of());
	}

	private static Message letter(TrajectoryOverview trajectory, Author author, String name, OffsetDateTime at,
			List<Attachment> attachments) {
		String body = "Beste,\n\n" + LETTER.repeat(5) + "\nHartelijke groet,\n" + name;
		return new Message(UUID.randomUUID(), trajectory.id(), UUID.randomUUID(), name, author, MessageKind.MESSAGE, body, true,
				Channel.MAIL, null, null, at, attachments, Locale.forLanguageTag("nl")); // a Dutch letter, as the body
	}
}
