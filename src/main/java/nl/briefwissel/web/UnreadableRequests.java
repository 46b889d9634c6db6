package nl.briefwissel.web;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A request the servlet container cannot read never reaches the application or its error pages: an
 * address with a stray or encoded character (a link a mail client cut off or changed) or headers too
 * large. Tomcat answered with its own bare English "HTTP Status 400". Here the person gets a page that
 * says what happened and leads on, in Dutch and English together: no language can be read from a
 * request nobody could read. When the application's own error page fails too (its session lives in the
 * database, so a database that is down takes it along), the container answers a 5xx here as well:
 * with the application's sentence for that, not with the one about an unreadable address.
 */
@Component
class UnreadableRequests implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final String unreadable;

	private final String failed;

	UnreadableRequests(MessageSource texts) {
		this.unreadable = page(texts, "error.unreadable.title", "error.unreadable.text");
		this.failed = page(texts, "error.500.title", "error.500.text");
	}

	/**
	 * The page for a status the container answers itself: 501 (a transfer coding it does not know) and
	 * 505 (an HTTP version it does not speak) are about the request too.
	 */
	String page(int status) {
		return status >= 500 && status != 501 && status != 505 ? failed : unreadable;
	}

	/** After Spring Boot's own customiser, which puts Tomcat's report (without its details) on the host. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			for (Valve valve : host.getPipeline().getValves()) {
				if (valve instanceof ErrorReportValve) {
					host.getPipeline().removeValve(valve);
				}
			}
			// Named, or the host adds Tomcat's report again when it starts, nearer the request, where it would answer first.
			if (host instanceof StandardHost standard) {
				standard.setErrorReportValveClass(Report.class.getName());
			}
			host.getPipeline().addValve(new Report(this::page));
		});
	}

	/** The page, made once: its texts from the messages, both languages, with the links the layout has. */
	private static String page(MessageSource texts, String title, String text) {
		Locale dutch = Languages.DUTCH;
		Locale english = Languages.ENGLISH;
		return """
				<!DOCTYPE html>
				<html lang="nl" class="voorbeeld-theme utrecht-document utrecht-document--surface">
				<head>
				  <meta charset="utf-8">
				  <meta name="viewport" content="width=device-width, initial-scale=1">
				  <title>%1$s · %7$s</title>
				  <link rel="stylesheet" href="/vendor/utrecht/index.css">
				  <link rel="stylesheet" href="/vendor/voorbeeld/theme.css">
				  <link rel="stylesheet" href="/css/briefwissel.css">
				</head>
				<body class="utrecht-body">
				<div class="utrecht-page">
				<main id="main" class="utrecht-page-content bw-narrow">
				  <h1 class="utrecht-heading-1">%1$s</h1>
				  <p class="utrecht-paragraph">%2$s</p>
				  <p class="utrecht-paragraph"><a class="utrecht-link" href="/">%3$s</a></p>
				  <div lang="en">
				    <h2 class="utrecht-heading-2">%4$s</h2>
				    <p class="utrecht-paragraph">%5$s</p>
				    <p class="utrecht-paragraph"><a class="utrecht-link" href="/?lang=en">%6$s</a></p>
				  </div>
				</main>
				</div>
				</body>
				</html>
				""".formatted(text(texts, title, dutch), text(texts, text, dutch), text(texts, "error.unreadable.home", dutch),
				text(texts, title, english), text(texts, text, english), text(texts, "error.unreadable.home", english),
				text(texts, "app.name", dutch));
	}

	private static String text(MessageSource texts, String key, Locale language) {
		return HtmlUtils.htmlEscape(texts.getMessage(key, null, language));
	}

	/**
	 * Tomcat's report, with the page above for its text. As Tomcat's own, it answers only a response in
	 * error that nothing has written to yet: what reaches the application gets the application's pages.
	 */
	static final class Report extends ErrorReportValve {

		private final IntFunction<String> page;

		Report(IntFunction<String> page) {
			this.page = page;
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
				return;
			}
			AtomicBoolean writable = new AtomicBoolean(false);
			response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
			if (!writable.get()) {
				return; // the connection is gone: nobody would read the page
			}
			try {
				response.setContentType("text/html");
				response.setCharacterEncoding("UTF-8");
				PrintWriter writer = response.getReporter();
				if (writer != null) {
					writer.write(page.apply(response.getStatus()));
					response.finishResponse();
				}
			}
			catch (java.io.IOException | IllegalStateException e) {
				// As Tomcat's own report: a page that cannot be written is left unwritten.
			}
		}
	}
}
