package nl.briefwissel.web;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Gives every template, pages and mails alike, {@link Times} as {@code #times}. Each pattern is
 * built once per language and kept: {@code #temporals.format} builds it again on every call, which
 * on a conversation of dozens of letters was 2 % of the page (docs/performance.md).
 */
@Component
class TimesDialect extends AbstractDialect implements IExpressionObjectDialect {

	/** Patterns come from the templates and languages from the two we offer; this is far above both. */
	private static final int KEPT_AT_MOST = 500;

	private record Key(String pattern, Locale locale) {
	}

	private final ZoneId zone;

	private final Map<Key, DateTimeFormatter> formatters = new ConcurrentHashMap<>();

	TimesDialect(Clock clock) {
		super("Briefwissel times");
		this.zone = clock.getZone();
	}

	Times times(Locale locale) {
		return new Times(zone, locale, this::formatter);
	}

	private DateTimeFormatter formatter(String pattern, Locale locale) {
		Key key = new Key(pattern, locale);
		DateTimeFormatter kept = formatters.get(key);
		if (kept != null) {
			return kept;
		}
		DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, locale);
		if (formatters.size() < KEPT_AT_MOST) {
			formatters.putIfAbsent(key, formatter);
		}
		return formatter;
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of("times");
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return times(context.getLocale());
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true; // once per page or mail, in its language
			}
		};
	}
}
