package nl.briefwissel.account;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The steps of signing in, for the web security configuration: password (or a sign-in link),
 * then, where required, a code; the brakes on guessing around both.
 */
@Component
public class SignInSecurity {

	private static final Logger log = LoggerFactory.getLogger(SignInSecurity.class);

	/**
	 * The sign-in with a password: every attempt is counted before its password is checked, so that no more
	 * than the limit are checked at once, and a right one gives its count back (decision 0148).
	 */
	private static final String SIGN_IN = "/login";

	/** Requests that ask to sign in or to be sent something: these are the ones limited per address. */
	private static final Set<String> BRAKED = Set.of("/login", "/login/code", "/login/code/setup", "/login/link",
			"/password/forgot");

	/**
	 * The public intake form of every programme, limited as one kind of request: each one sent mails
	 * an address nobody has proven yet, so without a brake anyone could use us to mail strangers.
	 */
	private static final String PUBLIC_INTAKE = "/intake/programme/";

	/** The session attribute that keeps the address of a failed sign-in for the login page, once. */
	public static final String TYPED_EMAIL = "bw.login.email";

	/** The session attribute that keeps the lock that refused a sign-in or a code, for the sign-in page, once. */
	public static final String LOCK = "bw.login.lock";

	private static final Set<String> OPEN_WHILE_PENDING = Set.of("/login/code", "/login/code/setup", "/logout", "/error",
			"/privacy", "/accessibility");

	private final SecondFactors secondFactors;

	private final SignInAttempts attempts;

	private final SecurityContextRepository contexts = new DelegatingSecurityContextRepository(
			new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());

	private final RequestCache savedRequests = new HttpSessionRequestCache();

	private final ExternalSignIns externalSignIns;

	private final SingleSignOn singleSignOn;

	private final Accounts accounts;

	private final SessionLifetime lifetime;

	/**
	 * The web's own: the language a page is shown in (its cookie, else Dutch). The request's locale is
	 * not it here, before the web's dispatcher: that is the browser's Accept-Language.
	 */
	private final LocaleResolver languages;

	SignInSecurity(SecondFactors secondFactors, SignInAttempts attempts, ExternalSignIns externalSignIns,
			SingleSignOn singleSignOn, Accounts accounts, SessionLifetime lifetime, LocaleResolver languages) {
		this.languages = languages;
		this.secondFactors = secondFactors;
		this.attempts = attempts;
		this.externalSignIns = externalSignIns;
		this.singleSignOn = singleSignOn;
		this.accounts = accounts;
		this.lifetime = lifetime;
	}

	/** The session attribute that keeps the hash of the binding link asked for in this browser (decision 0095). */
	private static final String BINDING_LINK = "bw.sso.bindingLink";

	/** The session attribute that keeps the address a binding link was mailed to, for the page that says so. */
	public static final String BINDING_ADDRESS = "bw.sso.bindingAddress";

	/**
	 * After the organisation's provider vouched for someone: find their bound account, then on to the code
	 * where one is owed ({@link #codeOwedThroughProvider}). Anyone else is not signed in: every first sign-in
	 * ends on one page, and the address's owner confirms a mailed link in this browser (decisions 0095 and 0101).
	 */
	public AuthenticationSuccessHandler afterSingleSignOn() {
		return signedOutOnFailure((request, response, authentication) -> {
			OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
			UUID organisation = UUID.fromString(token.getAuthorizedClientRegistrationId());
			OidcUser user = (OidcUser) token.getPrincipal();
			var provider = singleSignOn.of(organisation);
			ExternalSignIns.Outcome outcome;
			try {
				outcome = externalSignIns.signIn(organisation, new ExternalSignIns.Vouched(String.valueOf(user.getIssuer()),
						provider.map(SingleSignOn.Provider::clientId).orElse(""),
						user.getSubject(), user.getEmail(), user.getEmailVerified(), user.getFullName(),
						provider.map(SingleSignOn.Provider::addressesVerified).orElse(false)), languages.resolveLocale(request));
			}
			catch (org.springframework.dao.DataIntegrityViolationException twoAtOnce) {
				// Two sign-ins at once binding one subject: the second is asked to try again.
				outcome = new ExternalSignIns.Outcome.Refused("failed");
			}
			if (outcome instanceof ExternalSignIns.Outcome.Refused refused) {
				SecurityContextHolder.clearContext();
				contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
				response.sendRedirect(request.getContextPath() + "/login?sso=" + refused.reason());
				return;
			}
			if (outcome instanceof ExternalSignIns.Outcome.ConfirmByMail mailed) {
				// Spring's filter stored the provider's sign-in in the session already: not signed in until confirmed.
				SecurityContextHolder.clearContext();
				contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
				var session = request.getSession();
				session.setAttribute(BINDING_ADDRESS, mailed.address());
				if (mailed.linkHash() != null) {
					session.setAttribute(BINDING_LINK, mailed.linkHash());
				}
				response.sendRedirect(request.getContextPath() + "/login/organisation/sent");
				return;
			}
			SignedInAccount who = ((ExternalSignIns.Outcome.SignedIn) outcome).account();
			inTheirLanguage(who, request, response);
			String next = codeOwedThroughProvider(who, organisation) ? askForCodeAndGo(who, request, response)
					: complete(who, request, response);
			response.sendRedirect(next.startsWith("/") ? request.getContextPath() + next : next);
		});
	}

	/**
	 * Whether someone who signed in through their organisation's provider still gives Briefwissel's code. When the
	 * provider asks a second factor itself, that keeps outsiders out, not whoever runs the provider: an account with
	 * an authenticator app is asked its code all the same; one without, whose role requires one, is let in without
	 * setting one up, as the administrator's tick says (decision 0095).
	 */
	private boolean codeOwedThroughProvider(SignedInAccount who, UUID organisation) {
		if (!secondFactors.required(who)) {
			return false;
		}
		boolean providerAsked = singleSignOn.of(organisation).map(SingleSignOn.Provider::providerAsksSecondFactor).orElse(false);
		return !providerAsked || secondFactors.status(who.id()).appConfirmed();
	}

	/**
	 * Whether this binding link was asked for in this browser: only there does it bind (decision 0095), so that
	 * the owner who presses a link they did not ask for binds nobody else's sign-in to their account.
	 */
	public boolean askedHere(String token, HttpServletRequest request) {
		var session = request.getSession(false);
		return session != null && LinkTokens.plausible(token) && session.getAttribute(BINDING_LINK) instanceof String hash
				&& java.security.MessageDigest.isEqual(hash.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
						LinkTokens.hash(token).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	/** After the owner confirmed a binding link: signed in as through the provider. Returns where to go next. */
	public String afterBinding(SignedInAccount who, UUID organisation, HttpServletRequest request,
			HttpServletResponse response) {
		var session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(BINDING_LINK);
			session.removeAttribute(BINDING_ADDRESS);
		}
		inTheirLanguage(who, request, response);
		return codeOwedThroughProvider(who, organisation) ? askForCodeAndGo(who, request, response)
				: complete(who, request, response);
	}

	public AuthenticationFailureHandler afterFailedSingleSignOn() {
		return (request, response, exception) -> response.sendRedirect(request.getContextPath() + "/login?sso=failed");
	}

	/**
	 * The button pressed, but no registration to send the person on with: the provider did not answer its
	 * discovery (SingleSignOnRegistrations logs which), or the organisation switched it off since the page was
	 * shown. Spring Security answered that with a bare 500; the login page says it cannot be done now instead.
	 */
	public AuthenticationFailureHandler singleSignOnUnavailable() {
		return (request, response, exception) -> {
			// What went wrong, for whoever runs it (no secret is in it); the person is told on the login page.
			log.warn("Single sign-on could not start: {}: {}", exception.getClass().getSimpleName(), exception.getMessage());
			response.sendRedirect(request.getContextPath() + "/login?sso=unavailable");
		};
	}

	/** The organisations whose provider the login page offers. */
	public java.util.List<SingleSignOn.Option> singleSignOnOptions() {
		return singleSignOn.options();
	}

	private String askForCodeAndGo(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		askForCode(who, request, response);
		return "/login/code";
	}

	/** Redirects as Spring's own sign-in handler does: a path within this application, an address as it is. */
	private static final org.springframework.security.web.RedirectStrategy REDIRECTS =
			new org.springframework.security.web.DefaultRedirectStrategy();

	/** After the right password: on to the code, or straight in when no code is required. */
	public AuthenticationSuccessHandler afterPassword() {
		return signedOutOnFailure((request, response, authentication) -> {
			// The right password: its network's count gives back the attempt it took (decision 0148).
			attempts.giveBack(SIGN_IN, request.getRemoteAddr());
			SignedInAccount who = (SignedInAccount) authentication.getPrincipal();
			boolean codeOwed = secondFactors.required(who);
			inTheirLanguage(who, request, response);
			if (codeOwed) {
				askForCode(who, request, response);
				response.sendRedirect(request.getContextPath() + "/login/code");
				return;
			}
			attempts.succeeded(who.id());
			lifetime.begin(request, who);
			onlyTheirOwnPage(who, request, response);
			// The page kept for this sign-in is used now: taken from the session, as complete() does. Spring's
			// handler leaves it there, and one named by a link (never asked for again) stayed for the whole session.
			SavedRequest saved = savedRequests.getRequest(request, response);
			savedRequests.removeRequest(request, response);
			var session = request.getSession(false);
			if (session != null) {
				session.removeAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION);
			}
			REDIRECTS.sendRedirect(request, response, saved == null ? "/" : saved.getRedirectUrl());
		});
	}

	/**
	 * Spring's sign-in filters put the full sign-in, with every role, into the session before they call
	 * the step after it. When that step failed (the database not answering whether a code is owed), the
	 * full sign-in stayed: in without the code. A step that fails leaves nobody signed in.
	 */
	private AuthenticationSuccessHandler signedOutOnFailure(AuthenticationSuccessHandler next) {
		return (request, response, authentication) -> {
			try {
				next.onAuthenticationSuccess(request, response, authentication);
			}
			catch (IOException | ServletException | RuntimeException failed) {
				SecurityContextHolder.clearContext();
				contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
				throw failed;
			}
		};
	}

	/**
	 * After signing out: the sign-in page, which says so. Someone without a password signs out to confirm it is
	 * them (decision 0051); their form names the page that asked ({@code next}), and the sign-in that follows in
	 * this browser goes back there, not to their start page (decision 0054).
	 */
	public LogoutSuccessHandler afterSignOut() {
		return (request, response, authentication) -> {
			String next = request.getParameter("next");
			if (returnableAfterSignOut(next)) {
				// Kept as the page asked for before signing in, where every way of signing in looks (Spring's
				// password step and complete() below), in the new session: the old one has just ended.
				request.getSession(true).setAttribute(SAVED_REQUEST, new SimpleSavedRequest(next));
			}
			response.sendRedirect(request.getContextPath() + "/login?logout");
		};
	}

	/** The page to go back to after signing in, named by a link to the sign-in page (only a path of this site). */
	static final String NEXT = "next";

	/**
	 * The areas of the site that belong to one role (as WebSecurity authorises them): a page named to go back
	 * to after signing in ({@code next}) in another role's area is dropped for the start page. Anyone can link
	 * to the sign-in page with any path, and the person who signs in next in a browser need not be the one who
	 * signed out there: they got "not for your role" instead of their start page.
	 */
	private static final Map<String, Role> AREAS = Map.of("/participant", Role.PARTICIPANT, "/coach", Role.COACH,
			"/programme", Role.PROGRAMME_MANAGER, "/admin", Role.ADMINISTRATOR);

	private void onlyTheirOwnPage(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		// Only the pages named by our own links (SimpleSavedRequest); one Spring saved on the way in is left as it was.
		if (savedRequests.getRequest(request, response) instanceof SimpleSavedRequest named
				&& !ofTheirRoles(named.getRedirectUrl(), who)) {
			savedRequests.removeRequest(request, response);
		}
	}

	/**
	 * Whether a page kept to go back to is one the sign-in or sign-out may keep, in no other role's area than the
	 * person's own. Both keep a page only as {@link #asWritten} takes it, so its text is the path the routes
	 * read: "/%61dmin" or "/participant/../admin" (which the routes read as "/admin") are never kept, and a
	 * page that is not written so is not theirs, whoever put it there.
	 */
	static boolean ofTheirRoles(String path, SignedInAccount who) {
		return returnableAfterSignOut(path) && areaOf(withoutQuery(withoutHeading(path)))
			.map(area -> holds(who, area) && !(area == Role.COACH && holds(who, Role.PROGRAMME_MANAGER)))
			.orElse(true);
	}

	/**
	 * Whether they hold the role. The coach's area is not a manager's own even beside the coach role (decision 0145,
	 * as WebSecurity closes it): a combined account named a coach's page landed on "not for your role".
	 */
	private static boolean holds(SignedInAccount who, Role role) {
		return who.getAuthorities().stream().anyMatch(held -> role.authority().equals(held.getAuthority()));
	}

	private static Optional<Role> areaOf(String path) {
		return AREAS.entrySet()
			.stream()
			.filter(area -> inArea(path, area.getKey()))
			.map(Map.Entry::getValue)
			.findFirst();
	}

	private static boolean inArea(String path, String area) {
		return path.equals(area) || path.startsWith(area + "/");
	}

	/**
	 * Whether a page may be named to go back to after signing in ({@code /login?next=}): a page of one role's
	 * area, as it is written ({@link #asWritten}). Anyone can link to the sign-in page with a {@code next};
	 * outside the areas it decided where the next sign-in in a browser lands (signing out, the sign-in page
	 * itself), and a reset or sign-in link's page would put a live token into the address bar, history and
	 * logs, and lead back to a used link.
	 */
	public static boolean returnableAfterSignIn(String path) {
		return asWritten(path) && areaOf(withoutQuery(path)).isPresent();
	}

	/**
	 * The pages of everyone's own account: the confirmation page of someone without a password signs out to
	 * come back to one (decision 0054), and every role has them.
	 */
	private static final String ACCOUNT = "/account";

	/**
	 * Whether the sign-out form may name a page to go back to after the sign-in that follows (decision 0054): a
	 * page as {@link #returnableAfterSignIn} takes one, or one of the account pages, at a heading of its own
	 * ("#codes-heading", as the confirmation page names it). The same check as the sign-in page's, so that no
	 * second reading of a path (decoding it, resolving its dot segments) is needed at the sign-in.
	 */
	static boolean returnableAfterSignOut(String path) {
		String page = withoutHeading(path);
		return returnableAfterSignIn(page) || asWritten(page) && inArea(withoutQuery(page), ACCOUNT);
	}

	/**
	 * A path of this site (see {@link #ownPath}) written as the routes read it: no "%" (decoded it could be
	 * another area), no ";" parameters, fragment, dot segments or "//", and no token in its query (a link's
	 * page, whose token would go along into the address bar and the session).
	 */
	private static boolean asWritten(String path) {
		if (!ownPath(path) || path.contains("%") || path.contains(";") || path.contains("#")) {
			return false;
		}
		int query = path.indexOf('?');
		if (query >= 0 && path.substring(query).toLowerCase(java.util.Locale.ROOT).contains("token")) {
			return false;
		}
		String bare = withoutQuery(path);
		for (String segment : bare.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return false;
			}
		}
		return !bare.contains("//");
	}

	private static String withoutQuery(String path) {
		int query = path.indexOf('?');
		return query < 0 ? path : path.substring(0, query);
	}

	/**
	 * The page without a heading to go to on it ("#" and an id of letters, digits and hyphens); anything else
	 * after a "#" stays, for {@link #asWritten} to refuse.
	 */
	private static String withoutHeading(String path) {
		int fragment = path == null ? -1 : path.indexOf('#');
		return fragment >= 0 && path.substring(fragment + 1).matches("[A-Za-z][A-Za-z0-9-]{0,60}")
				? path.substring(0, fragment) : path;
	}

	/** Where HttpSessionRequestCache keeps the page asked for before signing in. */
	private static final String SAVED_REQUEST = "SPRING_SECURITY_SAVED_REQUEST";

	/**
	 * A path of this site and nothing else. Anything a form sends can be changed, and a sign-in that then went
	 * to "//elsewhere", "https://elsewhere" or "/\elsewhere" (browsers read a backslash as a slash) would show
	 * someone else's page as the next step of ours: a place to ask for a password.
	 */
	static boolean ownPath(String path) {
		if (path == null || path.length() > 200 || !path.startsWith("/") || path.startsWith("//")) {
			return false;
		}
		for (char character : path.toCharArray()) {
			if (character == '\\' || character <= ' ' || character >= 0x7f) {
				return false;
			}
		}
		try {
			java.net.URI uri = new java.net.URI(path);
			return uri.getScheme() == null && uri.getRawAuthority() == null;
		}
		catch (java.net.URISyntaxException malformed) {
			return false;
		}
	}

	/** The session attribute that keeps the language chosen on a sign-in page, which wins over the account's. */
	private static final String CHOSEN_LANGUAGE = "bw.login.language";

	/**
	 * A sign-in page is shown (decision 0076). A language in its own address ({@code ?lang}: its switch, or a
	 * mail's link to it) is the person's choice for this sign-in. Without one it speaks the language of the page
	 * they were going to when they were sent here: a mail's link opened while signed out carries the reader's
	 * language, and Spring's redirect to this page dropped it.
	 */
	public void signInPageShown(HttpServletRequest request, HttpServletResponse response) {
		// The page someone was on when their sign-in expired (the expired form's page links here with it): where
		// signing in again goes, as after signing out (decision 0054). A path of this site only, never an address.
		String next = request.getParameter(NEXT);
		if (returnableAfterSignIn(next) && fromThisSiteOrUnsaid(request)) {
			request.getSession(true).setAttribute(SAVED_REQUEST, new SimpleSavedRequest(next));
		}
		String chosen = request.getParameter(LANGUAGE);
		if (chosen != null && !chosen.isBlank()) {
			request.getSession().setAttribute(CHOSEN_LANGUAGE, chosen);
			return;
		}
		SavedRequest saved = savedRequests.getRequest(request, response);
		String[] asked = saved == null ? null : saved.getParameterValues(LANGUAGE);
		if (asked != null && asked.length > 0 && !asked[0].isBlank()) {
			languages.setLocale(request, response, java.util.Locale.forLanguageTag(asked[0]));
		}
	}

	private static final String LANGUAGE = "lang";

	/**
	 * Whether the browser says the link to the sign-in page was followed on a page of this site (Sec-Fetch-Site
	 * same-origin), or says nothing (an older browser). Another site, a neighbouring subdomain, or an address
	 * typed or opened from a mail (none), could otherwise choose where the next sign-in in this browser lands:
	 * the sign-in works the same, on to the start page.
	 */
	private static boolean fromThisSiteOrUnsaid(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		return site == null || "same-origin".equalsIgnoreCase(site);
	}

	/**
	 * Signed in (the first step): the pages speak the language the account saved, the one its mails come in,
	 * over whatever this browser last showed, unless the person chose one on the sign-in page itself. A
	 * browser without a language cookie showed Dutch, whatever the account said (decision 0076).
	 */
	private void inTheirLanguage(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		var session = request.getSession(false);
		if (session != null && session.getAttribute(CHOSEN_LANGUAGE) != null) {
			session.removeAttribute(CHOSEN_LANGUAGE);
			return;
		}
		if (who.language() != null) {
			languages.setLocale(request, response, who.language());
		}
	}

	public AuthenticationFailureHandler afterWrongPassword() {
		return (request, response, exception) -> {
			String email = request.getParameter("email");
			boolean plausible = email != null && email.length() <= 320;
			if (plausible) {
				// The address is filled in again, without putting it in the address bar (or a log).
				request.getSession().setAttribute(TYPED_EMAIL, email);
			}
			if (exception instanceof LockedException || plausible && attempts.lockedWithoutAccount(email)) {
				if (plausible) {
					// How long yet, as the lock in force: a lock of wrong codes lasts longer than the configured one.
					request.getSession().setAttribute(LOCK, attempts.lockOf(email));
				}
				response.sendRedirect(request.getContextPath() + "/login?locked");
				return;
			}
			if (plausible) {
				attempts.failed(email);
			}
			response.sendRedirect(request.getContextPath() + "/login?error");
		};
	}

	/**
	 * The path as the routes see it: decoded. The raw one let "/logi%6e" reach the sign-in past its
	 * limit, since Spring decodes it to "/login" before it picks the handler.
	 */
	static String decodedPath(HttpServletRequest request) {
		return org.springframework.web.util.UrlPathHelper.defaultInstance.getPathWithinApplication(request);
	}

	/** Limits sign-in, code and mail requests, and public intake forms, per network address. */
	public Filter brakes() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String path = decodedPath(request);
				if ("POST".equals(request.getMethod()) && path.startsWith(PUBLIC_INTAKE)
						&& !attempts.allow(PUBLIC_INTAKE, request.getRemoteAddr())) {
					// The error page, not a redirect to the form: a redirect would drop the question, while
					// the browser's back button usually still has it.
					response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
					return;
				}
				if ("POST".equals(request.getMethod()) && BRAKED.contains(path)
						&& !attempts.allow(path, request.getRemoteAddr())) {
					String page = "/login/link".equals(path) ? "/login" : path;
					response.sendRedirect(request.getContextPath() + page + "?throttled");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * The sign-in form sent with its address or password empty: said at the field before any account is looked up
	 * (an empty field tells nothing about an account), and not counted as a failed attempt. Spring Security's filter
	 * would look the empty address up and answer with the one sentence of a wrong password. The page is asked for
	 * with the empty fields named; the typed address comes back as after a wrong password.
	 */
	public Filter emptyFieldsFirst() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (!"POST".equals(request.getMethod()) || !"/login".equals(decodedPath(request))) {
					chain.doFilter(request, response);
					return;
				}
				String email = request.getParameter("email");
				boolean noEmail = email == null || email.isBlank();
				boolean noPassword = request.getParameter("password") == null || request.getParameter("password").isEmpty();
				if (!noEmail && !noPassword) {
					chain.doFilter(request, response);
					return;
				}
				if (!noEmail && email.length() <= 320) {
					request.getSession().setAttribute(TYPED_EMAIL, email);
				}
				String empty = noEmail && noPassword ? "both" : noEmail ? "email" : "password";
				response.sendRedirect(request.getContextPath() + "/login?empty=" + empty);
			}
		};
	}

	/**
	 * A second press of a sign-in link's button, moments after the first signed its account in (decision 0008,
	 * amended): answered before the form check. The sign-in gave the session a new id and a new form token, so a
	 * double click's second press (sent with the session from before) and a press after the back button both failed
	 * it, and the refusal made a new session whose cookie could replace the one the first press's answer brought.
	 * This answer needs no check: it changes nothing, signs no one in and makes no session. Any other press, of a
	 * link that works or one ended any other way, goes on to the check and the link's page as before.
	 */
	public Filter linkPressedAgain(SignInLinks links) {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				Optional<UUID> signedIn = "POST".equals(request.getMethod())
						&& "/login/link/use".equals(decodedPath(request))
								? links.justSignedIn(request.getParameter("token")) : Optional.empty();
				if (signedIn.isPresent()) {
					response.sendRedirect(request.getContextPath() + afterLinkPressedAgain(signedIn.get()));
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * Where a second press of a sign-in link's button goes, moments after the first signed {@code account} in: a
	 * browser signed in as that account to its start (or to the code it still owes), any other to the sign-in page,
	 * which says the link was just used (and sends a browser that is signed in by now to its start).
	 */
	public String afterLinkPressedAgain(UUID account) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof PendingSecondFactor pending) {
			return pending.getPrincipal().id().equals(account) ? "/login/code" : "/login?linkUsed";
		}
		boolean asThatAccount = authentication != null && authentication.isAuthenticated()
				&& authentication.getPrincipal() instanceof SignedInAccount who && account.equals(who.id());
		return asThatAccount ? "/" : "/login?linkUsed";
	}

	/** Someone who still owes their code sees only the code page, whatever address they open. */
	public Filter codeFirst() {
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				String path = decodedPath(request);
				if (pending().isPresent() && !OPEN_WHILE_PENDING.contains(path) && !isAsset(path)) {
					response.sendRedirect(request.getContextPath() + "/login/code");
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/** Signed in with every factor this person needs. */
	public AuthorizationManager<RequestAuthorizationContext> fullySignedIn() {
		return AuthorizationManagers.allOf(AuthenticatedAuthorizationManager.authenticated(),
				AuthorizationManagers.not(AuthorityAuthorizationManager.hasAuthority(PendingSecondFactor.AUTHORITY)));
	}

	/** The person who gave the first factor and owes the code, if that is the current state. */
	public Optional<SignedInAccount> pending() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication instanceof PendingSecondFactor pending ? Optional.of(pending.getPrincipal())
				: Optional.empty();
	}

	/** After a sign-in link: like after a password. Returns where to go next. */
	public String afterLink(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		boolean codeOwed = secondFactors.required(who);
		inTheirLanguage(who, request, response);
		if (codeOwed) {
			askForCode(who, request, response);
			return "/login/code";
		}
		return complete(who, request, response);
	}

	/**
	 * Signs the person in with all their roles, under a new session id, and says where to go: the
	 * page they first asked for, or their start page.
	 */
	public String complete(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		store(UsernamePasswordAuthenticationToken.authenticated(who, null, who.getAuthorities()), request, response);
		lifetime.begin(request, who);
		attempts.succeeded(who.id());
		onlyTheirOwnPage(who, request, response);
		SavedRequest saved = savedRequests.getRequest(request, response);
		savedRequests.removeRequest(request, response);
		return saved == null ? "/" : saved.getRedirectUrl();
	}

	/**
	 * The signed-in person's roles changed while they work (an administrator took one from themselves):
	 * their other sessions end, as anyone's do when a role is taken back, and this one goes on with the
	 * roles they hold now. A session's roles are those of its sign-in, so it kept the role otherwise.
	 * Not a new sign-in: the session keeps its end ({@link SessionLifetime}).
	 */
	public void rolesChanged(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		accounts.endSessionsBut(who.id(), request.getSession().getId());
		accounts.byId(who.id())
			.map(account -> new SignedInAccount(account, null, who.passwordChangedAt(), false))
			.ifPresent(now -> store(UsernamePasswordAuthenticationToken.authenticated(now, null, now.getAuthorities()),
					request, response));
	}

	/**
	 * Ends the session of someone whose account is now locked, and keeps the lock for the sign-in page
	 * in the session that follows. Returns where to go.
	 */
	public String lockedOut(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		SignInAttempts.Lock lock = attempts.lockOf(who.id()).orElseGet(attempts::configuredLock);
		new SecurityContextLogoutHandler().logout(request, response, null);
		request.getSession().setAttribute(LOCK, lock);
		return "/login?locked";
	}

	private void askForCode(SignedInAccount who, HttpServletRequest request, HttpServletResponse response) {
		store(new PendingSecondFactor(who), request, response);
		lifetime.begin(request, who);
	}

	private void store(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		// A new session id at every change of who someone is: a session id fixed beforehand is worthless.
		request.getSession(true);
		request.changeSessionId();
		// And a new form token: the session's attributes go along with the new id, and a token known from
		// before the sign-in (a session planted by a neighbouring site) would still pass every form.
		// Spring's password and single sign-on filters do this themselves; a link and a code do not.
		NEW_FORM_TOKEN.onAuthentication(authentication, request, response);
		contexts.saveContext(context, request, response);
	}

	private static final org.springframework.security.web.csrf.CsrfAuthenticationStrategy NEW_FORM_TOKEN =
			new org.springframework.security.web.csrf.CsrfAuthenticationStrategy(
					new org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository());

	/** A style sheet, script or icon: never a page of its own, so no sign-in rule of a page applies to it. */
	static boolean isAsset(String path) {
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/vendor/")
				|| path.startsWith("/webjars/") || path.equals("/favicon.ico");
	}
}
