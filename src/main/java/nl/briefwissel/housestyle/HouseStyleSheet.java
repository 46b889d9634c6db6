package nl.briefwissel.housestyle;

/**
 * A house style as CSS custom properties over the NL Design System tokens the voorbeeld theme sets
 * (names from its theme.css), loaded after that theme so they win. Only the five checked colours
 * are written: the name stays in the page, where Thymeleaf escapes it.
 */
public final class HouseStyleSheet {

	/** On every page of the organisation: the tokens sit where the theme sets its own. */
	static final String PAGE_SCOPE = ".voorbeeld-theme";

	static final String PAGE_HEADER = ".voorbeeld-theme .bw-header";

	/** On the administrator's page: only the preview takes the colours typed. */
	static final String PREVIEW_SCOPE = ".bw-house-style-preview";

	static final String PREVIEW_HEADER = ".bw-house-style-preview .bw-house-style-preview__header";

	private HouseStyleSheet() {
	}

	/** The organisation's sheet. */
	public static String of(HouseStyle style) {
		return of(style, PAGE_SCOPE, PAGE_HEADER);
	}

	/** The sheet of the administrator's preview, which leaves the rest of their page as it is. */
	public static String preview(HouseStyle style) {
		return of(style, PREVIEW_SCOPE, PREVIEW_HEADER);
	}

	private static String of(HouseStyle style, String scope, String header) {
		String button = style.button().hex();
		String buttonText = style.buttonText().hex();
		String link = style.link().hex();
		String headerText = style.headerText().hex();
		// Hover and pressed keep the chosen colours: the theme's own shades of violet were checked
		// against its violet, not against this organisation's colour.
		return scope + " {\n"
				+ token("button-primary-action-background-color", button)
				+ token("button-primary-action-hover-background-color", button)
				+ token("button-primary-action-active-background-color", button)
				+ token("button-primary-action-pressed-background-color", button)
				+ token("button-primary-action-color", buttonText)
				+ token("button-primary-action-hover-color", buttonText)
				+ token("button-primary-action-active-color", buttonText)
				+ token("button-primary-action-pressed-color", buttonText)
				+ token("link-color", link)
				+ token("link-hover-color", link)
				+ token("link-active-color", link)
				+ token("link-visited-color", link)
				+ token("link-text-decoration-color", link)
				// Secondary buttons are text and a border on the page, as links are: they take the link's
				// colour, the one checked against the white page, and keep that page under them on hover.
				+ secondary(link)
				+ token("page-header-background-color", style.header().hex())
				+ token("page-header-color", headerText)
				+ "}\n"
				// In the header everything readable takes the header's text colour: the link colour was
				// checked against the white page, not against the header's colour.
				+ header + " {\n"
				+ token("link-color", headerText)
				+ token("link-hover-color", headerText)
				+ token("link-active-color", headerText)
				+ token("link-visited-color", headerText)
				+ token("link-text-decoration-color", headerText)
				+ secondary(headerText)
				+ "}\n";
	}

	private static String secondary(String colour) {
		StringBuilder tokens = new StringBuilder();
		for (String state : new String[] { "", "hover-", "active-", "pressed-" }) {
			tokens.append(token("button-secondary-action-" + state + "color", colour))
				.append(token("button-secondary-action-" + state + "border-color", colour))
				.append(token("button-secondary-action-" + state + "background-color", "transparent"));
		}
		return tokens.toString();
	}

	private static String token(String name, String value) {
		return "  --utrecht-" + name + ": " + value + ";\n";
	}
}
