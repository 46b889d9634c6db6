package nl.briefwissel.conversation.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.audit.AuditedTrajectory;
import nl.briefwissel.conversation.LettersAfterTheEnd;
import nl.briefwissel.conversation.Quarantine;
import nl.briefwissel.conversation.Workspace;
import nl.briefwissel.organisation.Themes;
import nl.briefwissel.trajectory.TrajectoryOverview;
import nl.briefwissel.trajectory.TrajectoryStatus;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The coach's start page: their trajectories, most urgent first. */
@Controller
class WorkspaceController {

	private final Workspace workspace;

	private final Clock clock;

	private final Themes themes;

	private final Quarantine quarantine;

	private final LettersAfterTheEnd afterTheEnd;

	WorkspaceController(Workspace workspace, Clock clock, Themes themes, Quarantine quarantine, LettersAfterTheEnd afterTheEnd) {
		this.afterTheEnd = afterTheEnd;
		this.quarantine = quarantine;
		this.themes = themes;
		this.workspace = workspace;
		this.clock = clock;
	}

	/**
	 * Its reads share one connection from the pool (decision 0017); the page renders after. A search
	 * shows pieces of letters, so each conversation it shows a piece of is on the audit trail as read;
	 * the page without a search shows no content and records nothing.
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@Transactional(readOnly = true)
	@GetMapping("/coach")
	String workspace(@AuthenticationPrincipal SignedInAccount me, @RequestParam(required = false) Workspace.Need need,
			@RequestParam(required = false) TrajectoryStatus status, @RequestParam(required = false) String q, Locale locale,
			HttpServletRequest request, Model model) {
		// Ended trajectories only when asked for: a coach's history grows by dozens a year, and a
		// workspace that lists all of them gets slower and longer every month (bench/pages).
		boolean filtered = need != null || status != null;
		Workspace.View view = filtered ? workspace.viewWithEnded(me.id()) : workspace.view(me.id());
		model.addAttribute("entries", view.entries()
			.stream()
			.filter(entry -> need == null || entry.need() == need)
			.filter(entry -> status == null || entry.trajectory().status() == status)
			.toList());
		model.addAttribute("endedHidden", view.endedHidden());
		model.addAttribute("needs", Workspace.Need.values());
		// The phases a row of the workspace can be in: an intake is nobody's yet, a proposal is listed apart.
		model.addAttribute("statuses", java.util.EnumSet.range(TrajectoryStatus.RUNNING, TrajectoryStatus.STOPPED));
		model.addAttribute("filtered", filtered);
		model.addAttribute("need", need);
		model.addAttribute("status", status);
		model.addAttribute("q", q == null ? "" : q);
		List<Workspace.SearchHit> hits = workspace.search(me.id(), q);
		AuditedTrajectory.shown(request, hits.stream().map(Workspace.SearchHit::trajectoryId).toList());
		model.addAttribute("hits", hits);
		model.addAttribute("hitsCapped", hits.size() >= Workspace.MAX_SEARCH_HITS);
		model.addAttribute("queryTooShort", q != null && !q.isBlank() && q.strip().length() < Workspace.MIN_SEARCH_LENGTH);
		model.addAttribute("today", LocalDate.now(clock));
		List<TrajectoryOverview> proposals = view.proposals();
		model.addAttribute("proposals", proposals);
		model.addAttribute("themeLabels", themes.labels(proposals.stream().map(TrajectoryOverview::programmeId).toList(), locale));
		// Mail meant for their conversations that did not go in waits in their quarantine: said where they
		// start, or a participant's letter from another address waited unseen (decision 0075).
		model.addAttribute("heldBack", quarantine.countOfCoach(me.id()));
		// A participant who wrote after their trajectory ended: who and since when, never what, until the
		// coach opens the conversation; no row of the workspace shows an ended trajectory (decision 0090).
		model.addAttribute("afterTheEnd", afterTheEnd.ofCoach(me.id()));
		return "conversation/workspace";
	}
}
