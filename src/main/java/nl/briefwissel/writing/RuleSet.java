package nl.briefwissel.writing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The word lists and thresholds of one language, as read from {@code writing/<language>.rules}.
 *
 * @param contrast words that contrast where they start a clause ("maar", "alleen", "however")
 * @param contrastAnywhere words that contrast wherever they stand ("echter", "but")
 * @param encouraging words after a contrast word that make it an encouragement ("probeer het maar eens")
 * @param encouragingAtEnd whether a contrast word that ends its sentence encourages (Dutch: probeer het maar!)
 * @param acronyms words written in capitals that are names, not shouting (SMART and HAVO)
 * @param judgingKinds the kind of a judging word or phrase whose advice is its own (obligation, obvious, verdict):
 *        "bijvoorbeeld vaak" fits altijd and nooit, not moet or natuurlijk
 * @param fillers words that add nothing but hedge or correct (eigenlijk, just, actually): no verdict, so not judging
 * @param harsh words and phrases that are harsh or belittling about a person (dom, je faalt, stupid, you fail)
 * @param harshSoftening words that close before a harsh word in its clause make it no verdict: a negation or a
 *        feeling (geen domme vragen, je voelde je waardeloos)
 * @param harshCondition words that right before a harsh phrase make it a condition, no verdict (als je faalt, if
 *        you fail); further before it they are none (je gedraagt je als een idioot)
 * @param harshClauseWords words that start another clause: a softening word before them softens nothing after them
 *        (niet waarom je zo lui bent)
 * @param harshIdioms phrases with a harsh word that say nothing of a person (stom toeval, dumb luck)
 * @param harshConditionAtStart harsh phrases that at a sentence's start set a condition (Faal je een keer, dan…)
 */
record RuleSet(Locale language, String formula, int longSentenceWords, int maxQuestions, int shoutingMinLetters,
		List<String> judging, Map<String, String> judgingKinds, List<String> fillers, List<String> harsh, Set<String> harshSoftening, Set<String> harshCondition,
		Set<String> harshClauseWords, List<String> harshIdioms,
		Set<String> harshConditionAtStart, List<String> contrast, Set<String> contrastAnywhere, Set<String> encouraging,
		boolean encouragingAtEnd, List<String> compliments, List<String> informalAddress, List<String> formalAddress,
		Set<String> acronyms, Passive passive, List<String> jargon) {

	/**
	 * What the passive voice rule reads a sentence with (see {@link Rule.PassiveVoice}): the share of
	 * passive sentences that is too much, the auxiliaries, how a participle starts, and the words that
	 * tell a participle from what only looks like one.
	 *
	 * @param clauseWords words that start another clause: an auxiliary before them has no participle after them
	 * @param perfectAuxiliaries the perfect tense's auxiliary ("hebben"): what follows is done, not undergone
	 * @param notParticiples words that look like a participle after an auxiliary but say what happened
	 *        ("het is gelukt") or are no participle at all ("when", "even")
	 * @param notParticipleEndings endings of plural nouns that no participle has ("ervaringen")
	 * @param beforeNoun words after which a noun or an infinitive follows ("je ervaringen", "om te vertellen")
	 * @param pronouns words that are both a pronoun and a possessive or article ("er wordt je gevraagd",
	 *        "wat zijn je ervaringen"): after them only a participle in -d or -t counts
	 * @param trailingAuxiliaries auxiliaries that a subordinate clause puts after their participle
	 *        ("dat er een keuze gemaakt wordt")
	 * @param subordinators words that start a subordinate clause, the only place a trailing auxiliary counts
	 * @param agentWords the word that introduces who does it: a pronoun after it is that person, not a
	 *        possessive ("worden door ons besproken")
	 * @param linkingAuxiliaries the trailing auxiliaries that also link a subject to a noun ("hoe je bezwaren
	 *        zijn"): before them a pronoun is read as a possessive
	 * @param modals verbs that may stand between a participle and its trailing auxiliary ("ingevuld moet worden")
	 * @param separableParticles particles before a participle's prefix ("ingevuld", "uitgenodigd")
	 * @param participles participles whose ending does not say so ("gedaan", "made")
	 * @param stateAuxiliaries the forms of "zijn" or "be": after them a participle may say how someone is
	 * @param states participles that after a form of "zijn" or "be" say how someone or something is ("je bent
	 *        gemotiveerd", "dat is verplicht", "I am interested") or what they did ("je bent gestopt"), not
	 *        what was done to them; after "worden" they are passive as any participle is
	 */
	record Passive(double maxShare, Set<String> auxiliaries, List<String> participlePrefixes, Set<String> clauseWords,
			Set<String> perfectAuxiliaries, Set<String> notParticiples, List<String> notParticipleEndings,
			Set<String> beforeNoun, Set<String> pronouns, Set<String> trailingAuxiliaries, Set<String> subordinators,
			Set<String> agentWords, Set<String> linkingAuxiliaries, Set<String> modals, List<String> separableParticles,
			Set<String> participles, Set<String> stateAuxiliaries, Set<String> states) {
	}

	boolean dutch() {
		return "nl".equals(language.getLanguage());
	}

	/**
	 * The key of a remark that suggests other words: those words are in the letter's language, whatever
	 * the language of the page it is read on (a Dutch letter is not helped by "often" for "moet").
	 */
	String inLetterLanguage(String key) {
		return key + "." + language.getLanguage();
	}
}
