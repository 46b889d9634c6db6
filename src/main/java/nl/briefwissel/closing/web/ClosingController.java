package nl.briefwissel.closing.web;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import nl.briefwissel.LetterLanguage;
import nl.briefwissel.RefusedForm;
import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.audit.AuditAction;
import nl.briefwissel.audit.Audited;
import nl.briefwissel.closing.ClosingDesk;
import nl.briefwissel.closing.ClosingDesk.Reacted;
import nl.briefwissel.trajectory.ParticipantStartPage;
import nl.briefwissel.trajectory.Trajectories;
import nl.briefwissel.trajectory.TrajectoryOverview;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The participant reacts to the closing summary on their page. The coach's summary is written on the trajectory's
 * page, which the conversation module draws: its form is answered there (ConversationController), a refusal with that page.
 */
@Controller
class ClosingController {

	private static final int MAX_REACTION = ClosingDesk.MAX_REACTION;

	private final Trajectories trajectories;

	private final ClosingDesk desk;

	private final ParticipantStartPage participantPage;

	ClosingController(Trajectories trajectories, ClosingDesk desk, ParticipantStartPage participantPage) {
		this.trajectories = trajectories;
		this.desk = desk;
		this.participantPage = participantPage;
	}

	/**
	 * The participant's reaction. The start page has a card per trajectory: what is said goes with the
	 * trajectory's id to its own card, and the page opens there (on a phone it is far down, and a
	 * status already on the page when it loads is not read out). A refused reaction comes back with
	 * the page (decision 0139, amended), at its card, whose list takes the focus: too long is 422, in its
	 * field to shorten; no summary yet, the trajectory ended, or a reaction saved since the form was shown (in another
	 * tab or by mail: its {@code reactionBase}, decision 0146) or a change of the summary sent since (its {@code summaryBase}: the
	 * reaction would answer words no longer there) is the state in the way, 409, the newest reaction shown
	 * and the words kept in the field to send again, or to copy once no field is left: the coach may have completed the
	 * trajectory while it was typed.
	 */
	@Audited(value = AuditAction.READ, trajectory = Audited.SAID_BY_THE_ROUTE)
	@PostMapping("/participant/closing")
	String react(@AuthenticationPrincipal SignedInAccount me, @RequestParam UUID trajectory,
			@RequestParam(defaultValue = "") String reaction, @RequestParam(required = false) String reactionBase,
			@RequestParam(required = false) String summaryBase, Locale locale,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		reaction = oneCharacterLineEnds(reaction);
		TrajectoryOverview own = trajectories.byId(trajectory)
			.filter(t -> me.id().equals(t.participantId()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		// Ended first: from a tab opened before the end the field is gone, and a list pointing at it was no help.
		if (ClosingDesk.open(own) && reaction.length() > MAX_REACTION) {
			RefusedForm.shownAgain();
			return refused(me, trajectory, "closing.error.reaction", reaction, locale, request, model);
		}
		Reacted outcome = ClosingDesk.open(own) ? desk.react(own, me.id(), reaction, reactionBase, summaryBase) : Reacted.ENDED;
		if (outcome == Reacted.KEPT) {
			redirect.addFlashAttribute("reactionSaved", trajectory);
			// Optional, so an empty one is taken away: "saved" said nothing was lost where a reaction was.
			redirect.addFlashAttribute("reactionEmptied", reaction.isBlank());
			return "redirect:/participant#reaction-saved-" + trajectory;
		}
		RefusedForm.stateInTheWay();
		model.addAttribute("reactionStateInTheWay", Boolean.TRUE);
		String problem = switch (outcome) {
			case NO_SUMMARY -> "closing.error.noSummary";
			case OVERTAKEN -> "closing.error.reactionOvertaken";
			case SUMMARY_CHANGED -> "closing.error.summaryChanged";
			default -> "closing.error.ended";
		};
		return refused(me, trajectory, problem, reaction, locale, request, model);
	}

	/** A browser sends a line end as two characters where the field's maxlength counted one: text it let through was refused. */
	private static String oneCharacterLineEnds(String text) {
		return text.replace("\r\n", "\n");
	}

	/**
	 * The participant's page as it stands now, with the refusal at the card reacted to and the words given back, in
	 * the language of their own words as saved ones are (decision 0097, amended): not the saved text's, which the
	 * typed words may not be in. None where they do not tell, or are the page's.
	 */
	private String refused(SignedInAccount me, UUID trajectory, String problem, String reaction, Locale locale,
			HttpServletRequest request, Model model) {
		model.addAttribute("reactionProblem", problem);
		model.addAttribute("reactionFor", trajectory);
		model.addAttribute("reactionTyped", reaction);
		String lang = LetterLanguage.langOn(reaction, locale);
		if (lang != null) {
			model.addAttribute("reactionTypedLang", lang);
		}
		return participantPage.drawn(me.id(), locale, model, request);
	}
}
