package nl.briefwissel.evaluation;

import org.springframework.stereotype.Component;

/**
 * Whether the demo data written in the background is there yet (decision 0118), for the sign-in page:
 * a demo account that signs in before its data is written would be told its password is wrong.
 */
@Component
@org.springframework.context.annotation.Profile("!production")
class DemoProgress {

	/** Where the demo data stands: there from the start when it is written before the application is ready. */
	enum Stage {
		WRITING, WRITTEN, FAILED
	}

	private volatile Stage stage = Stage.WRITTEN;

	void writing() {
		stage = Stage.WRITING;
	}

	void written() {
		stage = Stage.WRITTEN;
	}

	void failed() {
		stage = Stage.FAILED;
	}

	Stage stage() {
		return stage;
	}
}
