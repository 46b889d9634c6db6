package nl.briefwissel.privacy.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import nl.briefwissel.account.SignedInAccount;
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

/** Administrators decide on erasure requests: confirm, or decline with a reason the participant reads. */
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
			redirect.addFlashAttribute("done", decided(id));
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
			return "redirect:/admin/erasure/" + id + "/confirm";
		}
		// A request another administrator decided a moment ago (or an old tab): say so, not "not found".
		redirect.addFlashAttribute("done", erasures.confirm(id, me.id()) ? "erasure.admin.confirmed" : decided(id));
		return "redirect:/admin/erasure";
	}

	@PostMapping("/admin/erasure/{id}/decline")
	String decline(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String reason, RedirectAttributes redirect, Model model) {
		if (erasures.open().stream().noneMatch(request -> request.id().equals(id))) {
			redirect.addFlashAttribute("done", decided(id));
			return "redirect:/admin/erasure";
		}
		// A browser counts a line break as one character against maxlength and sends it as two (CR LF):
		// a reason that fit the box was refused, and as if none had been given.
		String written = reason.replace("\r\n", "\n").strip();
		if (written.isEmpty() || written.length() > REASON_AT_MOST) {
			model.addAttribute("reasonMissingFor", id);
			model.addAttribute("reasonError", written.isEmpty() ? "erasure.admin.reasonMissing" : "erasure.admin.reasonTooLong");
			model.addAttribute("typedReason", reason); // given back to shorten, not lost
			return page(model);
		}
		redirect.addFlashAttribute("done", erasures.decline(id, me.id(), written) ? "erasure.admin.declined" : decided(id));
		return "redirect:/admin/erasure";
	}

	/** The message for a request that is not open: decided already, or 404 for one that does not exist. */
	private String decided(UUID id) {
		erasures.byId(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return "erasure.admin.alreadyDecided";
	}
}
