package nl.briefwissel.conversation.web;

import java.util.Optional;
import java.util.UUID;

import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.conversation.CoachDesk;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

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
 * Editing and deleting a coach's private note (decision 0092), on pages of their own so that both work
 * without a script: the author only, and only while the trajectory is theirs to see. Handed over, the
 * notes stay theirs and out of sight (decision 0027): nothing here finds them until the trajectory comes
 * back. Not on the audit trail, as adding a note is not: the trail is of who read or exported the
 * participant's content, and a note is the coach's own words that nobody else ever sees.
 */
@Controller
class NotesController {

	/** As the field for a new note, in characters as the browser counts them. */
	private static final int MAX_LENGTH = 20_000;

	private final CoachDesk desk;

	private final Trajectories trajectories;

	NotesController(CoachDesk desk, Trajectories trajectories) {
		this.desk = desk;
		this.trajectories = trajectories;
	}

	/**
	 * The note in a form. After a refusal the text typed comes back with the base the tab was opened on,
	 * so a save from there is still tested against that; after a save from a tab that was behind, the
	 * newest note stands in the field and the text typed is shown to copy.
	 */
	@GetMapping("/coach/trajectories/{id}/notes/{noteId}/edit")
	String edit(@PathVariable UUID id, @PathVariable UUID noteId, @AuthenticationPrincipal SignedInAccount me, Model model) {
		TrajectoryOverview trajectory = own(id, me);
		CoachDesk.Note note = desk.note(id, me.id(), noteId).orElseThrow(NotesController::notFound);
		model.addAttribute("trajectory", trajectory);
		model.addAttribute("note", note);
		if (!model.containsAttribute("typedNote")) {
			model.addAttribute("typedNote", note.readable() ? note.body() : "");
			model.addAttribute("typedBase", note.revision());
		}
		model.addAttribute("noteForm", UUID.randomUUID());
		return "conversation/note-edit";
	}

	@PostMapping("/coach/trajectories/{id}/notes/{noteId}/edit")
	String save(@PathVariable UUID id, @PathVariable UUID noteId, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam(defaultValue = "") String note, @RequestParam UUID base, @RequestParam(required = false) UUID form,
			Model model, RedirectAttributes redirect) {
		if (mine(id, me).isEmpty()) {
			return handedOver(id, me, note, model);
		}
		String page = "/coach/trajectories/" + id;
		// As the browser counted it: a line break is one character there, two in the form it sends.
		String typed = note.replace("\r\n", "\n");
		if (typed.isBlank() || typed.length() > MAX_LENGTH) {
			// The form again, 422: said at the field, which takes the focus (one field needs no list above it), what was
			// typed kept (decision 0139).
			RefusedForm.shownAgain();
			model.addAttribute("noteProblem", typed.isBlank() ? "conversation.notes.edit.empty" : "conversation.notes.edit.tooLong");
			model.addAttribute("typedNote", typed);
			model.addAttribute("typedBase", base); // still tested against the note this tab was opened on
			return edit(id, noteId, me, model);
		}
		return switch (desk.editNote(id, me.id(), noteId, typed, base, form)) {
			case DONE -> {
				redirect.addFlashAttribute("noteChanged", noteId);
				yield "redirect:" + page + "#note-" + noteId;
			}
			case UNCHANGED -> {
				// Nothing was written: "gewijzigd" would say otherwise.
				redirect.addFlashAttribute("noteUnchanged", noteId);
				yield "redirect:" + page + "#note-" + noteId;
			}
			case CHANGED_SINCE -> {
				// The newer note wins, as a draft does (decision 0060); this tab's text is given back to copy. The
				// state is in the way, not the note: the form again with the newest version, 409 (decision 0139).
				RefusedForm.stateInTheWay();
				model.addAttribute("overtakenNote", typed);
				yield edit(id, noteId, me, model);
			}
			case GONE -> {
				// Deleted in another tab: the text goes into the field for a new note.
				redirect.addFlashAttribute("noteGone", true);
				RefusedForm.stateInTheWayAfter(redirect);
				redirect.addFlashAttribute("noteText", typed);
				yield "redirect:" + page + "#note-gone";
			}
			// Another coach's note says nothing of itself (decision 0092), not even that it was there.
			case SOMEONE_ELSES -> throw notFound();
			// Handed over after the check above, before the edit took the trajectory's row.
			case HANDED_OVER -> handedOver(id, me, note, model);
		};
	}

	/** Deleting cannot be undone (WCAG 3.3.4): the note is shown and asked about first, by a page, not a script. */
	@GetMapping("/coach/trajectories/{id}/notes/{noteId}/delete")
	String confirmDelete(@PathVariable UUID id, @PathVariable UUID noteId, @AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("trajectory", own(id, me));
		model.addAttribute("note", desk.note(id, me.id(), noteId).orElseThrow(NotesController::notFound));
		return "conversation/note-delete";
	}

	/**
	 * Deletes the note the question was asked about. A note changed in another tab since is asked about
	 * again with its newer text. None to delete (a double click, another tab) is answered as deleted: it
	 * is. Another coach's note, or a trajectory handed over meanwhile, finds nothing (decision 0092).
	 */
	@PostMapping("/coach/trajectories/{id}/notes/{noteId}/delete")
	String delete(@PathVariable UUID id, @PathVariable UUID noteId, @AuthenticationPrincipal SignedInAccount me,
			@RequestParam UUID base, RedirectAttributes redirect) {
		own(id, me);
		String page = "/coach/trajectories/" + id;
		return switch (desk.deleteNote(id, me.id(), noteId, base)) {
			case CHANGED_SINCE -> {
				redirect.addFlashAttribute("changedSince", true);
				RefusedForm.stateInTheWayAfter(redirect);
				yield "redirect:" + page + "/notes/" + noteId + "/delete#note-changed-since";
			}
			case SOMEONE_ELSES, HANDED_OVER -> throw notFound();
			case DONE, GONE, UNCHANGED -> {
				redirect.addFlashAttribute("noteDeleted", true);
				yield "redirect:" + page + "#note-deleted";
			}
		};
	}

	/**
	 * Handed over while the coach was editing: their text comes back to copy, not kept, as for a new note
	 * (ConversationController); anyone who never coached the trajectory finds nothing.
	 */
	private String handedOver(UUID id, SignedInAccount me, String typed, Model model) {
		if (trajectories.withContent(id).isEmpty() || !trajectories.coachedBefore(id, me.email())) {
			throw notFound();
		}
		RefusedForm.stateInTheWay(); // the state is in the way, not the note: 409 (decision 0139, amended)
		model.addAttribute("text", typed);
		model.addAttribute("notSaved", "kept");
		return "conversation/handed-over";
	}

	private TrajectoryOverview own(UUID id, SignedInAccount me) {
		return mine(id, me).orElseThrow(NotesController::notFound);
	}

	/** This coach's trajectory, not an erased one: an erasure took its notes along. */
	private Optional<TrajectoryOverview> mine(UUID id, SignedInAccount me) {
		return trajectories.withContent(id).filter(trajectory -> trajectory.coachedBy(me.id()));
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}
}
