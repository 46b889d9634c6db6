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
	}

	@Test
	void anExtensionAddsMomentsUpToTwelveWeeks() {
		Trajectory trajectory = in(TrajectoryStatus.RUNNING);
		trajectory.extend(2, Reason.MORE_TIME_NEEDED, null);
		assertThat(trajectory.plan().size()).isEqualTo(16);
		assertThat(trajectory.events()).singleElement().isEqualTo(
				new TrajectoryEvents.TrajectoryExtended(trajectory.id(), 2, 8, Reason.MORE_TIME_NEEDED));
		assertThatThrownBy(() -> trajectory.extend(5, Reason.MORE_TIME_NEEDED, null))
			.isInstanceOf(IllegalTransitionException.class)
			.satisfies(e -> assertThat(((IllegalTransitionException) e).messageKey()).isEqualTo("trajectory.illegal.extendWeeks"));
		assertThat(trajectory.totalWeeks()).isEqualTo(8);
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
			assertThatThrownBy(() -> trajectory.extend(1, Reason.OTHER, null)).isInstanceOf(IllegalTransitionException.class);
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
