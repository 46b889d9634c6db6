package nl.briefwissel.conversation.web;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.conversation.LettersAfterTheEnd;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A coach who opened an ended conversation has seen the letters that came after its end: the workspace
 * no longer names them (decision 0090). Written after the page was answered, as the audit trail is: the
 * page's reads are one read-only transaction (decision 0017), and a page that failed showed nothing.
 */
@Configuration(proxyBeanMethods = false)
class AfterTheEndSeen implements WebMvcConfigurer {

	private static final String OPENED = AfterTheEndSeen.class.getName() + ".opened";

	/** An ended conversation its coach opened, showing its letters after the end up to shownUpTo. */
	private record Opened(UUID trajectoryId, UUID coachId, OffsetDateTime shownUpTo) {
	}

	private final LettersAfterTheEnd letters;

	AfterTheEndSeen(LettersAfterTheEnd letters) {
		this.letters = letters;
	}

	/**
	 * Said by the page of an ended trajectory, once it has found the trajectory the coach's own, with the
	 * newest letter after the end it read before the letters: one that comes later stays named.
	 */
	static void opened(HttpServletRequest request, UUID trajectoryId, UUID coachId, OffsetDateTime shownUpTo) {
		request.setAttribute(OPENED, new Opened(trajectoryId, coachId, shownUpTo));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
					Exception ex) {
				if (ex == null && response.getStatus() < 400 && request.getAttribute(OPENED) instanceof Opened opened) {
					letters.seen(opened.trajectoryId(), opened.coachId(), opened.shownUpTo());
				}
			}
		}).addPathPatterns("/coach/trajectories/*");
	}
}
