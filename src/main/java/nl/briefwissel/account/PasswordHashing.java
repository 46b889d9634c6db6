package nl.briefwissel.account;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class PasswordHashing {

	/**
	 * Argon2id (OWASP's first choice) for every new hash; the {@code {id}} prefix in the stored
	 * hash lets us move to stronger parameters later without locking anyone out.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		String current = "argon2";
		return new DelegatingPasswordEncoder(current, Map.of(current,
				Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder()));
	}
}
