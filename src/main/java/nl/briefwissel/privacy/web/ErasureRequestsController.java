package nl.briefwissel.privacy.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import nl.briefwissel.AuditedChange;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.privacy.ErasureRequest;
import nl.briefwissel.privacy.Erasures;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators decide on erasure requests: confirm, or decline with a reason the participant reads; or
 * extend the month to answer once, with a reason the participant reads too.
 */
@Controller
class ErasureRequestsController {

	/** As the column holds it, and the box's maxlength. */
	private static final int REASON_AT_MOST = 2000;

	private final Erasures erasures;

	/** The programme's clock: the day a request is late from is the day in Amsterdam. */
	private final Clock clock;

	ErasureRequestsController(Erasures erasures, Clock clock) {
		this.erasures = erasures;
		this.clock = clock;
	}

	@GetMapping("/admin/erasure")
	String page(Model model) {
		model.addAttribute("open", erasures.open());
		model.addAttribute("decided", erasures.decided());
		model.addAttribute("today", LocalDate.now(clock));
		return "privacy/erasure-requests";
	}

	/**
	 * The second step before erasing: the person named once more, with what goes. Erasing cannot be
	 * undone, and on the list one button stood next to another person's.
	 */
	@GetMapping("/admin/erasure/{id}/confirm")
	String confirmPage(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
		var request = erasures.open().stream().filter(r -> r.id().equals(id)).findFirst();
		if (request.isEmpty()) {
			erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			redirect.addFlashAttribute("done", "erasure.admin.alreadyDecided");
			return "redirect:/admin/erasure";
		}
		model.addAttribute("request", request.get());
		model.addAttribute("keepsAccount", erasures.keepsAccount(request.get().accountId()));
		return "privacy/erasure-confirm";
	}

	@PostMapping("/admin/erasure/{id}/confirm")
	String confirm(@PathVariable UUID id, @RequestParam(defaultValue = "false") boolean confirmed,
			@AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		if (!confirmed) {
			erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			AuditedChange.refused(); // only sent to the question: nothing erased
			return "redirect:/admin/erasure/" + id + "/confirm";
		}
		// A request another administrator decided a moment ago (or an old tab): say so, not "not found".
		redirect.addFlashAttribute("done",
				erasures.confirm(id, me.id()) ? "erasure.admin.confirmed" : decided(id, ErasureRequest.Status.CONFIRMED, redirect));
		return "redirect:/admin/erasure";
	}

	@PostMapping("/admin/erasure/{id}/decline")
	String decline(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect, Model model) {
		if (erasures.open().stream().noneMatch(request -> request.id().equals(id))) {
			redirect.addFlashAttribute("done", decided(id, ErasureRequest.Status.DECLINED, redirect));
			return "redirect:/admin/erasure";
		}
		// A browser counts a line break as one character against maxlength and sends it as two (CR LF):
		// a reason that fit the box was refused, and as if none had been given.
		String written = reason.replace("\r\n", "\n").strip();
		if (written.isEmpty() || written.length() > REASON_AT_MOST) {
			AuditedChange.refused();
			model.addAttribute("reasonMissingFor", id);
			model.addAttribute("reasonError", written.isEmpty() ? "erasure.admin.reasonMissing" : "erasure.admin.reasonTooLong");
			model.addAttribute("typedReason", reason); // given back to shorten, not lost
			RefusedForm.shownAgain();
			return page(model);
		}
		redirect.addFlashAttribute("done",
				erasures.decline(id, me.id(), written) ? "erasure.admin.declined" : decided(id, ErasureRequest.Status.DECLINED, redirect));
		return "redirect:/admin/erasure";
	}

	/**
	 * Extending the month to answer (AVG article 12(3)): once, by one or two months, with a reason the
	 * participant reads in their mail. Possible only within that first month; a page opened for a request
	 * whose month is over says so instead of offering the form.
	 */
	@GetMapping("/admin/erasure/{id}/extend")
	String extendPage(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
		var request = erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!request.open()) {
			redirect.addFlashAttribute("done", "erasure.admin.alreadyDecided");
			return "redirect:/admin/erasure";
		}
		model.addAttribute("request", request);
		model.addAttribute("today", LocalDate.now(clock));
		model.addAttribute("months", ErasureRequest.EXTENSION_MONTHS_AT_MOST);
		model.addAttribute("typedReason", "");
		return "privacy/erasure-extend";
	}

	@PostMapping("/admin/erasure/{id}/extend")
	String extend(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "0") int months, @RequestParam(defaultValue = "") String reason, Model model,
			RedirectAttributes redirect) {
		var request = erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!request.open()) {
			AuditedChange.refused();
			RefusedForm.stateInTheWayAfter(redirect); // decided meanwhile: the list after it answers 409
			redirect.addFlashAttribute("done", "erasure.admin.alreadyDecided");
			return "redirect:/admin/erasure";
		}
		// As when declining: a line break is one character in the box and two (CR LF) in the form.
		String written = reason.replace("\r\n", "\n").strip();
		String monthsError = months < 1 || months > ErasureRequest.EXTENSION_MONTHS_AT_MOST ? "erasure.extend.monthsMissing" : null;
		String reasonError = written.isEmpty() ? "erasure.extend.reasonMissing"
				: written.length() > REASON_AT_MOST ? "erasure.admin.reasonTooLong" : null;
		if (monthsError == null && reasonError == null) {
			switch (erasures.extend(id, me.id(), months, written)) {
				case EXTENDED -> {
					redirect.addFlashAttribute("done", "erasure.admin.extended");
					return "redirect:/admin/erasure";
				}
				case DECIDED -> {
					AuditedChange.refused();
					RefusedForm.stateInTheWayAfter(redirect);
					redirect.addFlashAttribute("done", "erasure.admin.alreadyDecided");
					return "redirect:/admin/erasure";
				}
				case EXTENDED_BEFORE -> {
					return extendedBefore(id, written, redirect);
				}
				case FIRST_MONTH_OVER -> monthsError = "erasure.extend.firstMonthOver";
			}
		}
		// Refused: said at the field, with the choice and the reason given back; the trail has it as an attempt.
		AuditedChange.refused();
		model.addAttribute("request", erasures.byId(id).orElse(request));
		model.addAttribute("today", LocalDate.now(clock));
		model.addAttribute("months", months);
		model.addAttribute("typedReason", reason);
		model.addAttribute("monthsError", monthsError);
		model.addAttribute("reasonError", reasonError);
		RefusedForm.shownAgain();
		return "privacy/erasure-extend";
	}

	/**
	 * A request extended before (the second press of a double click, a tab left open): the form can no longer succeed,
	 * so the list says calmly until when it is extended instead. On the trail as already done when it is the same
	 * extension, else as refused.
	 */
	private String extendedBefore(UUID id, String reason, RedirectAttributes redirect) {
		ErasureRequest request = erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (reason.equals(request.extension().reason())) {
			AuditedChange.already();
		}
		else {
			AuditedChange.refused();
			RefusedForm.stateInTheWayAfter(redirect); // extended before, otherwise: the list after it answers 409
		}
		redirect.addFlashAttribute("done", "erasure.admin.extendedBefore");
		redirect.addFlashAttribute("doneOn", request.answerBy());
		return "redirect:/admin/erasure";
	}

	/**
	 * The message for a request that is not open: decided already, or 404 for one that does not exist. On the trail
	 * as already done when it was decided as this request asked (the second press of a double click), else refused:
	 * the request's state is in the way, and the list after the redirect answers 409 (decision 0139, amended).
	 */
	private String decided(UUID id, ErasureRequest.Status asked, RedirectAttributes redirect) {
		ErasureRequest request = erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (request.status() == asked) {
			AuditedChange.already();
		}
		else {
			AuditedChange.refused();
			RefusedForm.stateInTheWayAfter(redirect);
		}
		return "erasure.admin.alreadyDecided";
	}
}
