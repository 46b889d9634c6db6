package nl.briefwissel.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Navigation entries whose feature is not built yet. Each says plainly what the page will hold,
 * so no link is a dead end; a module that builds the feature maps the path itself and removes
 * it here (a duplicate mapping fails at start-up, so none can be forgotten).
 */
@Controller
class UpcomingPagesController {

	@GetMapping({
			"/admin/audit" })
	String upcoming(HttpServletRequest request, Model model) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		// "/participant/report" is described by the messages "upcoming.participant.report.*"
		model.addAttribute("topic", "upcoming" + path.replace('/', '.'));
		return "web/upcoming";
	}
}
