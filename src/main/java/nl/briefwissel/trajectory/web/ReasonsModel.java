package nl.briefwissel.trajectory.web;

import java.util.List;

import nl.briefwissel.trajectory.Reason;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The reasons a coach can choose from, for the lifecycle forms on whichever page shows them. */
@ControllerAdvice
class ReasonsModel {

	@ModelAttribute("reasons")
	List<Reason> reasons() {
		return Reason.forLifecycle();
	}

	@ModelAttribute("declineReasons")
	List<Reason> declineReasons() {
		return Reason.forDeclining();
	}
}
