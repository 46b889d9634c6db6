package nl.briefwissel.housestyle;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organisation's colours are taken only as #rrggbb and only when what sits on them stays readable
 * by WCAG 2.1 AA (4.5:1); the sheet made of them holds those colours and nothing else.
 */
class HouseStyleTests {

	private static HouseStyle.Typed typed(String button, String buttonText, String link, String header, String headerText,
			String name) {
		return new HouseStyle.Typed(button, buttonText, link, header, headerText, name);
	}

	@Test
	void aColourIsSixHexadecimalDigitsAfterAHash() {
		assertThat(Colour.parse("#1F5AA6")).map(Colour::hex).hasValue("#1f5aa6");
		assertThat(Colour.parse(" #1f5aa6 ")).map(Colour::hex).hasValue("#1f5aa6");
		for (String wrong : new String[] { "", "1f5aa6", "#1f5aa", "#1f5aa6a", "#ggg000", "red", "#fff",
				"#1f5aa6;}body{background:url(x)", "rgb(0,0,0)", null }) {
			assertThat(Colour.parse(wrong)).as(String.valueOf(wrong)).isEmpty();
		}
	}

	@Test
	void contrastIsMeasuredAsWcagDefinesIt() {
		Colour white = Colour.parse("#ffffff").orElseThrow();
		Colour black = Colour.parse("#000000").orElseThrow();
		assertThat(white.contrastWith(black)).isEqualTo(21.0, org.assertj.core.data.Offset.offset(0.001));
		assertThat(Colour.parse("#767676").orElseThrow().contrastWith(white)).isGreaterThan(4.5).isLessThan(4.6);
		assertThat(Colour.parse("#777777").orElseThrow().contrastWith(white)).isLessThan(4.5);
	}

	@Test
	void malformedColoursAreRefusedAtTheirField() {
		var checked = typed("blauw", "#ffffff", "#00568b", "#ffffff", "#12", "").check();
		assertThat(checked.refusals()).containsOnlyKeys("button", "headerText");
		assertThat(checked.refusals().get("button").key()).isEqualTo("houseStyle.error.colour");
		assertThat(checked.style()).isEmpty();
	}

	@Test
	void aColourWithTooLittleContrastIsRefusedSayingTheRatioFoundAndNeeded() {
		// Light grey buttons under white text, a yellow link on the white page, a dark header under dark text.
		var checked = typed("#aaaaaa", "#ffffff", "#ffdd00", "#222222", "#001a40", null).check();
		assertThat(checked.refusals()).containsOnlyKeys("button", "link", "header");
		HouseStyle.Refusal button = checked.refusals().get("button");
		assertThat(button.key()).isEqualTo("houseStyle.error.contrast.button");
		assertThat(button.found()).isEqualTo(2.32);
		assertThat(button.needed()).isEqualTo(4.5);
		assertThat(checked.refusals().get("link").key()).isEqualTo("houseStyle.error.contrast.link");
		assertThat(checked.refusals().get("header").key()).isEqualTo("houseStyle.error.contrast.header");
		assertThat(checked.style()).isEmpty();
	}

	@Test
	void aRatioJustBelowTheNeedIsNotRoundedUpToIt() {
		// #777777 on white is 4.48:1: said as 4.47 or 4.48, never as the 4.5 it misses.
		var checked = typed("#5115ef", "#ffffff", "#777777", "#ffffff", "#001a40", null).check();
		assertThat(checked.refusals().get("link").found()).isLessThan(4.5);
	}

	@Test
	void aLinkColourMustAlsoBeReadableInTheNoticesNotOnlyOnTheWhitePage() {
		// #767676 is 4.54:1 on white, less on the light green of a notice that says something was saved.
		var checked = typed("#5115ef", "#ffffff", "#767676", "#ffffff", "#001a40", null).check();
		assertThat(checked.refusals()).containsOnlyKeys("link");
		assertThat(checked.refusals().get("link").found()).isLessThan(4.5).isGreaterThan(3.5);
	}

	@Test
	void goodColoursAndANameMakeAStyle() {
		var checked = typed("#1F5AA6", "#ffffff", "#00568b", "#01689b", "#ffffff", "  Gemeente Utrecht ").check();
		assertThat(checked.refusals()).isEmpty();
		HouseStyle style = checked.style().orElseThrow();
		assertThat(style.button().hex()).isEqualTo("#1f5aa6");
		assertThat(style.headerName()).isEqualTo("Gemeente Utrecht");
		assertThat(typed("#1f5aa6", "#ffffff", "#00568b", "#01689b", "#ffffff", " ").check().style().orElseThrow().headerName())
			.isNull();
	}

	@Test
	void aNameThatIsTooLongOrHasControlCharactersIsRefused() {
		assertThat(typed("#1f5aa6", "#ffffff", "#00568b", "#01689b", "#ffffff", "x".repeat(61)).check().refusals())
			.containsOnlyKeys("headerName");
		assertThat(typed("#1f5aa6", "#ffffff", "#00568b", "#01689b", "#ffffff", "Gemeente\nUtrecht").check().refusals())
			.containsOnlyKeys("headerName");
	}

	@Test
	void theSheetOverridesTheDesignSystemsTokensWithTheColoursAndNothingElse() {
		HouseStyle style = typed("#1f5aa6", "#ffffff", "#00568b", "#01689b", "#fffffe", "Gemeente Utrecht").check()
			.style()
			.orElseThrow();
		String css = HouseStyleSheet.of(style);
		assertThat(css).contains(".voorbeeld-theme {", "--utrecht-button-primary-action-background-color: #1f5aa6;",
				"--utrecht-button-primary-action-hover-background-color: #1f5aa6;",
				"--utrecht-button-primary-action-color: #ffffff;", "--utrecht-link-color: #00568b;",
				"--utrecht-page-header-background-color: #01689b;", "--utrecht-page-header-color: #fffffe;",
				"--utrecht-button-secondary-action-color: #00568b;");
		// Links and the sign-out button in the header take the header's text colour: the page's link colour
		// was chosen against white, not against the header.
		assertThat(css).contains(".voorbeeld-theme .bw-header {");
		assertThat(css.substring(css.indexOf(".bw-header {"))).contains("--utrecht-link-color: #fffffe;");
		assertThat(css).doesNotContain("Gemeente", "url(", "@import", "expression");
		// Every value in it is one of the five colours, a var() of them or transparent.
		Map<String, Long> values = css.lines()
			.filter(line -> line.contains(":"))
			.map(line -> line.substring(line.indexOf(':') + 1).trim())
			.collect(java.util.stream.Collectors.groupingBy(value -> value, java.util.stream.Collectors.counting()));
		assertThat(values.keySet()).allMatch(value -> value.matches("#[0-9a-f]{6};|transparent;"), "only colours");
		assertThat(HouseStyleSheet.of(style)).isEqualTo(css);
	}

	@Test
	void theSheetsVersionChangesWithItsColours() {
		HouseStyle one = typed("#1f5aa6", "#ffffff", "#00568b", "#01689b", "#ffffff", null).check().style().orElseThrow();
		HouseStyle two = typed("#1f5aa7", "#ffffff", "#00568b", "#01689b", "#ffffff", null).check().style().orElseThrow();
		assertThat(one.version()).isEqualTo(typed("#1F5AA6", "#FFFFFF", "#00568b", "#01689b", "#ffffff", null).check()
			.style().orElseThrow().version());
		assertThat(one.version()).isNotEqualTo(two.version()).matches("[0-9a-f]{12}");
	}
}
