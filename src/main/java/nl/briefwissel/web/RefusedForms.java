package nl.briefwissel.web;


import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.briefwissel.RefusedForm;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * A form shown again with what was wrong answers 422 (decision 0139), here rather than in each controller:
 * most said 200, as if the form had been taken, and only a few said otherwise. A page is the form again when
 * its controller said {@link RefusedForm#shownAgain()}, or a posted form's model holds a {@code BindingResult}
 * with errors. A page that says the state is in the way ({@link RefusedForm#stateInTheWay()}) answers 409
 * instead, even when the form had mistakes too: the state is what refused it. A status a controller chose
 * itself (404, 409, 410) stands; a redirect stays a redirect, and the page after a refusal's redirect answers the
 * status the refusal put in the flash ({@link RefusedForm#shownAgainAfter}). Every page answered 409 or 422 to a
 * request that sent something, whoever chose the status, is titled "Fout: ", and so is a search refused with 422 and
 * the page after a refusal's redirect; a page opened by a link that says a state is in the way keeps its title
 * (decision 0139, amended).
 */
@Configuration(proxyBeanMethods = false)
class RefusedForms implements WebMvcConfigurer, HandlerInterceptor {

	/** The page's variable that says it is a form shown again with what was wrong. */
	static final String SHOWN_AGAIN = RefusedForm.TITLE_VARIABLE;

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView page) {
		if (page == null || redirect(page)) {
			return;
		}
		int status = page.getStatus() != null ? page.getStatus().value() : response.getStatus();
		// The page after a refusal answered with a redirect carries the refusal's status in the flash (RefusedForm).
		Integer after = RefusedForm.statusAfterRedirect(request);
		boolean inTheWay = request.getAttribute(RefusedForm.STATE_ATTRIBUTE) != null
				|| Integer.valueOf(HttpStatus.CONFLICT.value()).equals(after);
		boolean refused = request.getAttribute(RefusedForm.ATTRIBUTE) != null
				|| Integer.valueOf(HttpStatus.UNPROCESSABLE_CONTENT.value()).equals(after) || posted(request) && page.getModel()
			.values()
			.stream()
			.anyMatch(value -> value instanceof BindingResult result && result.hasErrors());
		if (status == HttpStatus.OK.value() && inTheWay) {
			page.setStatus(HttpStatus.CONFLICT);
			status = HttpStatus.CONFLICT.value();
		}
		else if (status == HttpStatus.OK.value() && refused) {
			page.setStatus(HttpStatus.UNPROCESSABLE_CONTENT);
			status = HttpStatus.UNPROCESSABLE_CONTENT.value();
		}
		// A page answered 409 or 422 to what was sent says first in its title that it was refused (RefusedTitleDialect):
		// the form again, and a page of its own that says a state is in the way (a trajectory no longer running, an
		// organisation with trajectories under way), whose title alone read as the page asked for. So does a search
		// asked with a query and refused, 422, and the page a refusal's redirect leads to. A page a link opened, 409,
		// refused nothing sent: its own title.
		if (posted(request) || after != null ? status == HttpStatus.UNPROCESSABLE_CONTENT.value() || status == HttpStatus.CONFLICT.value()
				: status == HttpStatus.UNPROCESSABLE_CONTENT.value()) {
			page.addObject(SHOWN_AGAIN, Boolean.TRUE);
		}
	}

	/** A page opened with a query (a search) is no form posted: only its controller says it refused it. */
	private static boolean posted(HttpServletRequest request) {
		return !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
	}

	private static boolean redirect(ModelAndView page) {
		String name = page.getViewName();
		return name != null ? name.startsWith("redirect:") || name.startsWith("forward:")
				: page.getView() instanceof RedirectView;
	}
}
