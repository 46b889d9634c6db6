package nl.briefwissel.audit.web;

import nl.briefwissel.audit.AuditTrail;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class AuditWebConfiguration implements WebMvcConfigurer {

	private final AuditTrail trail;

	AuditWebConfiguration(AuditTrail trail) {
		this.trail = trail;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AuditInterceptor(trail));
	}
}
