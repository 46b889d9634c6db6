package nl.briefwissel.web;

import java.util.Map;

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

	private static final Map<String, String> TOPICS = Map.of(
			"/participant/conversation", "upcoming.participant.conversation",
			"/participant/report", "upcoming.participant.report",
			"/coach/quarantine", "upcoming.coach.quarantine",
			"/coach/assignments", "upcoming.coach.assignments",
			"/programme/intakes", "upcoming.programme.intakes",
			"/programme/statistics", "upcoming.programme.statistics",
			"/admin/quarantine", "upcoming.admin.quarantine",
			"/admin/assignments", "upcoming.admin.assignments",
			"/admin/audit", "upcoming.admin.audit");

	@GetMapping({ "/participant/conversation", "/participant/report", "/coach/quarantine", "/coach/assignments",
			"/programme/intakes", "/programme/statistics", "/admin/quarantine", "/admin/assignments", "/admin/audit" })
	String upcoming(HttpServletRequest request, Model model) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		model.addAttribute("topic", TOPICS.get(path));
		return "web/upcoming";
	}
}
