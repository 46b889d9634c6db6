package nl.briefwissel.trajectory;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every transition of the aggregate: the legal ones change state and publish, the others are refused. */
class TrajectoryTests {

	private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

	private static final UUID COACH = UUID.randomUUID();

	private static Trajectory in(TrajectoryStatus status) {
		return new Trajectory(UUID.randomUUID(), status, COACH, MONDAY, null, 6, 2, 0, List.of());
	}

	@Test
	void aRunningTrajectoryPausesAndItsLaterMomentsMove() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		LocalDate before = trajectory.plan().dueDates().get(2);
		trajectory.pause(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16), Reason.PERSONAL_CIRCUMSTANCES, "ziek");

		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.PAUSED);
		assertThat(trajectory.plan().dueDates().get(2)).isAfter(before);
		assertThat(trajectory.events()).singleElement().isInstanceOf(TrajectoryEvents.TrajectoryPaused.class);
		assertThat(trajectory.transitions()).singleElement()
			.satisfies(t -> assertThat(t.reason()).isEqualTo("ziek"));
	}

	@Test
	void resumingEarlyGivesBackTheDaysNotUsed() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		trajectory.pause(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 23), Reason.NO_TIME, null);
		trajectory.resume(LocalDate.of(2026, 11, 16));
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(trajectory.pauses()).containsExactly(new Trajectory.Pause(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 16)));
		assertThat(trajectory.events()).hasSize(2).last().isInstanceOf(TrajectoryEvents.TrajectoryResumed.class);
		// Resuming asks for no reason: the change keeps none.
		assertThat(trajectory.transitions()).last().satisfies(t -> assertThat(t.code()).isNull());
	}

	@Test
	void anExtensionAddsMomentsUpToTwelveWeeks() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		trajectory.extend(MONDAY, 2, Reason.MORE_TIME_NEEDED, null);
		assertThat(trajectory.plan().size()).isEqualTo(16);
		assertThat(trajectory.events()).singleElement().isEqualTo(
				new TrajectoryEvents.TrajectoryExtended(trajectory.id(), 2, 8, Reason.MORE_TIME_NEEDED));
		assertThatThrownBy(() -> trajectory.extend(MONDAY, 5, Reason.MORE_TIME_NEEDED, null))
			.isInstanceOf(IllegalTransitionException.class)
			.satisfies(e -> assertThat(((IllegalTransitionException) e).messageKey()).isEqualTo("trajectory.illegal.extendWeeks"));
		assertThat(trajectory.totalWeeks()).isEqualTo(8);
	}

	/**
	 * Six weeks from Monday 2 November 2026: the last moment is Friday 11 December. Extended on Monday
	 * 21 December, the new weeks start that day (23, 28, 31 December, 5 January), not after
	 * 11 December (16, 18, 23, 28 December), which made the participant be reminded at once of a
	 * moment gone and the coach see it overdue.
	 */
	@Test
	void anExtensionAfterTheLastMomentStartsOnTheDayItIsMade() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		List<LocalDate> before = trajectory.plan().dueDates();
		assertThat(before.get(before.size() - 1)).isEqualTo(LocalDate.of(2026, 12, 11));
		LocalDate extendedOn = LocalDate.of(2026, 12, 21);

		trajectory.extend(extendedOn, 2, Reason.MORE_TIME_NEEDED, null);

		List<LocalDate> after = trajectory.plan().dueDates();
		assertThat(after).hasSize(16).startsWith(before.toArray(LocalDate[]::new));
		assertThat(after.subList(12, 16)).containsExactly(LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 28),
				LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 5));
		assertThat(trajectory.plan().currentOn(extendedOn)).as("nothing new is overdue").isEqualTo(13);
		// Kept as the pause the plan already applies, without being a pause to anyone.
		assertThat(trajectory.pauses()).containsExactly(new Trajectory.Pause(LocalDate.of(2026, 12, 12), extendedOn));
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(trajectory.events()).singleElement().isInstanceOf(TrajectoryEvents.TrajectoryExtended.class);
		assertThat(trajectory.transitions()).singleElement()
			.satisfies(t -> assertThat(t.to()).isEqualTo(TrajectoryStatus.RUNNING));

		// A second extension follows the new weeks, which are not behind.
		trajectory.extend(extendedOn, 1, Reason.MORE_TIME_NEEDED, null);
		assertThat(trajectory.plan().dueDates().subList(0, 16)).isEqualTo(after);
		assertThat(trajectory.pauses()).hasSize(1);
	}

	/** Extended before its last moment, a trajectory goes on in its rhythm: nothing is skipped. */
	@Test
	void anExtensionBeforeTheLastMomentFollowsIt() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		trajectory.extend(LocalDate.of(2026, 12, 11), 2, Reason.MORE_TIME_NEEDED, null);
		assertThat(trajectory.plan().dueDates().subList(12, 16)).containsExactly(LocalDate.of(2026, 12, 16),
				LocalDate.of(2026, 12, 18), LocalDate.of(2026, 12, 23), LocalDate.of(2026, 12, 28));
		assertThat(trajectory.pauses()).isEmpty();
	}

	/**
	 * Paused on Wednesday 16 December until 4 January, after the last moment (11 December), and
	 * extended during the pause: the new weeks start when the pause ends, not the days before it
	 * twice over. Resumed early, the pause under way is still the one shortened.
	 */
	@Test
	void anExtensionDuringAPauseAfterTheLastMomentStartsWhenThePauseEnds() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		LocalDate pausedOn = LocalDate.of(2026, 12, 16);
		trajectory.pause(pausedOn, LocalDate.of(2027, 1, 4), Reason.PERSONAL_CIRCUMSTANCES, null);

		trajectory.extend(LocalDate.of(2026, 12, 21), 2, Reason.MORE_TIME_NEEDED, null);

		assertThat(trajectory.plan().dueDates().subList(12, 16)).containsExactly(LocalDate.of(2027, 1, 6),
				LocalDate.of(2027, 1, 8), LocalDate.of(2027, 1, 13), LocalDate.of(2027, 1, 15));
		assertThat(trajectory.pauses()).last().isEqualTo(new Trajectory.Pause(pausedOn, LocalDate.of(2027, 1, 4)));

		trajectory.resume(LocalDate.of(2026, 12, 28));
		assertThat(trajectory.pauses()).containsExactly(new Trajectory.Pause(LocalDate.of(2026, 12, 12), pausedOn),
				new Trajectory.Pause(pausedOn, LocalDate.of(2026, 12, 28)));
		assertThat(trajectory.plan().dueDates().subList(12, 14)).as("from Monday 28 December, the day it runs again")
			.containsExactly(LocalDate.of(2026, 12, 30), LocalDate.of(2027, 1, 4));
	}

	/** A pause taken after the last moment and over before the extension counts its days once. */
	@Test
	void aPauseAfterTheLastMomentIsNotCountedTwiceByAnExtension() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		trajectory.pause(LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 16), Reason.PERSONAL_CIRCUMSTANCES, null);
		trajectory.resume(LocalDate.of(2026, 12, 16));

		trajectory.extend(LocalDate.of(2026, 12, 21), 2, Reason.MORE_TIME_NEEDED, null);

		assertThat(trajectory.plan().dueDates().subList(12, 16)).containsExactly(LocalDate.of(2026, 12, 23),
				LocalDate.of(2026, 12, 28), LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 5));
		assertThat(trajectory.pauses()).containsExactly(new Trajectory.Pause(LocalDate.of(2026, 12, 12), LocalDate.of(2026, 12, 21)));
	}

	/**
	 * Accepted on 30 November 2026 to start on Monday 4 January 2027, and paused at once until
	 * 11 January: only the week from the start counts, so the first moment moves from 6 to 13
	 * January, not to mid-February by the five weeks before the start. A pause over before the start
	 * moves nothing; the overview plans the same.
	 */
	@Test
	void onlyThePausedDaysFromTheStartMoveTheMoments() {
		LocalDate start = LocalDate.of(2027, 1, 4);
		Trajectory trajectory = new Trajectory(UUID.randomUUID(), TrajectoryStatus.INTAKE, null, null, null, 6, 2, 0, List.of());
		trajectory.propose(COACH);
		trajectory.accept(COACH, start, 6, 2);
		assertThat(trajectory.plan().dueDates()).first().isEqualTo(LocalDate.of(2027, 1, 6));

		trajectory.pause(LocalDate.of(2026, 11, 30), LocalDate.of(2027, 1, 11), Reason.PERSONAL_CIRCUMSTANCES, null);

		assertThat(trajectory.plan().dueDates()).startsWith(LocalDate.of(2027, 1, 13), LocalDate.of(2027, 1, 15));
		assertThat(overview(trajectory).plan()).contains(trajectory.plan());

		Trajectory before = new Trajectory(UUID.randomUUID(), TrajectoryStatus.RUNNING, COACH, start, null, 6, 2, 0,
				List.of(new Trajectory.Pause(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 14)),
						new Trajectory.Pause(LocalDate.of(2026, 12, 21), start)));
		assertThat(before.plan()).isEqualTo(ContactMomentPlan.of(start, 6, 2));
		assertThat(overview(before).plan()).contains(ContactMomentPlan.of(start, 6, 2));
	}

	private static TrajectoryOverview overview(Trajectory trajectory) {
		return new TrajectoryOverview(trajectory.id(), null, null, null, null, null, trajectory.coachId(), null, null,
				trajectory.status(), null, trajectory.startedOn(), null, trajectory.weeks(), trajectory.momentsPerWeek(),
				trajectory.extraWeeks(), trajectory.pauses(), 2, null, true);
	}

	@Test
	void completeAndStopEndTheTrajectory() {
		Trajectory completed = in(TrajectoryStatus.RUNNING);
		completed.complete(MONDAY.plusWeeks(6), Reason.QUESTION_ANSWERED, null);
		assertThat(completed.status()).isEqualTo(TrajectoryStatus.COMPLETED);
		assertThat(completed.endedOn()).isEqualTo(MONDAY.plusWeeks(6));

		Trajectory stopped = in(TrajectoryStatus.PAUSED);
		stopped.stop(MONDAY.plusWeeks(2), Reason.NO_RESPONSE, null);
		assertThat(stopped.status()).isEqualTo(TrajectoryStatus.STOPPED);
		assertThat(stopped.events()).singleElement().isInstanceOf(TrajectoryEvents.TrajectoryStopped.class);

		Trajectory intake = in(TrajectoryStatus.INTAKE);
		intake.stop(MONDAY, Reason.OTHER_FORM_OF_COACHING, null);
		assertThat(intake.status()).isEqualTo(TrajectoryStatus.STOPPED);
	}

	@Test
	void illegalTransitionsAreRefusedAndChangeNothing() {
		Trajectory paused = in(TrajectoryStatus.PAUSED);
		assertThatThrownBy(() -> paused.pause(MONDAY, MONDAY.plusDays(7), Reason.OTHER, null))
			.isInstanceOf(IllegalTransitionException.class);
		Trajectory running = in(TrajectoryStatus.RUNNING);
		assertThatThrownBy(() -> running.resume(MONDAY)).isInstanceOf(IllegalTransitionException.class);
		assertThatThrownBy(() -> running.pause(MONDAY, MONDAY, Reason.OTHER, null)).isInstanceOf(IllegalTransitionException.class);
		assertThatThrownBy(() -> running.pause(MONDAY, LocalDate.of(9999, 12, 31), Reason.OTHER, null))
			.isInstanceOf(IllegalTransitionException.class)
			.satisfies(e -> assertThat(((IllegalTransitionException) e).messageKey()).isEqualTo("trajectory.illegal.pauseLength"));
		assertThat(running.status()).isEqualTo(TrajectoryStatus.RUNNING);
		for (TrajectoryStatus ended : List.of(TrajectoryStatus.COMPLETED, TrajectoryStatus.STOPPED)) {
			Trajectory trajectory = in(ended);
			assertThatThrownBy(() -> trajectory.complete(MONDAY, Reason.OTHER, null)).isInstanceOf(IllegalTransitionException.class);
			assertThatThrownBy(() -> trajectory.stop(MONDAY, Reason.OTHER, null)).isInstanceOf(IllegalTransitionException.class);
			assertThatThrownBy(() -> trajectory.extend(MONDAY, 1, Reason.OTHER, null)).isInstanceOf(IllegalTransitionException.class);
			assertThat(trajectory.status()).isEqualTo(ended);
			assertThat(trajectory.events()).isEmpty();
		}
		Trajectory intake = in(TrajectoryStatus.INTAKE);
		assertThatThrownBy(() -> intake.complete(MONDAY, Reason.OTHER, null)).isInstanceOf(IllegalTransitionException.class);
	}

	@Test
	void aProposedCoachAcceptsAndTheTrajectoryStartsInTheProgrammesRhythm() {
		Trajectory trajectory = new Trajectory(UUID.randomUUID(), TrajectoryStatus.INTAKE, null, null, null, 6, 2, 0, List.of());
		UUID coach = UUID.randomUUID();
		trajectory.propose(coach);
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.MATCHING);
		assertThatThrownBy(() -> trajectory.accept(UUID.randomUUID(), MONDAY, 8, 3))
			.isInstanceOf(IllegalTransitionException.class);
		trajectory.accept(coach, MONDAY, 8, 3);
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.RUNNING);
		assertThat(trajectory.plan().size()).isEqualTo(24);
		assertThat(trajectory.events()).containsExactly(new TrajectoryEvents.CoachProposed(trajectory.id(), coach),
				new TrajectoryEvents.TrajectoryStarted(trajectory.id(), coach, MONDAY));
		assertThatThrownBy(() -> trajectory.accept(coach, MONDAY, 8, 3)).isInstanceOf(IllegalTransitionException.class);
		assertThatThrownBy(() -> trajectory.propose(coach)).isInstanceOf(IllegalTransitionException.class);
	}

	@Test
	void aDeclineSendsTheIntakeBackToBeMatchedAgain() {
		Trajectory trajectory = new Trajectory(UUID.randomUUID(), TrajectoryStatus.INTAKE, null, null, null, 6, 2, 0, List.of());
		UUID coach = UUID.randomUUID();
		assertThatThrownBy(() -> trajectory.decline(coach, Reason.COACH_FULL, null)).isInstanceOf(IllegalTransitionException.class);
		trajectory.propose(coach);
		trajectory.decline(coach, Reason.COACH_FULL, "Vol tot februari");
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.INTAKE);
		assertThat(trajectory.coachId()).isNull();
		assertThat(trajectory.transitions()).last()
			.isEqualTo(new Trajectory.Transition(TrajectoryStatus.MATCHING, TrajectoryStatus.INTAKE, Reason.COACH_FULL, "Vol tot februari"));
		assertThat(trajectory.events()).last().isEqualTo(new TrajectoryEvents.CoachDeclined(trajectory.id(), coach, Reason.COACH_FULL));
		trajectory.propose(UUID.randomUUID());
		assertThat(trajectory.status()).isEqualTo(TrajectoryStatus.MATCHING);
	}
}
