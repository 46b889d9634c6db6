package nl.briefwissel.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Static files are served from their own folders only, instead of Spring Boot's default {@code /**}
 * (switched off with {@code spring.web.resources.add-mappings=false}). With webjars on the
 * classpath the resource chain is on, so Thymeleaf hands every link of every page to the resource
 * URL encoder; under {@code /**} each link, {@code /coach/trajectories/...} included, was looked up
 * as a file in four classpath folders of the jar, and a miss is never cached. That lookup was 58 %
 * of the CPU of the coach workspace (bench/pages, docs/performance.md).
 */
@Configuration(proxyBeanMethods = false)
class StaticFiles implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Version-free webjar paths (/webjars/htmx.org/dist/htmx.min.js) resolve to the jar's own version.
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
		// Every browser asks for /favicon.ico on its first page; without it each visit was a 404 and a log line.
		// A pattern, not the exact path: an exact one leaves no file name to look up in the folder.
		registry.addResourceHandler("/favicon.*").addResourceLocations("classpath:/static/");
		for (String folder : new String[] { "css", "js", "vendor" }) {
			registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")
				.resourceChain(true);
		}
	}
}
