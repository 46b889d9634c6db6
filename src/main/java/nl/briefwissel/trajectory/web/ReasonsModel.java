package nl.briefwissel.trajectory.web;

import java.util.List;

import nl.briefwissel.trajectory.Reason;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The reasons a coach can choose from to decline a proposal, on whichever page shows it (the course page has its own per change). */
@ControllerAdvice
class ReasonsModel {

	@ModelAttribute("declineReasons")
	List<Reason> declineReasons() {
		return Reason.forDeclining();
	}
}
