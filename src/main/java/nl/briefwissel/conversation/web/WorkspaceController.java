package nl.briefwissel.conversation.web;

import java.time.Clock;
import java.time.LocalDate;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.Workspace;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The coach's start page: their trajectories, most urgent first. */
@Controller
class WorkspaceController {

	private final Workspace workspace;

	private final Clock clock;

	WorkspaceController(Workspace workspace, Clock clock) {
		this.workspace = workspace;
		this.clock = clock;
	}

	@GetMapping("/coach")
	String workspace(@AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("entries", workspace.of(me.id()));
		model.addAttribute("today", LocalDate.now(clock));
		return "conversation/workspace";
	}
}
