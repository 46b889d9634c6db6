package nl.briefwissel.trajectory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import nl.briefwissel.account.Accounts;
import nl.briefwissel.audit.AuditedTrajectory;
import nl.briefwissel.organisation.Themes;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The participant's start page, a card per trajectory: drawn for its own address, and for a form on a card answered
 * with the page again (decision 0139), as the closing reaction is, whose module may not reach into this one's web
 * package. One place knows what the page reads, so a refused form shows the page as its address does.
 */
@Component
public class ParticipantStartPage {

	private final Trajectories trajectories;

	private final Accounts accounts;

	private final Clock clock;

	private final Themes themes;

	private final TrajectoryErasure erasure;

	/** The files the participant's application by mail came with: theirs to see and download on their own page. */
	private final Intakes intakes;

	/** An erasure they asked for and that waits: said in place of the day their conversation would be erased. */
	private final ErasureAsked erasureAsked;

	ParticipantStartPage(Trajectories trajectories, Accounts accounts, Clock clock, Themes themes, TrajectoryErasure erasure,
			Intakes intakes, ErasureAsked erasureAsked) {
		this.erasureAsked = erasureAsked;
		this.trajectories = trajectories;
		this.accounts = accounts;
		this.clock = clock;
		this.themes = themes;
		this.erasure = erasure;
		this.intakes = intakes;
	}

	/**
	 * Fills the page of {@code participantId} into the model and says on each trajectory's own trail that it was shown
	 * (its question and goals in their own words are content), for a route marked
	 * {@code @Audited(trajectory = Audited.SAID_BY_THE_ROUTE)} or without a trajectory in its address; gives the view.
	 */
	public String drawn(UUID participantId, Locale locale, Model model, HttpServletRequest request) {
		List<TrajectoryOverview> own = trajectories.ofParticipant(participantId);
		// On each trajectory's own trail, where its coach and an investigation look.
		AuditedTrajectory.shown(request, own.stream().map(TrajectoryOverview::id).toList());
		model.addAttribute("trajectories", own);
		model.addAttribute("themeLabels", themes.labels(own.stream().map(TrajectoryOverview::programmeId).toList(), locale));
		model.addAttribute("today", LocalDate.now(clock));
		model.addAttribute("fullTextAllowed", own.stream().collect(Collectors.toMap(TrajectoryOverview::id, TrajectoryOverview::lettersByMail)));
		model.addAttribute("wantsFullText", own.stream().collect(Collectors.toMap(TrajectoryOverview::id, t -> trajectories.wantsFullText(t.id()))));
		model.addAttribute("inOwnWords", own.stream().collect(Collectors.toMap(TrajectoryOverview::id, t -> trajectories.inOwnWords(t.id()))));
		model.addAttribute("mailLanguage", accounts.byId(participantId).map(account -> account.language().getLanguage()).orElse("nl"));
		// What they mailed with their application (a CV), as their coach sees it beside the question: their own files.
		model.addAttribute("applicationFiles", own.stream().collect(Collectors.toMap(TrajectoryOverview::id, t -> intakes.filesOfTrajectory(t.id()))));
		// An ended trajectory says until when its conversation can be re-read and downloaded: the day it is erased.
		Map<UUID, LocalDate> keptUntil = new HashMap<>();
		erasure.keepingOf(participantId).stream().filter(kept -> kept.until() != null).forEach(kept -> keptUntil.put(kept.trajectoryId(), kept.until()));
		model.addAttribute("keptUntil", keptUntil);
		// Asked to be erased and not decided yet: not "kept until", but that it was asked and when they hear.
		// Past its day still waiting: not a promise of a mail by a day gone, but that it is late and where to turn.
		model.addAttribute("erasureWaiting", erasureAsked.waiting(participantId).orElse(null));
		return "trajectory/participant";
	}
}
