package nl.briefwissel;

/**
 * The page number a paged list's address asks for: anything that is not a number (an edited or
 * outdated address) is the first page, and the list places a number past its end on its last page.
 */
public final class PageNumber {

	private PageNumber() {
	}

	public static int of(String page) {
		try {
			return page == null ? 1 : Integer.parseInt(page.strip());
		}
		catch (NumberFormatException e) {
			return 1;
		}
	}
}
