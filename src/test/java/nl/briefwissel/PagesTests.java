package nl.briefwissel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The page arithmetic every paged list shares: six controllers each had their own copy. */
class PagesTests {

	@Test
	void anEmptyListHasOneEmptyPage() {
		Pages empty = Pages.of(0, 3, 25);
		assertThat(empty).isEqualTo(new Pages(1, 1, 0, 25));
		assertThat(empty.offset()).isZero();
		assertThat(empty.limit()).isEqualTo(25);
		assertThat(empty.first()).isZero();
		assertThat(empty.last()).isZero();
	}

	@Test
	void aNumberBeforeTheFirstShowsTheFirst() {
		assertThat(Pages.of(60, 0, 25).page()).isEqualTo(1);
		assertThat(Pages.of(60, -4, 25).page()).isEqualTo(1);
		assertThat(Pages.of(60, Integer.MIN_VALUE, 25).offset()).isZero();
	}

	@Test
	void aNumberPastTheLastShowsTheLast() {
		Pages last = Pages.of(60, 999, 25);
		assertThat(last.page()).isEqualTo(3);
		assertThat(last.pages()).isEqualTo(3);
		assertThat(last.offset()).isEqualTo(50);
		assertThat(last.first()).isEqualTo(51);
		assertThat(last.last()).as("the last page holds what is left").isEqualTo(60);
		assertThat(Pages.of(60, Integer.MAX_VALUE, 25).page()).isEqualTo(3);
	}

	@Test
	void anExactMultipleHasNoEmptyPageAfterIt() {
		Pages second = Pages.of(50, 2, 25);
		assertThat(second.pages()).isEqualTo(2);
		assertThat(second.offset()).isEqualTo(25);
		assertThat(second.first()).isEqualTo(26);
		assertThat(second.last()).isEqualTo(50);
		assertThat(Pages.of(50, 3, 25).page()).isEqualTo(2);
		assertThat(Pages.of(51, 3, 25).pages()).isEqualTo(3);
		assertThat(Pages.of(1, 1, 25).pages()).isEqualTo(1);
	}

	@Test
	void aPageInTheMiddleIsFull() {
		Pages middle = Pages.of(120, 2, 50);
		assertThat(middle.offset()).isEqualTo(50);
		assertThat(middle.first()).isEqualTo(51);
		assertThat(middle.last()).isEqualTo(100);
	}

	@Test
	void aPageOutsideItsListIsNotMade() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Pages(3, 2, 50, 25));
		assertThatIllegalArgumentException().isThrownBy(() -> new Pages(0, 1, 0, 25));
		assertThatIllegalArgumentException().isThrownBy(() -> Pages.of(10, 1, 0));
	}
}
