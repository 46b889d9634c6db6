package nl.briefwissel.web;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dutch first, English complete: every text exists in both languages, with the same placeholders,
 * and reads correctly through MessageFormat (which every text goes through).
 */
class MessagesTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

	@Test
	void everyTextExistsInDutchAndInEnglish() throws IOException {
		Properties dutch = load("messages_nl.properties");
		Properties english = load("messages_en.properties");
		Set<String> onlyDutch = new TreeSet<>(dutch.stringPropertyNames());
		onlyDutch.removeAll(english.stringPropertyNames());
		Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
		onlyEnglish.removeAll(dutch.stringPropertyNames());
		assertThat(onlyDutch).as("keys without English text").isEmpty();
		assertThat(onlyEnglish).as("keys without Dutch text").isEmpty();
		List<String> blank = new ArrayList<>();
		dutch.stringPropertyNames().stream().filter(key -> dutch.getProperty(key).isBlank()).forEach(blank::add);
		english.stringPropertyNames().stream().filter(key -> english.getProperty(key).isBlank()).forEach(blank::add);
		assertThat(blank).as("empty texts").isEmpty();
	}

	/**
	 * A key written twice keeps only its last text, silently: the account invitation's mail.invitation.*
	 * took the subject and button of the programme's invitation to apply ('Your account at Briefwissel',
	 * 'Choose your password' above a link to the intake form).
	 */
	@Test
	void noKeyIsWrittenTwice() throws IOException {
		for (String name : List.of("messages_nl.properties", "messages_en.properties")) {
			// Properties would keep one of the two; the keys are read as the lines give them.
			Properties seen = new Properties() {
				@Override
				public synchronized Object put(Object key, Object value) {
					assertThat(containsKey(key)).as(name + ": " + key + " is written twice").isFalse();
					return super.put(key, value);
				}
			};
			try (var reader = new InputStreamReader(MessagesTests.class.getClassLoader().getResourceAsStream(name),
					StandardCharsets.UTF_8)) {
				seen.load(reader);
			}
		}
	}

	@Test
	void aTextReadsThroughMessageFormatWithOrWithoutArgumentsAndOneWithoutIsKept() {
		Texts texts = new Texts();
		String once = texts.getMessage("participant.byMail", null, Locale.ENGLISH);
		assertThat(once).contains("your e-coach's mail").doesNotContain("''");
		assertThat(texts.getMessage("participant.byMail", new Object[0], Locale.ENGLISH)).isSameAs(once);
		String dutch = texts.getMessage("participant.byMail", null, Locale.forLanguageTag("nl"));
		assertThat(dutch).as("kept per language").isNotEqualTo(once).isSameAs(texts.getMessage("participant.byMail", null, Locale.forLanguageTag("nl")));
		assertThat(texts.getMessage("assignment.giving", new Object[] { "Foto" }, Locale.ENGLISH))
			.isEqualTo("The assignment ‘Foto’ goes with this message; the participant's next message is the answer.");
		assertThat(texts.getMessage("coach.caption", null, Locale.forLanguageTag("nl"))).as("an argument left out stays visible")
			.isEqualTo("Jouw trajecten ({0})");
		assertThat(texts.getMessage("coach.caption", null, Locale.GERMAN)).as("Dutch first").isEqualTo("Jouw trajecten ({0})");
		assertThat(texts.getMessage("no.such.text", null, "{0} ''default''", Locale.ENGLISH)).isEqualTo("{0} ''default''");
	}

	@Test
	void bothLanguagesUseTheSamePlaceholdersAndEveryApostropheIsDoubled() throws IOException {
		Properties dutch = load("messages_nl.properties");
		Properties english = load("messages_en.properties");
		List<String> wrong = new ArrayList<>();
		for (String key : dutch.stringPropertyNames()) {
			String nl = dutch.getProperty(key);
			String en = english.getProperty(key, "");
			if (!placeholders(nl).equals(placeholders(en))) {
				wrong.add(key + ": placeholders " + placeholders(nl) + " in Dutch, " + placeholders(en) + " in English");
			}
			for (var text : List.of(nl, en)) {
				// A single apostrophe starts a quoted part in MessageFormat and swallows the rest.
				String unquoted = text.replace("''", "");
				if (unquoted.matches("(?s).*'(?!\\{)[^{}]*") && !unquoted.matches("(?s).*'\\{[^}]*}'.*")) {
					wrong.add(key + ": single apostrophe in \"" + text + "\"");
				}
				try {
					new MessageFormat(text, Locale.ROOT).format(new Object[] { 1, 2, 3, 4, 5 });
				}
				catch (IllegalArgumentException e) {
					wrong.add(key + ": not a valid MessageFormat: " + e.getMessage());
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	/**
	 * A count says its noun in the form it needs: the accounts page said "Deze deelnemer zit nog in 1 traject(en)"
	 * and a letter's delivery "na 1 poging(en)". Every text with a count chooses between one and more.
	 */
	@Test
	void aCountIsFollowedByItsSingularOrItsPluralNeverByBracketedEndings() throws IOException {
		Pattern bracketed = Pattern.compile("\\p{L}\\((en|s|es|ies|n|e)\\)");
		for (String name : List.of("messages_nl.properties", "messages_en.properties")) {
			Properties texts = load(name);
			assertThat(texts.stringPropertyNames()).as(name).filteredOn(key -> bracketed.matcher(texts.getProperty(key)).find())
				.isEmpty();
		}
		Texts texts = new Texts();
		Locale dutch = Locale.forLanguageTag("nl");
		assertThat(texts.getMessage("admin.accounts.stillTakingPart", new Object[] { 1 }, dutch))
			.startsWith("Deze deelnemer zit nog in 1 traject (")
			.endsWith("Trek de rol in als dat traject is afgerond, gestopt of gewist.");
		assertThat(texts.getMessage("admin.accounts.stillTakingPart", new Object[] { 2 }, Locale.ENGLISH))
			.startsWith("This participant is still in 2 trajectories (")
			.endsWith("once those trajectories are completed, stopped or erased.");
		assertThat(texts.getMessage("admin.accounts.stillCoaching", new Object[] { 1 }, Locale.ENGLISH))
			.startsWith("This coach still coaches, or is proposed for, 1 trajectory;");
		assertThat(texts.getMessage("admin.accounts.stillCoaching", new Object[] { 3 }, dutch))
			.startsWith("Deze coach begeleidt nog 3 trajecten of").contains("als die trajecten zijn afgerond");
		assertThat(texts.getMessage("conversation.delivery.delayed", new Object[] { 1, "9 dec 10:00", "x" }, dutch))
			.isEqualTo("Vertraagd: 1 poging mislukt, volgende poging 9 dec 10:00. Reden: x");
		assertThat(texts.getMessage("conversation.delivery.failed", new Object[] { 1, "x" }, Locale.ENGLISH))
			.isEqualTo("Not sent after 1 attempt. Reason: x");
		assertThat(texts.getMessage("conversation.delivery.failed", new Object[] { 55, "x" }, dutch))
			.isEqualTo("Niet verstuurd na 55 pogingen. Reden: x");
	}

	/**
	 * One way of quoting on every page (the product walk met typewriter quotes around a less-than-five, ‘Van’
	 * and „Van” for the same kind of thing): the name of a button, field, option or assignment between single
	 * quotes in both languages (‘Van’, ‘From’), words quoted as written between double ones, low-high in Dutch
	 * („vaak”) and high-high in English (“often”). Never typewriter quotes, which read as code.
	 */
	@Test
	void everyTextQuotesInTheHouseStyle() throws IOException {
		Properties dutch = load("messages_nl.properties");
		Properties english = load("messages_en.properties");
		Pattern typewriter = Pattern.compile("\"|(?<!\\p{L})''\\S[^']*\\S''(?!\\p{L})");
		assertThat(dutch.stringPropertyNames()).filteredOn(key -> typewriter.matcher(dutch.getProperty(key)).find()
				|| dutch.getProperty(key).contains("“")).isEmpty();
		assertThat(english.stringPropertyNames()).filteredOn(key -> typewriter.matcher(english.getProperty(key)).find()
				|| english.getProperty(key).contains("„")).isEmpty();
		Texts texts = new Texts();
		Locale nl = Locale.forLanguageTag("nl");
		assertThat(texts.getMessage("audit.error.toBeforeFrom", null, nl)).startsWith("Deze dag ligt vóór de dag bij ‘Van’.");
		assertThat(texts.getMessage("audit.error.toBeforeFrom", null, Locale.ENGLISH)).startsWith("This day is before the day under ‘From’.");
		assertThat(texts.getMessage("statistics.smallCounts", null, nl)).startsWith("Waarom ‘< 5’ en niet het getal?");
		assertThat(texts.getMessage("assignment.giving", new Object[] { "Foto" }, nl)).startsWith("De opdracht ‘Foto’ gaat mee");
		assertThat(texts.getMessage("workspace.filter.none", null, Locale.ENGLISH)).contains("Choose ‘All’ in both");
		assertThat(texts.getMessage("handover.full", new Object[] { "Eva", 3, 3 }, nl)).contains("vink ‘Toch overdragen’ aan");
	}

	/** A limit reads as in the rest of the English texts ("20,000 characters"), not the Dutch way ("8000 tekens"). */
	/**
	 * Why a mail was held back speaks of a mail and of people in one sentence: "hij" or "hem" for the mail
	 * read as the participant or the coach ("heard that he waits for the e-coach"), and for a person it says
	 * a gender. The mail is called the mail.
	 */
	@Test
	void whyAMailWasHeldBackNeverSaysHeOrHim() throws IOException {
		Properties dutch = load("messages_nl.properties");
		Pattern heOrHim = Pattern.compile("(?<!\\p{L})(hij|hem)(?!\\p{L})", Pattern.CASE_INSENSITIVE);
		assertThat(dutch.stringPropertyNames()).filteredOn(key -> key.startsWith("quarantine.reason."))
			.isNotEmpty()
			.allSatisfy(key -> assertThat(heOrHim.matcher(dutch.getProperty(key)).find()).as(key).isFalse());
	}

	/**
	 * The audit trail has one name in each language, the one on its page and in the menu: the ending of an
	 * organisation said "auditlog" where everything else says "logboek".
	 */
	@Test
	void theAuditTrailHasOneNameInEachLanguage() throws IOException {
		Properties dutch = load("messages_nl.properties");
		Properties english = load("messages_en.properties");
		assertThat(dutch.getProperty("audit.title")).isEqualTo("Logboek");
		assertThat(english.getProperty("audit.title")).isEqualTo("Audit trail");
		Pattern otherDutch = Pattern.compile("audit[- ]?log|audittrail", Pattern.CASE_INSENSITIVE);
		Pattern otherEnglish = Pattern.compile("audit[- ]?log|logbook", Pattern.CASE_INSENSITIVE);
		assertThat(dutch.stringPropertyNames()).filteredOn(key -> otherDutch.matcher(dutch.getProperty(key)).find()).isEmpty();
		assertThat(english.stringPropertyNames()).filteredOn(key -> otherEnglish.matcher(english.getProperty(key)).find()).isEmpty();
		assertThat(dutch.getProperty("admin.organisations.ended")).contains("in het logboek");
	}

	/** A colour refused for its contrast is refused before anyone sees it: the text would be hard to read, not is so. */
	@Test
	void aColourRefusedForItsContrastSaysTheTextWouldBeHardToRead() throws IOException {
		Properties dutch = load("messages_nl.properties");
		assertThat(dutch.stringPropertyNames()).filteredOn(key -> key.startsWith("houseStyle.error.contrast."))
			.hasSize(3)
			.allSatisfy(key -> assertThat(dutch.getProperty(key)).as(key).containsPattern("zou(den)? slecht leesbaar zijn")
				.doesNotContain("zo slecht"));
	}

	@Test
	void englishWritesTheThousandsOfALimitWithAComma() throws IOException {
		Properties english = load("messages_en.properties");
		Pattern ungrouped = Pattern.compile("\\b\\d{4,} characters");
		List<String> wrong = english.stringPropertyNames().stream()
			.filter(key -> ungrouped.matcher(english.getProperty(key)).find())
			.sorted()
			.toList();
		assertThat(wrong).isEmpty();
	}

	private static Set<String> placeholders(String text) {
		Set<String> numbers = new TreeSet<>();
		PLACEHOLDER.matcher(text).results().forEach(match -> numbers.add(match.group(1)));
		return numbers;
	}

	/**
	 * A constraint without a message of ours shows the framework's sentence: a theme label over 200
	 * characters said "grootte moet tussen 0 en 200 liggen". Every constraint on a form (a field, a record
	 * component or a parameter of a class of ours) names a text that exists in both languages.
	 */
	@Test
	void everyConstraintOfAFormSaysOneOfOurTexts() throws Exception {
		Properties dutch = load("messages_nl.properties");
		Properties english = load("messages_en.properties");
		List<String> wrong = new ArrayList<>();
		var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
		var readers = new org.springframework.core.type.classreading.SimpleMetadataReaderFactory();
		for (var resource : resolver.getResources("classpath*:nl/briefwissel/**/*.class")) {
			if (!resource.getURL().toString().contains("/classes/")) {
				continue;
			}
			String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
			if (resource.getURL().toString().contains("/test-classes/")) {
				continue;
			}
			Class<?> type = Class.forName(name, false, MessagesTests.class.getClassLoader());
			List<java.lang.reflect.AnnotatedElement> elements = new ArrayList<>(List.of(type.getDeclaredFields()));
			for (var executable : type.getDeclaredConstructors()) {
				elements.addAll(List.of(executable.getParameters()));
			}
			for (var method : type.getDeclaredMethods()) {
				elements.addAll(List.of(method.getParameters()));
			}
			for (var element : elements) {
				for (var annotation : element.getAnnotations()) {
					if (!annotation.annotationType().getPackageName().equals("jakarta.validation.constraints")) {
						continue;
					}
					String message = (String) annotation.annotationType().getMethod("message").invoke(annotation);
					String key = message.startsWith("{") && message.endsWith("}") ? message.substring(1, message.length() - 1) : null;
					if (key == null || key.startsWith("jakarta.") || !dutch.containsKey(key) || !english.containsKey(key)) {
						wrong.add(name + " " + element + ": @" + annotation.annotationType().getSimpleName() + " " + message);
					}
				}
			}
		}
		assertThat(wrong).as("constraints without a text of ours in both languages").isEmpty();
	}

	private static Properties load(String name) throws IOException {
		Properties properties = new Properties();
		try (var reader = new InputStreamReader(MessagesTests.class.getClassLoader().getResourceAsStream(name),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}
}
