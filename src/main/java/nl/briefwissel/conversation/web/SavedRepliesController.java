package nl.briefwissel.conversation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.conversation.Welcome;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A coach's own saved replies: short texts they use often, inserted while writing. */
@Controller
class SavedRepliesController {

	private final CoachDesk desk;

	SavedRepliesController(CoachDesk desk) {
		this.desk = desk;
	}

	@GetMapping("/coach/saved-replies")
	String list(@AuthenticationPrincipal SignedInAccount me, Model model) {
		List<CoachDesk.SavedReply> replies = desk.savedReplies(me.id());
		model.addAttribute("replies", replies);
		// A placeholder is filled in in the welcome letter only: each reply that holds one says so, so a coach
		// who inserts it knows to fill it in before sending (a letter with one is refused, decision 0066).
		Map<UUID, String> placeholders = new LinkedHashMap<>();
		for (CoachDesk.SavedReply reply : replies) {
			List<String> found = reply.readable() ? Welcome.placeholdersInLaterLetter(reply.body()) : List.of();
			if (!found.isEmpty()) {
				placeholders.put(reply.id(), String.join(", ", found));
			}
		}
		model.addAttribute("placeholders", placeholders);
		model.addAttribute("replyForm", UUID.randomUUID());
		return "conversation/saved-replies";
	}

	@PostMapping("/coach/saved-replies")
	String add(@AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String body, @RequestParam(required = false) UUID form,
			RedirectAttributes redirect) {
		// Each field says what is wrong with it; what was typed comes back.
		String titleProblem = title.isBlank() ? "savedReplies.error.title" : title.length() > 200 ? "savedReplies.error.titleLength" : null;
		String bodyProblem = body.isBlank() ? "savedReplies.error.body" : body.length() > 20_000 ? "savedReplies.error.bodyLength" : null;
		if (titleProblem != null || bodyProblem != null) {
			redirect.addFlashAttribute("replyError", true);
			redirect.addFlashAttribute("titleProblem", titleProblem);
			redirect.addFlashAttribute("bodyProblem", bodyProblem);
			// Not "title": inside the layout that name is the page's <title> (a fragment parameter), and the
			// field showed its markup instead of what was typed.
			redirect.addFlashAttribute("typedTitle", title);
			redirect.addFlashAttribute("typedBody", body);
			return "redirect:/coach/saved-replies#" + (titleProblem != null ? "title" : "body");
		}
		else {
			desk.addSavedReply(me.id(), title, body, form); // a double click keeps one
			redirect.addFlashAttribute("replySaved", true);
			// Saved all the same: a saved reply is reused text, and a placeholder in it is the coach's reminder
			// of what to fill in by hand each time. What is not filled in is said now, not at the first send.
			List<String> placeholders = Welcome.placeholdersInLaterLetter(body);
			if (!placeholders.isEmpty()) {
				redirect.addFlashAttribute("savedPlaceholders", String.join(", ", placeholders));
				redirect.addFlashAttribute("savedPlaceholderCount", placeholders.size());
			}
		}
		return "redirect:/coach/saved-replies";
	}

	/**
	 * Deletes one of the coach's own replies. Any other identifier, another coach's or none at all,
	 * answers "not found", as every route does for what is not the caller's (AuthorisationMatrixTests);
	 * so a second click on "Verwijderen" still shows that page.
	 */
	@PostMapping("/coach/saved-replies/{id}/delete")
	String delete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, RedirectAttributes redirect) {
		if (!desk.deleteSavedReply(me.id(), id)) {
			throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
		}
		redirect.addFlashAttribute("replyDeleted", true);
		return "redirect:/coach/saved-replies";
	}
}
