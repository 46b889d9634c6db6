package nl.briefwissel;

/**
 * Where a paged list stands: the page shown ({@link PageNumber} reads the one asked for), of how many, and
 * which of how many items it holds. A list always has a page, the first of an empty one; a number before
 * the first or past the last shows the first or the last, so that an outdated address still finds a list.
 *
 * @param page the page shown, from one
 * @param pages how many there are, at least one
 * @param total how many items the whole list holds
 * @param perPage how many items a page holds at most
 */
public record Pages(int page, int pages, long total, int perPage) {

	public Pages {
		if (perPage < 1 || total < 0 || pages < 1 || page < 1 || page > pages) {
			throw new IllegalArgumentException("not a page of a list: " + page + " of " + pages);
		}
	}

	/** The page {@code asked} for of a list of {@code total} items, {@code perPage} a page. */
	public static Pages of(long total, int asked, int perPage) {
		if (perPage < 1) {
			throw new IllegalArgumentException("a page holds at least one: " + perPage);
		}
		int pages = (int) Math.max(1, (Math.max(total, 0) + perPage - 1) / perPage);
		return new Pages(Math.min(Math.max(asked, 1), pages), pages, Math.max(total, 0), perPage);
	}

	/** How many items come before this page: what a query passes over. */
	public int offset() {
		return (page - 1) * perPage;
	}

	/** The most items this page shows: what a query reads. */
	public int limit() {
		return perPage;
	}

	/** The number of the first item on this page, counting from one; 0 of an empty list. */
	public long first() {
		return total == 0 ? 0 : offset() + 1;
	}

	/** The number of the last item on this page, counting from one; 0 of an empty list. */
	public long last() {
		return Math.min(total, (long) page * perPage);
	}
}
