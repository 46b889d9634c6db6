package nl.briefwissel.organisation;

import java.util.Locale;

/** A theme a participant can choose at intake, with its label in both languages. */
public record Theme(String code, String labelNl, String labelEn, boolean active) {

	public String label(Locale language) {
		return language != null && "en".equals(language.getLanguage()) ? labelEn : labelNl;
	}
}
