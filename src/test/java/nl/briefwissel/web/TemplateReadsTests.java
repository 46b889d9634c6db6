package nl.briefwissel.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A template that calls a repository reads the database while the page renders: outside the page's
 * read-only transaction (decision 0017), and once per row when the call sits in a loop. The intakes
 * page asked for a theme's label once for every waiting participant; pages now get a programme's
 * labels with their model ({@code Themes.labels}).
 */
class TemplateReadsTests {

	@Test
	void noTemplateLooksUpAThemesLabelItself() {
		assertThat(TemplateSources.containing("@themes.label")).isEmpty();
	}
}
