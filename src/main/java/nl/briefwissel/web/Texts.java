package nl.briefwissel.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The texts of the interface, every one read through {@link MessageFormat}, so an apostrophe is
 * written {@code ''} in the files whether a text has arguments or not. A text without arguments
 * comes out the same every time; it is formatted once per language and kept. A page has dozens of
 * them, and formatting each on every view went through one shared, locked {@code MessageFormat}
 * per text (bench/pages).
 */
class Texts extends ResourceBundleMessageSource {

	private record Key(String code, Locale locale) {
	}

	private final Map<Key, String> withoutArguments = new ConcurrentHashMap<>();

	Texts() {
		setBasenames("messages");
		setDefaultEncoding("UTF-8");
		setDefaultLocale(Languages.DUTCH);
		setFallbackToSystemLocale(false);
		// Texts with arguments always go through MessageFormat; those without, through the method below.
		setAlwaysUseMessageFormat(false);
	}

	@Override
	protected String resolveCodeWithoutArguments(String code, Locale locale) {
		// Nothing is kept for a code without text, so the next language or parent source is still asked.
		return withoutArguments.computeIfAbsent(new Key(code, locale), key -> {
			MessageFormat format = resolveCode(key.code(), key.locale());
			if (format == null) {
				return null;
			}
			synchronized (format) {
				return format.format(new Object[0]);
			}
		});
	}
}
