package nl.briefwissel.web;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Dutch first, English complete: {@code ?lang=en} switches, a cookie remembers the choice. */
@Configuration(proxyBeanMethods = false)
class Languages implements WebMvcConfigurer {

	static final Locale DUTCH = Locale.forLanguageTag("nl");

	static final Locale ENGLISH = Locale.ENGLISH;

	@Bean
	MessageSource messageSource() {
		// Every text goes through MessageFormat, so an apostrophe is always written '' in the files.
		return new Texts();
	}

	@Bean
	LocaleResolver localeResolver() {
		return new SupportedLocaleResolver();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor);
	}

	/** Anything but English is Dutch, so a stray {@code ?lang=de} never leaves a page without text. */
	static Locale supported(Locale requested) {
		return requested != null && ENGLISH.getLanguage().equals(requested.getLanguage()) ? ENGLISH : DUTCH;
	}

	/**
	 * The first of the browser's languages that Briefwissel speaks, by the header's own weights. Read from
	 * the header itself: the servlet container's list adds its own default locale for a missing or a
	 * wildcard header, which says nothing about the reader.
	 */
	static Locale browsers(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.isBlank()) {
			return DUTCH;
		}
		try {
			for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
				if (range.getWeight() == 0) {
					continue; // q=0: 'not this one'
				}
				String language = range.getRange().split("-", 2)[0];
				if (DUTCH.getLanguage().equals(language)) {
					return DUTCH;
				}
				if (ENGLISH.getLanguage().equals(language)) {
					return ENGLISH;
				}
			}
		}
		catch (IllegalArgumentException malformed) {
			// A header no browser sends: the default, as without one.
		}
		return DUTCH;
	}

	private static final class SupportedLocaleResolver extends CookieLocaleResolver {

		SupportedLocaleResolver() {
			super("briefwissel-language");
			// Nothing chosen yet (no cookie, no ?lang): the browser's language if it is one of ours, first come
			// first; Dutch for any other and without the header (decision 0079).
			setDefaultLocaleFunction(Languages::browsers);
			setCookieHttpOnly(true);
			setCookieSameSite("Lax");
		}

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return supported(super.resolveLocale(request));
		}

		@Override
		public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
			super.setLocale(request, response, supported(locale));
		}
	}
}
