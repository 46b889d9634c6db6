package nl.briefwissel.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules a new password follows beyond its length (NIST SP 800-63B 5.1.1.2): no composition rules, but
 * known-bad passwords are refused. An ordinary passphrase passes.
 */
class PasswordRulesTests {

	private static final String EMAIL = "anja.devries@gemeente.example";

	@ParameterizedTest
	@ValueSource(strings = { "mijn fiets staat in de schuur", "een lang wachtwoord", "een nieuwe zin van woorden",
			"correct horse battery staple", "Ik schrijf brieven in Briefwissel", "de kat van anja slaapt veel",
			"839204718263", "Tulpen bloeien in april!", "zomeravond aan het water", "koffie met een koekje erbij",
			// A common word among many random digits is chance, not a word with a number (review).
			"8271-ajax-3390-1174", "4815 zomer 162342" })
	void ordinaryPassphrasesAreAccepted(String password) {
		assertThat(PasswordRules.refusal(password, EMAIL)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "aaaaaaaaaaaa", "AAAAAAAAAAAAAAAA", "abcabcabcabc", "abababababab", "1212121212121",
			"xyzxyzxyzxyz!", "aaaaaaaa2026!", "!!!!!!!!!!!!", "            " })
	void oneCharacterOrAShortPatternRepeatedIsRefused(String password) {
		assertThat(PasswordRules.refusal(password, EMAIL)).contains(PasswordRules.Refusal.REPEATED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "123456789012", "abcdefghijkl", "ABCDEFGHIJKLMN", "qwertyuiop12", "qwertyuiopasdf",
			"azertyuiopqsdf", "lkjhgfdsapoiu", "987654321098", "zyxwvutsrqpo", "1qaz2wsx3edc", "Qwerty123456!" })
	void aPlainRunOrAKeyboardRowIsRefused(String password) {
		assertThat(PasswordRules.refusal(password, EMAIL)).contains(PasswordRules.Refusal.RUN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "wachtwoord12", "Wachtwoord2026!", "WELKOM123456", "welkom01!!!!", "password1234",
			"Password123!", "Iloveyou!!!!", "Zomer2026!!!", "winter2026!?", "iloveyou1234", "voetbal12345",
			"Geheim123456", "letmein12345", "Januari2026!",
			// A common word written twice is tried as soon as the word (review).
			"welkomwelkom", "geheimgeheim", "Welkomwelkom1",
			// Long padding that is itself a run or a repeat is no chance (review).
			"Welkom123456789", "welkom!!!!!!!!!" })
	void aCommonPasswordWithOrWithoutTrailingDigitsIsRefused(String password) {
		assertThat(PasswordRules.refusal(password, EMAIL)).contains(PasswordRules.Refusal.COMMON);
	}

	@ParameterizedTest
	@ValueSource(strings = { "briefwissel1", "Briefwissel2026!", "briefwissel!!", "anja.devries12", "AnjaDeVries2026",
			"anjadevries!!!" })
	void theAddressOrTheProductNameAsMostOfItIsRefused(String password) {
		assertThat(PasswordRules.refusal(password, EMAIL)).contains(PasswordRules.Refusal.PERSONAL);
	}

	@org.junit.jupiter.api.Test
	void withoutAnAddressOnlyTheProductNameCounts() {
		assertThat(PasswordRules.refusal("anjadevries2026", null)).isEmpty();
		assertThat(PasswordRules.refusal("briefwissel2026", null)).contains(PasswordRules.Refusal.PERSONAL);
	}

	@org.junit.jupiter.api.Test
	void everyRefusalHasItsMessage() {
		assertThat(PasswordRules.Refusal.values())
			.extracting(PasswordRules.Refusal::messageKey)
			.containsExactly("validation.password.repeated", "validation.password.run", "validation.password.common",
					"validation.password.personal");
	}
}
