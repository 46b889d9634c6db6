package nl.briefwissel.mail;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** True when no SMTP relay is configured: the evaluation default. */
class NoMailServerConfigured implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return context.getEnvironment().getProperty("briefwissel.mail.smtp.host", "").isBlank();
	}
}
