package nl.briefwissel.trajectory.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import nl.briefwissel.account.SignedInAccount;
import nl.briefwissel.organisation.Programme;
import nl.briefwissel.organisation.Programmes;
import nl.briefwissel.trajectory.Trajectories;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start pages of participants, coaches and programme managers. Each shows only what belongs
 * to the signed-in person: their own trajectory, the trajectories they coach, or the programmes
 * of their organisation as counts.
 */
@Controller
class StartPagesController {

	private final Trajectories trajectories;

	private final Programmes programmes;

	private final Clock clock;

	StartPagesController(Trajectories trajectories, Programmes programmes, Clock clock) {
		this.trajectories = trajectories;
		this.programmes = programmes;
		this.clock = clock;
	}

	@GetMapping("/participant")
	String participant(@AuthenticationPrincipal SignedInAccount me, Model model) {
		model.addAttribute("trajectories", trajectories.ofParticipant(me.id()));
		model.addAttribute("today", LocalDate.now(clock));
		return "trajectory/participant";
	}

	@GetMapping("/programme")
	String programmeManager(@AuthenticationPrincipal SignedInAccount me, Model model) {
		List<ProgrammeCounts> overview = programmes.ofOrganisation(me.organisationId())
			.stream()
			.map(programme -> new ProgrammeCounts(programme, trajectories.countByStatus(programme.id())))
			.toList();
		model.addAttribute("programmes", overview);
		return "trajectory/programme";
	}

	record ProgrammeCounts(Programme programme, java.util.Map<nl.briefwissel.trajectory.TrajectoryStatus, Long> counts) {
	}
}
