package nl.briefwissel.web;

import java.util.Set;

import nl.briefwissel.TypedName;
import nl.briefwissel.account.Account;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Gives every template {@link TypedName#isolated} as {@code #names.isolated(name)}: the one way a name someone typed
 * (a participant's, a coach's, an organisation's or a programme's, a theme or an assignment title) goes into a
 * translated sentence, a page title, an option or a label, which take no markup (decision 0133); and
 * {@code #names.sentences(text, name)}, which begins a sentence that begins with the name with a capital (decision 0143).
 */
@Component
class TypedNamesDialect extends AbstractDialect implements IExpressionObjectDialect {

	/** What a template calls; public, as the expression language calls it. */
	public static final class Names {

		public String isolated(String name) {
			return TypedName.isolated(name);
		}

		/**
		 * The translated text with each sentence that begins with the name beginning with a capital (van Dijk heeft:
		 * Van Dijk heeft), the name inside a sentence as written ({@link Account#sentencesCapitalised}).
		 */
		public String sentences(String text, Object name) {
			return Account.sentencesCapitalised(text, name);
		}
	}

	private static final Names NAMES = new Names();

	TypedNamesDialect() {
		super("Briefwissel typed names");
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of("names");
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return NAMES;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}
		};
	}
}
