package nl.briefwissel.writing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nl.briefwissel.Quotations;

/**
 * The rules of the writing help. Each reads the draft with the rule set of its language and
 * returns its findings; none of them ever stops a message from being sent.
 */
sealed interface Rule {

	List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon);

	/** All rules, in the order their findings are listed. */
	static List<Rule> all() {
		return List.of(new JudgingWords(), new HarshWords(), new FillerWords(), new ButAfterCompliment(), new TooManyQuestions(), new LongSentences(),
				new MixedAddress(), new Shouting(), new PassiveVoice(), new Jargon());
	}

	/**
	 * Absolute and judging words ("altijd", "nooit", "moet", "gewoon"): they are read as a verdict. A
	 * phrase of the list is one remark, not one for it and one for its word (zou moeten, moeten):
	 * the longest phrases are looked for first, and a word within one found is passed over.
	 */
	record JudgingWords() implements Rule {

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			// Advice that fits the word: "bijvoorbeeld vaak" was given for moet and natuurlijk too.
			return phrases(draft, rules.judging(), "judging", rules.inLetterLanguage("writing.judging")).stream()
				.map(found -> {
					String kind = rules.judgingKinds()
						.get(draft.text.substring(found.start(), found.end()).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT));
					return kind == null ? found : new Finding(found.rule(), found.start(), found.end(),
							rules.inLetterLanguage("writing.judging." + kind), found.arguments());
				})
				.toList();
		}

		/** Each place of the phrases, the longest first, a word within a phrase found passed over. */
		static List<Finding> phrases(Draft draft, List<String> phrases, String rule, String messageKey) {
			List<Finding> findings = new ArrayList<>();
			List<String> longestFirst = phrases.stream()
				.sorted(java.util.Comparator.comparingInt((String phrase) -> phrase.split(" ").length).reversed())
				.toList();
			// For each character within a finding, the furthest end of a finding over it: a place lies
			// within one found when the end reached from its first character is at least its own end.
			// (Looking through every finding for each place was quadratic in a letter full of them.)
			Map<Integer, Integer> reach = new HashMap<>();
			for (String word : longestFirst) {
				for (int[] at : draft.occurrences(word)) {
					if (reach.getOrDefault(at[0], -1) < at[1]) {
						findings.add(new Finding(rule, at[0], at[1], messageKey,
								List.of(draft.text.substring(at[0], at[1]))));
						for (int i = at[0]; i < at[1]; i++) {
							reach.merge(i, at[1], Math::max);
						}
					}
				}
			}
			return findings;
		}
	}

	/**
	 * Harsh and belittling words about a person ("dom", "je faalt", "stupid", "you fail"): a participant reads
	 * them as the coach's verdict on who they are. Whole words only, so "domein", "dominee", "stomen" and
	 * "faalangst" (a topic of career coaching) are none; "falen" and "failure" alone are not listed ("falen mag",
	 * "fear of failure"), only the phrases that say it of the reader ("je faalt", "you fail"). A word written
	 * with a capital within its sentence is a name, not a verdict ("de Dom in Utrecht"); after a colon or an
	 * opening quotation mark a sentence starts ("Wat ik hoor: Je faalt").
	 * <p>
	 * Not a verdict either, and so not marked (kept simple, so some harsh sentences go unmarked too): a word close
	 * after one of the language's {@link RuleSet#harshSoftening()} words in its own clause, a negation or a feeling
	 * ("geen domme vragen", "je voelde je waardeloos"; also "je bent niet dom"); a phrase right after one of its
	 * {@link RuleSet#harshCondition()} words ("niet erg als je faalt", but "je gedraagt je als een idioot" is marked);
	 * a word within one of its {@link RuleSet#harshIdioms()} ("stom toeval"); and a phrase of its
	 * {@link RuleSet#harshConditionAtStart()} that starts a sentence (Faal je een keer, dan…).
	 */
	record HarshWords() implements Rule {

		/** What ends a clause within a sentence: a negation or condition before it is about another clause. */
		private static final String CLAUSE_END = ",;:–—(";

		/** Marks that open a quotation (and may close one): right before a word, a sentence starts there. */
		private static final String QUOTE_OPENING = "\"'“‘„‚«»‹›";

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			List<Finding> found = JudgingWords.phrases(draft, rules.harsh(), "harsh", rules.inLetterLanguage("writing.harsh"));
			if (found.isEmpty()) {
				return found;
			}
			Set<Integer> sentenceStarts = new HashSet<>();
			draft.sentences.forEach(sentence -> sentenceStarts.add(sentence.words().get(0).start()));
			List<int[]> idioms = new ArrayList<>();
			rules.harshIdioms().forEach(idiom -> idioms.addAll(draft.occurrences(idiom)));
			return found.stream()
				.filter(finding -> !name(draft.text, finding.start(), sentenceStarts))
				.filter(finding -> idioms.stream().noneMatch(at -> at[0] <= finding.start() && finding.end() <= at[1]))
				.filter(finding -> !(startsSentence(draft.text, finding.start(), sentenceStarts) && rules.harshConditionAtStart()
					.contains(draft.text.substring(finding.start(), finding.end()).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT))))
				.filter(finding -> !softened(draft, finding.start(), rules))
				.toList();
		}

		/**
		 * A capital within its sentence: a name. A name that starts a sentence ("Dom stuurde je cv door") cannot
		 * be told from the word, and is marked.
		 */
		private static boolean name(String text, int start, Set<Integer> sentenceStarts) {
			return !startsSentence(text, start, sentenceStarts) && start + 1 < text.length() && Character.isUpperCase(text.charAt(start))
					&& Character.isLowerCase(text.charAt(start + 1));
		}

		/** The draft's own sentence start, or one after a colon or right after an opening quotation mark ("Wat ik hoor: Je faalt"). */
		private static boolean startsSentence(String text, int start, Set<Integer> sentenceStarts) {
			if (sentenceStarts.contains(start) || (start > 0 && QUOTE_OPENING.indexOf(text.charAt(start - 1)) >= 0)) {
				return true;
			}
			int before = start - 1;
			while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
				before--;
			}
			return before >= 0 && text.charAt(before) == ':';
		}

		/**
		 * How many words before a harsh word a softening word may stand ("bang om je belachelijk"; four for "I
		 * don't think you are stupid"). A clause word between ends it sooner ("niet waarom je zo lui").
		 */
		private static final int SOFTENING_REACH = 4;

		/**
		 * Whether a softening word (or an English n't) stands close before {@code start}: within
		 * {@link #SOFTENING_REACH} words in its clause and with none of the language's
		 * {@link RuleSet#harshClauseWords()} between ("niet waarom je zo lui bent" is no negation of lui). A
		 * condition word softens only right before the phrase ("als je faalt"; "je gedraagt je als een idioot" is
		 * a verdict).
		 */
		private static boolean softened(Draft draft, int start, RuleSet rules) {
			int at = wordAt(draft.words, start);
			for (int i = at - 1; i >= 0 && i >= at - SOFTENING_REACH; i--) {
				Draft.Word word = draft.words.get(i);
				String between = draft.text.substring(word.end(), draft.words.get(i + 1).start());
				if (between.chars().anyMatch(c -> CLAUSE_END.indexOf(c) >= 0 || "\n\r.!?‽⁈⁉？…".indexOf(c) >= 0)) {
					return false;
				}
				String lower = word.lower();
				if ((i == at - 1 && rules.harshCondition().contains(lower)) || rules.harshSoftening().contains(lower)
						|| lower.endsWith("n't") || lower.endsWith("n’t")) {
					return true;
				}
				if (rules.harshClauseWords().contains(lower)) {
					return false;
				}
			}
			return false;
		}

		/** The index of the word that starts at {@code start}, found by halving (a letter may hold many). */
		private static int wordAt(List<Draft.Word> words, int start) {
			int low = 0;
			int high = words.size() - 1;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (words.get(middle).start() < start) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			return low;
		}
	}

	/**
	 * Fillers ("eigenlijk", "just", "actually"): no verdict, so the judging words' advice (say "vaak") did not
	 * fit them. They make a sentence vaguer or read as a correction of the reader ("je wilde eigenlijk…"); the
	 * advice is to read the sentence without them.
	 */
	record FillerWords() implements Rule {

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			return JudgingWords.phrases(draft, rules.fillers(), "filler", rules.inLetterLanguage("writing.filler"));
		}
	}

	/**
	 * A contrast right after a compliment ('goed gedaan, maar…') wipes the compliment out. Most contrast
	 * words are one only where they start a clause, at the sentence's start or after a comma, semicolon,
	 * colon or dash: "Mooi dat het maar twee weken duurde" and "Fijn dat je het alleen hebt uitgezocht"
	 * praise. The language's {@link RuleSet#contrastAnywhere()} words ("echter", "but") are one wherever
	 * they stand. In Dutch a maar that ends its sentence with ! or . encourages instead (Goed idee,
	 * probeer het maar!), as one before eens or gerust does: the language's {@link RuleSet#encouraging()} words.
	 */
	record ButAfterCompliment() implements Rule {

		/** What ends a clause within a sentence; the sentence's own end is where the draft cuts it. */
		private static final Pattern CLAUSE_END = Pattern.compile("[,;:\\-–—…]");

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			List<List<String>> compliments = rules.compliments().stream().map(phrase -> List.of(phrase.split("\\s+"))).toList();
			List<Finding> findings = new ArrayList<>();
			boolean previousEndedInCompliment = false;
			for (Draft.Sentence sentence : draft.sentences) {
				List<Draft.Word> words = sentence.words();
				int complimentEnd = -1; // the word that ended the sentence's last compliment so far
				for (int i = 0; i < words.size(); i++) {
					Draft.Word word = words.get(i);
					boolean startsSentence = i == 0;
					// Close behind the compliment it is one without a comma too, as informal letters write
					// it: "Goed gedaan maar je mist nog een doel".
					boolean contrast = rules.contrastAnywhere().contains(word.lower()) || (rules.contrast().contains(word.lower())
							&& (startsSentence || (complimentEnd >= 0 && i - complimentEnd <= 2)
									|| CLAUSE_END.matcher(draft.text.substring(words.get(i - 1).end(), word.start())).find()));
					boolean encourages = i == words.size() - 1 ? rules.encouragingAtEnd() && endsPlainly(draft, sentence)
							: rules.encouraging().contains(words.get(i + 1).lower());
					if (contrast && !encourages && (complimentEnd >= 0 || (startsSentence && previousEndedInCompliment))) {
						findings.add(new Finding("but-after-compliment", word.start(), word.end(),
								rules.inLetterLanguage("writing.butAfterCompliment"),
								List.of(word.text())));
					}
					if (complimentEndsAt(words, i, compliments, rules.dutch())) {
						complimentEnd = i;
					}
				}
				previousEndedInCompliment = complimentEnd >= 0;
			}
			return findings;
		}

		/** Ends with one ! or . (probeer het maar!), not with dots that lead on to what comes (maar...). */
		private static boolean endsPlainly(Draft draft, Draft.Sentence sentence) {
			String written = draft.text.substring(sentence.start(), sentence.end()).strip();
			return written.endsWith("!") || (written.endsWith(".") && !written.endsWith(".."));
		}

		/** Whether one of the compliments, a word or a phrase ("well done"), ends with the sentence's word {@code i}. */
		private static boolean complimentEndsAt(List<Draft.Word> words, int i, List<List<String>> compliments, boolean dutch) {
			for (List<String> phrase : compliments) {
				int first = i - phrase.size() + 1;
				boolean match = first >= 0;
				for (int j = 0; j < phrase.size() && match; j++) {
					match = sameWord(words.get(first + j).lower(), phrase.get(j), dutch);
				}
				if (match) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Dutch adjectives inflect (mooi, mooie, knappe), so the Dutch list holds stems; English ones do
		 * not, and a stem there took "goodbye" for "good".
		 */
		private static boolean sameWord(String word, String listed, boolean dutch) {
			return dutch ? word.startsWith(listed) && word.length() <= listed.length() + 3 : word.equals(listed);
		}
	}

	/** More than a few questions in one message overwhelm; the answer then goes to the easiest one. */
	record TooManyQuestions() implements Rule {

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			List<Draft.Sentence> questions = draft.sentences.stream().filter(Draft.Sentence::question).toList();
			if (questions.size() <= rules.maxQuestions()) {
				return List.of();
			}
			List<Finding> findings = new ArrayList<>();
			for (int i = 0; i < questions.size(); i++) {
				Draft.Sentence question = questions.get(i);
				findings.add(new Finding("questions", question.start(), question.end(),
						i == 0 ? "writing.questions" : "writing.questions.next",
						List.of(questions.size(), rules.maxQuestions(), i + 1)));
			}
			return findings;
		}
	}

	/** Long sentences make a reader work; on paper nobody can ask what was meant. */
	record LongSentences() implements Rule {

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			return draft.sentences.stream()
				.filter(s -> s.words().size() > rules.longSentenceWords())
				.map(s -> new Finding("long-sentence", s.start(), s.end(), "writing.longSentence",
						List.of(s.words().size(), rules.longSentenceWords())))
				.toList();
		}
	}

	/**
	 * Both "je" and "u" in one message: the reader wonders which distance is meant. Only the coach's own address
	 * counts: a sample sentence in quotation marks (Je zou kunnen zeggen: "Ik waardeer uw feedback.") or a
	 * participant's line quoted back is someone else's, and its uw was marked as the coach's. Quotes are read as
	 * sending reads them for brackets ({@link Quotations}), and only in a letter that has both.
	 */
	record MixedAddress() implements Rule {

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			List<int[]> informal = occurrences(draft, rules.informalAddress());
			List<int[]> formal = occurrences(draft, rules.formalAddress());
			if (informal.isEmpty() || formal.isEmpty()) {
				return List.of();
			}
			Quotations quotations = Quotations.in(draft.text);
			informal = unquoted(informal, quotations);
			formal = unquoted(formal, quotations);
			if (informal.isEmpty() || formal.isEmpty()) {
				return List.of();
			}
			List<int[]> odd = formal.size() <= informal.size() ? formal : informal;
			String used = formal.size() <= informal.size() ? "je" : "u";
			return odd.stream()
				.map(at -> new Finding("mixed-address", at[0], at[1], "writing.mixedAddress",
						List.of(draft.text.substring(at[0], at[1]), used)))
				.toList();
		}

		private static List<int[]> occurrences(Draft draft, List<String> words) {
			List<int[]> found = new ArrayList<>();
			words.forEach(word -> found.addAll(draft.occurrences(word)));
			return found;
		}

		private static List<int[]> unquoted(List<int[]> found, Quotations quotations) {
			return found.stream().filter(at -> !quotations.hold(at[0], at[1])).toList();
		}
	}

	/**
	 * Capitals and stacked exclamation marks read as shouting. An acronym is not shouting: a word in
	 * capitals without a vowel (RDDF, VWNW), one of the language's {@link RuleSet#acronyms()} (SMART,
	 * HAVO) or of the jargon lists, which has its own remark.
	 */
	record Shouting() implements Rule {

		private static final Pattern EXCLAMATIONS = Pattern.compile("!{2,}|\\?!+|!\\?+");

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			List<Finding> findings = new ArrayList<>();
			for (Draft.Word word : draft.words) {
				// Cheapest test first: almost every word equals its lower case and is no shouting.
				if (!word.text().equals(word.lower()) && word.text().equals(word.text().toUpperCase(Locale.ROOT))
						&& word.text().chars().filter(Character::isLetter).count() >= rules.shoutingMinLetters()
						&& !acronym(word.lower(), rules, extraJargon)) {
					findings.add(new Finding("shouting", word.start(), word.end(), "writing.shouting", List.of(word.text())));
				}
			}
			// Every stack of marks has an exclamation mark; most letters have none to search for.
			if (draft.text.indexOf('!') < 0) {
				return findings;
			}
			Matcher marks = EXCLAMATIONS.matcher(draft.text);
			while (marks.find()) {
				findings.add(new Finding("shouting", marks.start(), marks.end(), "writing.shouting", List.of(marks.group())));
			}
			return findings;
		}

		private static boolean acronym(String lower, RuleSet rules, List<String> extraJargon) {
			return lower.chars().noneMatch(c -> "aeiouyàáâäèéêëìíîïòóôöùúûü".indexOf(c) >= 0) || rules.acronyms().contains(lower)
					|| rules.jargon().contains(lower) || extraJargon.stream().anyMatch(word -> word.strip().equalsIgnoreCase(lower));
		}
	}

	/**
	 * Heavy use of the passive voice ("er wordt verwacht dat…") hides who does what and sounds
	 * official. A sentence counts as passive when a past participle follows a passive auxiliary
	 * within a few words of the same clause ("wordt van je verwacht", "is door de directie genomen"),
	 * or, in a Dutch subordinate clause, stands before a form of "worden" or "zijn", a modal verb between
	 * them or not ("dat er een keuze gemaakt wordt", "dat het besluit genomen is", "als het formulier
	 * ingevuld moet worden", "dat je aangenomen bent"); a form of "hebben" in between, or as the verb, makes
	 * it the active perfect ("dat je dit hebt besproken"). A verb whose perfect takes "zijn" without being a
	 * passive ("het is gelukt", "dat ik gekomen ben") is on the language's list of words that are no participle.
	 * The words that decide this are in the language's rules file ({@link RuleSet.Passive}); what a participle
	 * looks like (its endings) is the language's grammar and stays here. The letter is remarked on when more
	 * than the rules' share of its sentences is passive and it has at least two passives: one sentence that
	 * stacks two ("er wordt verwacht dat het formulier wordt ingevuld") is as official as two sentences with
	 * one each.
	 * <p>
	 * A participle after a form of "zijn" or "be" is either the passive's perfect ("het besluit is genomen",
	 * what someone did) or an adjective that says how someone or something is ("je bent gemotiveerd", "dat is
	 * verplicht", "I am interested"); Dutch "de deur is gesloten" is both. Grammar cannot tell them apart, so
	 * the rules' list of {@link RuleSet.Passive#states() states} decides: a participle on it is not remarked on
	 * after "zijn" or "be" (a coach is not asked to rewrite "ik ben benieuwd"), and every other one is, the
	 * ambiguous ones not listed included ("de vacature is gesloten" can be written "we hebben de vacature
	 * gesloten"). After "worden" every participle is passive ("je wordt betrokken bij het besluit").
	 */
	record PassiveVoice() implements Rule {

		/**
		 * How many words after the auxiliary the participle may stand, within one clause: "er wordt van
		 * je verwacht", "het besluit is door de directie genomen".
		 */
		static final int REACH = 6;

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			List<Draft.Sentence> passive = new ArrayList<>();
			int passives = 0;
			for (Draft.Sentence sentence : draft.sentences) {
				int inSentence = passives(sentence, rules);
				if (inSentence > 0) {
					passive.add(sentence);
					passives += inSentence;
				}
			}
			if (passives < 2 || passive.size() <= rules.passive().maxShare() * draft.sentences.size()) {
				return List.of();
			}
			int percentage = (int) Math.round(100.0 * passive.size() / draft.sentences.size());
			return passive.stream()
				.map(s -> new Finding("passive", s.start(), s.end(), rules.inLetterLanguage("writing.passive"),
						List.of(percentage)))
				.toList();
		}

		static boolean passive(Draft.Sentence sentence, RuleSet rules) {
			return passives(sentence, rules) > 0;
		}

		/**
		 * How many passives the sentence has ("er wordt verwacht dat er een keuze gemaakt wordt" has two).
		 * One pass, remembering only where the last passive auxiliary stood (a loop per auxiliary was
		 * quadratic in a long sentence).
		 */
		static int passives(Draft.Sentence sentence, RuleSet rules) {
			RuleSet.Passive words = rules.passive();
			List<Draft.Word> sentenceWords = sentence.words();
			int passives = 0;
			int auxiliary = -1;
			boolean subordinate = false;
			for (int i = 0; i < sentenceWords.size(); i++) {
				String word = sentenceWords.get(i).lower();
				if (auxiliary >= 0 && i - auxiliary <= REACH && !name(sentenceWords.get(i))
						&& participle(word, i - 1 == auxiliary ? null : sentenceWords.get(i - 1).lower(),
								i - 2 > auxiliary && words.agentWords().contains(sentenceWords.get(i - 2).lower()),
								words.stateAuxiliaries().contains(sentenceWords.get(auxiliary).lower()), rules)) {
					passives++;
					auxiliary = -1;
				}
				else if (words.perfectAuxiliaries().contains(word) || words.clauseWords().contains(word)
						|| words.subordinators().contains(word)) {
					auxiliary = -1;
					subordinate = words.subordinators().contains(word) || (subordinate && !words.clauseWords().contains(word));
				}
				else if (subordinate && words.trailingAuxiliaries().contains(word) && participleBefore(sentenceWords, i, rules)) {
					passives++;
					auxiliary = -1;
				}
				else if (words.auxiliaries().contains(word)) {
					auxiliary = i;
				}
			}
			return passives;
		}

		/**
		 * Whether the verbs before the trailing auxiliary at {@code auxiliary} end in its participle: right
		 * before it ("gemaakt wordt", "genomen is") or before at most two modal verbs ("ingevuld moet worden",
		 * "genomen zou kunnen worden").
		 */
		private static boolean participleBefore(List<Draft.Word> words, int auxiliary, RuleSet rules) {
			RuleSet.Passive passive = rules.passive();
			int at = auxiliary - 1;
			while (at > 0 && auxiliary - at <= 2 && passive.modals().contains(words.get(at).lower())) {
				at--;
			}
			if (at < 1) {
				return false;
			}
			if (name(words.get(at))) {
				return false;
			}
			String word = words.get(at).lower();
			String before = words.get(at - 1).lower();
			// A plural noun before a form of "zijn" ("dat het mooie beroepen zijn", "dat het twee gesprekken waren")
			// has no strong participle's ending (see strong), or is on the list of words that are no participle.
			// Before "zijn" a pronoun is a possessive as it is after one ("hoe je bezwaren zijn"); before
			// "worden" it is the subject ("dat je ontslagen wordt"): worden wants a word between for what it makes.
			String trailing = words.get(auxiliary).lower();
			return participle(word, before, !passive.linkingAuxiliaries().contains(trailing),
					passive.stateAuxiliaries().contains(trailing), rules);
		}

		/**
		 * A capitalised word within a sentence is a name ("Ik ben Gerard", "The job is in Leiden"), never a
		 * participle. (Never the sentence's first word: a participle follows its auxiliary or another word.)
		 */
		private static boolean name(Draft.Word word) {
			String text = word.text();
			return text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1));
		}

		/** Endings of past participles that end in -end, as the present participle does. */
		private static final List<String> PAST_ENDING_IN_END = List.of("kend", "wend", "pend", "fend", "eend", "iend");

		/**
		 * The endings of Dutch strong participles in -en that have no short vowel and one consonant before
		 * -en as genomen, geschreven and besproken have: gevonden, geholpen, ontvangen, betrokken, getroffen,
		 * geroepen, gezien.
		 */
		private static final List<String> STRONG_CLUSTERS = List.of("onden", "ongen", "onken", "onnen", "ommen", "olpen",
				"olven", "olden", "olten", "olken", "ollen", "orven", "orpen", "ouden", "outen", "angen", "allen", "ochten",
				"assen", "akken", "okken", "offen", "achen", "annen", "oepen", "ien");

		private static final String VOWELS = "aeiouyáéíóúàèëïöüâêîôû";

		/**
		 * Whether a Dutch word in -en ends as a strong verb's participle does: a single short vowel and one
		 * consonant before -en (genomen, geschreven, besproken, afgesloten) or one of {@link #STRONG_CLUSTERS}.
		 * The plural nouns that a prefix makes look like one mostly do not: geruchten, gesprekken, beelden,
		 * gebruiken, verbeterpunten, bedrijven. Those that do (bedragen, verhalen) are on the rules' list of
		 * words that are no participle.
		 */
		static boolean strong(String word) {
			if (!word.endsWith("en") || word.length() < 5) {
				return false;
			}
			for (String cluster : STRONG_CLUSTERS) {
				if (word.endsWith(cluster)) {
					return true;
				}
			}
			int length = word.length();
			return VOWELS.indexOf(word.charAt(length - 3)) < 0 && "aeiou".indexOf(word.charAt(length - 4)) >= 0
					&& VOWELS.indexOf(word.charAt(length - 5)) < 0;
		}

		/**
		 * {@code before} is the word before, or null when that is the auxiliary itself; {@code pronounIsSubject}
		 * says a pronoun there is no possessive: after "door" ("door ons besproken"), or as the subject of a
		 * subordinate clause before "worden" ("dat je ontslagen wordt"); {@code afterZijn} says the auxiliary is
		 * a form of "zijn" or "be", after which a participle on the list of states is an adjective.
		 */
		private static boolean participle(String word, String before, boolean pronounIsSubject, boolean afterZijn,
				RuleSet rules) {
			RuleSet.Passive words = rules.passive();
			if (words.notParticiples().contains(word) || (afterZijn && words.states().contains(word))
					|| words.notParticipleEndings().stream().anyMatch(word::endsWith)
					|| (before != null && words.beforeNoun().contains(before))) {
				return false;
			}
			if (words.participles().contains(word)) {
				return true;
			}
			if (rules.dutch()) {
				// A present participle ("bemoedigend", "vervelend") is not a past one; herkend, gewend, geopend,
				// geoefend, verleend and bediend are.
				if (word.endsWith("end") && PAST_ENDING_IN_END.stream().noneMatch(word::endsWith)) {
					return false;
				}
				// A separable verb has its participle's prefix after the particle (in-ge-vuld, op-ge-vallen); what
				// it says of that verb is what the list says of the participle without it ("meegevallen" is
				// what happened, as "gevallen" is).
				String stem = withoutParticle(word, words);
				if (words.notParticiples().contains(stem) || (afterZijn && words.states().contains(stem))) {
					return false;
				}
				if (words.participles().contains(stem)) {
					return true;
				}
				boolean weak = word.endsWith("d") || word.endsWith("t");
				return stem.length() > 4 && (weak || strong(stem))
						&& words.participlePrefixes().stream().anyMatch(stem::startsWith)
						&& (before == null || weak || pronounIsSubject || !words.pronouns().contains(before));
			}
			boolean regular = word.endsWith("ed");
			return word.length() > 3 && (regular || word.endsWith("en"))
					&& (before == null || regular || pronounIsSubject || !words.pronouns().contains(before));
		}

		/** The word without its separable particle when a participle's prefix follows that ("gevuld" of "ingevuld"). */
		private static String withoutParticle(String word, RuleSet.Passive words) {
			for (String particle : words.separableParticles()) {
				if (word.startsWith(particle)) {
					String rest = word.substring(particle.length());
					if (rest.length() > 4 && words.participlePrefixes().stream().anyMatch(rest::startsWith)) {
						return rest;
					}
				}
			}
			return word;
		}
	}

	/** Words of the trade a participant need not know; the programme adds its own to the list. */
	record Jargon() implements Rule {

		public List<Finding> apply(Draft draft, RuleSet rules, List<String> extraJargon) {
			Set<String> words = new HashSet<>(rules.jargon());
			extraJargon.forEach(word -> words.add(word.strip().toLowerCase(Locale.ROOT)));
			List<Finding> findings = new ArrayList<>();
			// "P&O" and "P/O" on one list are the same words in the draft: one finding for each place.
			Set<Long> marked = new HashSet<>();
			for (String word : words) {
				if (word.isBlank()) {
					continue;
				}
				for (int[] at : draft.occurrences(word)) {
					if (marked.add(((long) at[0] << 32) | at[1])) {
						findings.add(new Finding("jargon", at[0], at[1], "writing.jargon",
								List.of(draft.text.substring(at[0], at[1]))));
					}
				}
			}
			return findings;
		}
	}
}
