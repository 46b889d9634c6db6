package nl.briefwissel.conversation;

import java.time.LocalDate;

import nl.briefwissel.trajectory.TrajectoryOverview;

/**
 * When a passed contact moment without a letter of the participant is not theirs to have missed. One
 * rule for the reminder the participant gets and for what the coach's workspace and digest say: the
 * workspace said "was needed on Wednesday" where no reminder went, and the coach chased a moment that
 * was not missed.
 */
final class MissedMoments {

	private MissedMoments() {
	}

	/**
	 * The coach answered late, on or after the moment's day: the participant's turn starts with that
	 * letter. Or a pause began after the moment (it moved only the later ones): back from the break, a
	 * moment from before it is not the one to chase.
	 */
	static boolean excused(TrajectoryOverview trajectory, Messages.Activity activity, LocalDate due, LocalDate today) {
		if (activity.lastCoach() != null && !activity.lastCoach().toLocalDate().isBefore(due)) {
			return true;
		}
		return trajectory.pauses().stream().anyMatch(pause -> pause.from().isAfter(due) && !pause.from().isAfter(today));
	}
}
