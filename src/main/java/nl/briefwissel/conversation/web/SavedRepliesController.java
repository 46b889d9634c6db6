package nl.briefwissel.conversation.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.Placeholders;
import nl.briefwissel.TypedName;

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
			List<String> found = reply.readable() ? Placeholders.in(reply.body()) : List.of();
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
		String wrongFirst = refused(title, body, redirect);
		if (wrongFirst != null) {
			return "redirect:/coach/saved-replies#" + wrongFirst;
		}
		desk.addSavedReply(me.id(), title, body, form); // a double click keeps one
		redirect.addFlashAttribute("replySaved", true);
		placeholdersSaid(body, redirect);
		return "redirect:/coach/saved-replies";
	}

	/**
	 * The reply in the add form's fields, with the same hint. After a refusal the words typed come back
	 * with the base the tab was opened on, so a save from there is still tested against that; after a
	 * save from a tab that was behind, the newest reply stands in the fields and the words typed are shown
	 * to copy (decision 0092). One that does not open has no form: it can only be deleted (decision 0057).
	 */
	@GetMapping("/coach/saved-replies/{id}/edit")
	String edit(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model) {
		CoachDesk.SavedReply reply = desk.savedReply(me.id(), id).orElseThrow(SavedRepliesController::notFound);
		model.addAttribute("reply", reply);
		if (!model.containsAttribute("typedTitle")) {
			model.addAttribute("typedTitle", reply.title());
			model.addAttribute("typedBody", reply.readable() ? reply.body() : "");
			model.addAttribute("typedBase", reply.revision());
		}
		String text = (String) model.getAttribute("typedBody");
		List<String> placeholders = Placeholders.in(text == null ? "" : text);
		model.addAttribute("holds", placeholders.isEmpty() ? null : String.join(", ", placeholders));
		model.addAttribute("replyForm", UUID.randomUUID());
		return "conversation/saved-reply-edit";
	}

	/**
	 * Saves a new title and text, checked as when adding. Another coach's reply, or one deleted since,
	 * is not found (404, as every route answers what is not the caller's): the page says so and gives
	 * the words typed back in a form to keep them as a new reply, so a reply deleted in another tab
	 * loses nothing.
	 */
	@PostMapping("/coach/saved-replies/{id}/edit")
	String save(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String title,
			@RequestParam(defaultValue = "") String body, @RequestParam UUID base, @RequestParam(required = false) UUID form,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		String page = "/coach/saved-replies/" + id + "/edit";
		String wrongFirst = refused(title, body, redirect);
		if (wrongFirst != null) {
			redirect.addFlashAttribute("typedBase", base); // still tested against the reply this tab was opened on
			return "redirect:" + page + "#" + wrongFirst;
		}
		return switch (desk.editSavedReply(me.id(), id, title, body, base, form)) {
			case DONE -> {
				redirect.addFlashAttribute("replyChanged", id);
				placeholdersSaid(body, redirect);
				yield "redirect:/coach/saved-replies#reply-" + id;
			}
			case CHANGED_SINCE -> {
				// The newer reply wins, as a draft does (decision 0060); this tab's words are given back to copy.
				redirect.addFlashAttribute("overtakenTitle", title);
				redirect.addFlashAttribute("overtakenBody", body);
				RefusedForm.stateInTheWayAfter(redirect);
				yield "redirect:" + page + "#reply-changed-since";
			}
			// Nothing written: the list opens at the reply without saying it was changed.
			case UNCHANGED -> "redirect:/coach/saved-replies#reply-" + id;
			// Not found, or another coach's: a reply has no trajectory to be handed over with.
			case GONE, SOMEONE_ELSES, HANDED_OVER -> {
				response.setStatus(HttpStatus.NOT_FOUND.value());
				model.addAttribute("typedTitle", title);
				model.addAttribute("typedBody", body);
				model.addAttribute("replyForm", UUID.randomUUID());
				yield "conversation/saved-reply-gone";
			}
		};
	}

	/**
	 * The field the page opens at when the title or text is refused, null when neither is. Each field
	 * says what is wrong with it, and what was typed comes back.
	 */
	private static String refused(String title, String body, RedirectAttributes redirect) {
		// A title stands in the list and the insert menu as a name does: what turns text around is refused, as on
		// the other forms that take a name (TypedName); an invisible mark is removed when it is stored.
		String titleProblem = title.isBlank() ? "savedReplies.error.title" : title.length() > 200 ? "savedReplies.error.titleLength"
				: TypedName.hidesCharacters(title) ? "savedReplies.error.titleHidden" : null;
		String bodyProblem = body.isBlank() ? "savedReplies.error.body" : body.length() > 20_000 ? "savedReplies.error.bodyLength" : null;
		if (titleProblem == null && bodyProblem == null) {
			return null;
		}
		redirect.addFlashAttribute("replyError", true);
		RefusedForm.shownAgainAfter(redirect);
		redirect.addFlashAttribute("titleProblem", titleProblem);
		redirect.addFlashAttribute("bodyProblem", bodyProblem);
		// Not "title": inside the layout that name is the page's <title> (a fragment parameter), and the
		// field showed its markup instead of what was typed.
		redirect.addFlashAttribute("typedTitle", title);
		redirect.addFlashAttribute("typedBody", body);
		return titleProblem != null ? "title" : "body";
	}

	/**
	 * Saved all the same: a saved reply is reused text, and a placeholder in it is the coach's reminder
	 * of what to fill in by hand each time. What is not filled in is said now, not at the first send.
	 */
	private static void placeholdersSaid(String body, RedirectAttributes redirect) {
		List<String> placeholders = Placeholders.in(body);
		if (!placeholders.isEmpty()) {
			redirect.addFlashAttribute("savedPlaceholders", String.join(", ", placeholders));
			redirect.addFlashAttribute("savedPlaceholderCount", placeholders.size());
		}
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	/**
	 * Deleting cannot be undone (WCAG 3.3.4): the reply is named by its title, shown and asked about
	 * first, on a page, so no script is needed (decision 0103). Another coach's reply, or one gone, is not
	 * found.
	 */
	@GetMapping("/coach/saved-replies/{id}/delete")
	String confirmDelete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("reply", desk.savedReply(me.id(), id).orElseThrow(SavedRepliesController::notFound));
		return "conversation/saved-reply-delete";
	}

	/**
	 * Deletes the reply the question was asked about; one changed in another tab since is asked about
	 * again with its newer title and text. None to delete (a second click on "yes", another tab) opens the
	 * list saying it was deleted already, as a note does; another coach's reply is not found (404), as every
	 * route answers what is not the caller's (AuthorisationMatrixTests). Without {@code base} (a list page
	 * from before decision 0103, whose button deleted at once, still open in a tab; it was refused with 400)
	 * nothing is deleted unasked: the question is asked, as the list's link does now.
	 */
	@PostMapping("/coach/saved-replies/{id}/delete")
	String delete(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(required = false) UUID base, RedirectAttributes redirect) {
		if (base == null) {
			// Only a reply of this coach's is asked about; without the question's base nothing shows that this coach
			// ever had one by that identifier, so any other is not found, as every route answers what is not theirs.
			desk.savedReply(me.id(), id).orElseThrow(SavedRepliesController::notFound);
			return "redirect:/coach/saved-replies/" + id + "/delete";
		}
		return switch (desk.deleteSavedReply(me.id(), id, base)) {
			case DONE -> {
				redirect.addFlashAttribute("replyDeleted", true);
				yield "redirect:/coach/saved-replies#reply-deleted";
			}
			case CHANGED_SINCE -> {
				redirect.addFlashAttribute("changedSince", true);
				RefusedForm.stateInTheWayAfter(redirect);
				yield "redirect:/coach/saved-replies/" + id + "/delete#reply-changed-since";
			}
			case GONE -> {
				redirect.addFlashAttribute("replyDeletedAlready", true);
				yield "redirect:/coach/saved-replies#reply-deleted";
			}
			case SOMEONE_ELSES, HANDED_OVER, UNCHANGED -> throw notFound();
		};
	}
}
