package nl.briefwissel.privacy.web;

import java.time.Clock;
import java.time.LocalDate;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AccessRun;
import nl.briefwissel.audit.AuditTrail;
import nl.briefwissel.privacy.Erasures;
import nl.briefwissel.trajectory.TrajectoryErasure;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The participant's own data: how long it is kept, download everything, or ask for it to be erased. */
@Controller
class ParticipantPrivacyController {

	private final Erasures erasures;

	private final TrajectoryErasure retention;

	private final AuditTrail trail;

	/** The programme's clock: the day a request is late from is the day in Amsterdam. */
	private final Clock clock;

	ParticipantPrivacyController(Erasures erasures, TrajectoryErasure retention, AuditTrail trail, Clock clock) {
		this.erasures = erasures;
		this.retention = retention;
		this.trail = trail;
		this.clock = clock;
	}

	@GetMapping("/participant/privacy")
	String page(@AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("request", erasures.latestOf(me.id()).orElse(null));
		model.addAttribute("keeping", retention.keepingOf(me.id()));
		model.addAttribute("today", LocalDate.now(clock));
		return "privacy/participant";
	}

	/**
	 * Who else opened, exported or changed the participant's trajectories, from the audit trail: their coach,
	 * an administrator who opened a mail of theirs (with the reason given), a manager who changed the
	 * course. Their own reading is left out; the page goes back a page of the trail at a time, and the same in a row
	 * on one day is one line with how many times (a coach's every page view was a line).
	 */
	@GetMapping("/participant/privacy/access")
	String access(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String olderAt,
			@RequestParam(defaultValue = "") String olderId, Model model) {
		AuditTrail.Position after = AuditTrail.Position.fromLink(olderAt, olderId);
		AuditTrail.Page page = trail.aboutTrajectoriesByOthers(retention.trajectoriesOf(me.id()), me.id(), after);
		model.addAttribute("runs", AccessRun.of(page.entries(), clock.getZone()));
		model.addAttribute("older", page.older());
		model.addAttribute("later", after != null);
		return "privacy/access";
	}

	@PostMapping("/participant/privacy/erasure")
	String requestErasure(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "false") boolean sure,
			Model model, RedirectAttributes redirect) {
		if (!sure) {
			model.addAttribute("notSure", true);
			RefusedForm.shownAgain();
			return page(me, model);
		}
		erasures.request(me.id());
		// Said once, where the page opens and the focus goes: a status already on the page as it loads is
		// not read out, and one kept in the address came back on every reload or change of language.
		redirect.addFlashAttribute("erasureRequested", true);
		return "redirect:/participant/privacy#erasure-requested";
	}
}
