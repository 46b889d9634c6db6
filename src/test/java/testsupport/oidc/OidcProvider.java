package testsupport.oidc;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server on a free port, with a
 * login form, one client and users whose user name is their e-mail address. It runs as an
 * application of its own, in a package outside {@code nl.briefwissel} so that Briefwissel's
 * component scan and module model never see it.
 */
public final class OidcProvider implements AutoCloseable {

	public static final String CLIENT_ID = "briefwissel";

	public static final String CLIENT_SECRET = "geheim-" + UUID.randomUUID();

	public static final String PASSWORD = "wachtwoord-bij-de-provider";

	private final ConfigurableApplicationContext context;

	private OidcProvider(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts the provider for a client whose redirect address is given, for these users. */
	public static OidcProvider start(String redirectUri, String... emails) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Provider.class)
			.web(WebApplicationType.SERVLET)
			.properties(Map.of("server.port", "0", "spring.config.name", "oidc-provider", "spring.main.banner-mode", "off",
					"provider.redirect-uri", redirectUri, "provider.users", String.join(",", emails),
					"server.servlet.session.cookie.name", "PROVIDER_SESSION"))
			.run();
		return new OidcProvider(context);
	}

	public String issuer() {
		return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@Override
	public void close() {
		context.close();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration.class,
			org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration.class,
			org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration.class,
			org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class,
			org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration.class,
			org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration.class,
			org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration.class })
	static class Provider {

		@Bean
		@Order(1)
		SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
			OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
			http.securityMatcher(server.getEndpointsMatcher())
				.with(server, as -> as.oidc(Customizer.withDefaults()))
				.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
				.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
				.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()));
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain login(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).formLogin(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService users(Environment environment) {
			InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
			for (String user : environment.getRequiredProperty("provider.users").split(",")) {
				users.createUser(User.withUsername(user.split("=")[0]).password("{noop}" + PASSWORD).roles("USER").build());
			}
			return users;
		}

		@Bean
		RegisteredClientRepository clients(Environment environment) {
			return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri(environment.getRequiredProperty("provider.redirect-uri"))
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.PROFILE)
				.scope(OidcScopes.EMAIL)
				.clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
				.build());
		}

		/**
		 * The subject is the user name. A user given as {@code login} has that address, verified; one
		 * given as {@code login=address=verified|unverified|unsaid} another address, whose email_verified
		 * claim is true, false or missing (as Microsoft Entra ID's).
		 */
		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(Environment environment) {
			Map<String, String[]> users = new java.util.HashMap<>();
			for (String user : environment.getRequiredProperty("provider.users").split(",")) {
				String[] parts = user.split("=");
				users.put(parts[0], new String[] { parts.length > 1 ? parts[1] : parts[0], parts.length > 2 ? parts[2] : "verified" });
			}
			return context -> {
				if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
					String[] user = users.get(context.getPrincipal().getName());
					context.getClaims().claim("email", user[0]).claim("name", "Sso " + user[0]);
					if (!"unsaid".equals(user[1])) {
						context.getClaims().claim("email_verified", "verified".equals(user[1]));
					}
				}
			};
		}

		@Bean
		JWKSource<SecurityContext> keys() throws Exception {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}

		@Bean
		JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
		}

		@Bean
		AuthorizationServerSettings settings() {
			return AuthorizationServerSettings.builder().build();
		}
	}
}
