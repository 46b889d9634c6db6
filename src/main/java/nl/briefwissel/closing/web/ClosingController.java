package nl.briefwissel.closing.web;

import java.util.List;
import java.util.UUID;

import nl.briefwissel.LetterLanguage;
import nl.briefwissel.Placeholders;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.ClosingDesk.Reacted;
import nl.briefwissel.closing.ClosingDesk.Written;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The coach writes the closing summary on the trajectory page; the participant reacts on theirs. */
@Controller
class ClosingController {

	private static final int MAX_SUMMARY = 20_000;

	private static final int MAX_REACTION = ClosingDesk.MAX_REACTION;

	private final Trajectories trajectories;

	private final ClosingDesk desk;

	ClosingController(Trajectories trajectories, ClosingDesk desk) {
		this.trajectories = trajectories;
		this.desk = desk;
	}

	/**
	 * The summary saved as a draft, or sent with its own button ({@code send}): saving alone tells the
	 * participant nothing (decision 0086). A refused summary comes back with what was typed: in its field
	 * while the trajectory is open, else to copy (completed in another tab). Handed over to another coach
	 * meanwhile, the trajectory is not this coach's page any more, but the text is still theirs: it comes
	 * back on a page of its own. A summary is sent only without placeholders: nothing fills them in.
	 */
	@PostMapping("/coach/trajectories/{id}/closing")
	String write(@PathVariable UUID id, @AuthenticationPrincipal SignedInAccount me, @RequestParam(defaultValue = "") String summary,
			@RequestParam(defaultValue = "false") boolean send, Model model, RedirectAttributes redirect) {
		summary = oneCharacterLineEnds(summary);
		TrajectoryOverview trajectory = trajectories.byId(id).filter(t -> t.coachedBy(me.id())).orElse(null);
		if (trajectory == null) {
			if (trajectories.byId(id).isEmpty() || !trajectories.coachedBefore(id, me.email())) {
				throw new ResponseStatusException(HttpStatus.NOT_FOUND);
			}
			RefusedForm.stateInTheWay(); // handed over: the state is in the way, not the summary (409)
			model.addAttribute("text", summary);
			model.addAttribute("notSaved", "closing");
			return "conversation/handed-over";
		}
		// Emptied, as a sent summary's field is to write it anew: asked for, not told its length, as a note is.
		if (summary.isBlank()) {
			refused(redirect, "closing.error.summary.empty", summary);
		}
		else if (summary.length() > MAX_SUMMARY) {
			refused(redirect, "closing.error.summary", summary);
		}
		else if (send && !Placeholders.in(summary).isEmpty()) {
			// Nothing fills one in: Beste {naam} from a template would be read so, as in a letter (decision
			// 0066). Sending is refused, a change sent as well; a draft may hold one, as a reminder nobody reads.
			List<String> placeholders = Placeholders.in(summary);
			refused(redirect, "closing.error.placeholder", summary);
			redirect.addFlashAttribute("closingPlaceholders", String.join(", ", placeholders));
			redirect.addFlashAttribute("closingPlaceholderCount", placeholders.size());
		}
		else {
			Written outcome = ClosingDesk.open(trajectory) ? desk.write(trajectory, me.id(), summary, send) : Written.ENDED;
			switch (outcome) {
				case DRAFTED -> redirect.addFlashAttribute("closingDone", "closing.saved");
				case SENT -> redirect.addFlashAttribute("closingDone", "closing.sent");
				case CHANGE_SENT -> redirect.addFlashAttribute("closingDone", "closing.sent.change");
				case SENT_ALREADY -> refused(redirect, "closing.error.sentAlready", summary);
				default -> refused(redirect, "closing.error.ended", summary);
			}
		}
		return "redirect:/coach/trajectories/" + id + "#closing";
	}

	private static void refused(RedirectAttributes redirect, String problem, String summary) {
		redirect.addFlashAttribute("closingProblem", problem);
		redirect.addFlashAttribute("closingTyped", summary);
		typedLanguage(redirect, "closingTypedLang", summary);
	}

	/**
	 * The participant's reaction. The start page has a card per trajectory: what is said goes with the
	 * trajectory's id to its own card, and the page opens there (on a phone it is far down, and a
	 * status already on the page when it loads is not read out). A refused reaction comes back with
	 * it, to write on or to copy: the coach may have completed the trajectory while it was typed.
	 */
	@PostMapping("/participant/closing")
	String react(@AuthenticationPrincipal SignedInAccount me, @RequestParam UUID trajectory,
			@RequestParam(defaultValue = "") String reaction, RedirectAttributes redirect) {
		reaction = oneCharacterLineEnds(reaction);
		TrajectoryOverview own = trajectories.byId(trajectory)
			.filter(t -> me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (reaction.length() > MAX_REACTION) {
			refused(redirect, trajectory, "closing.error.reaction", reaction);
		}
		else {
			Reacted outcome = ClosingDesk.open(own) ? desk.react(own, me.id(), reaction) : Reacted.ENDED;
			switch (outcome) {
				case KEPT -> {
					redirect.addFlashAttribute("reactionSaved", trajectory);
					// Optional, so an empty one is taken away: "saved" said nothing was lost where a reaction was.
					redirect.addFlashAttribute("reactionEmptied", reaction.isBlank());
					return "redirect:/participant#reaction-saved-" + trajectory;
				}
				case NO_SUMMARY -> refused(redirect, trajectory, "closing.error.noSummary", reaction);
				default -> refused(redirect, trajectory, "closing.error.ended", reaction);
			}
		}
		// At the message: it is there whatever became of the trajectory, the field only while it is open.
		return "redirect:/participant#reaction-problem-" + trajectory;
	}

	/** A browser sends a line end as two characters where the field's maxlength counted one: text it let through was refused. */
	private static String oneCharacterLineEnds(String text) {
		return text.replace("\r\n", "\n");
	}

	private static void refused(RedirectAttributes redirect, UUID trajectory, String problem, String reaction) {
		redirect.addFlashAttribute("reactionProblem", problem);
		redirect.addFlashAttribute("reactionFor", trajectory);
		redirect.addFlashAttribute("reactionTyped", reaction);
		typedLanguage(redirect, "reactionTypedLang", reaction);
	}

	/**
	 * The lang of words given back, in the language of their own words as saved ones are (decision 0097, amended):
	 * not the saved text's, which the typed words may not be in. None where they do not tell, or are the page's.
	 */
	private static void typedLanguage(RedirectAttributes redirect, String name, String typed) {
		String lang = LetterLanguage.langOn(typed, LocaleContextHolder.getLocale());
		if (lang != null) {
			redirect.addFlashAttribute(name, lang);
		}
	}
}
