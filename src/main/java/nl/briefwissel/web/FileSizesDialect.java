package nl.briefwissel.web;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/** Gives every template, pages and the PDF alike, {@link FileSizes} as {@code #fileSizes}, in its language. */
@Component
class FileSizesDialect extends AbstractDialect implements IExpressionObjectDialect {

	FileSizesDialect() {
		super("Briefwissel file sizes");
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of("fileSizes");
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return new FileSizes(context.getLocale());
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}
		};
	}
}
