package nl.briefwissel.housestyle.web;

import nl.briefwissel.housestyle.HouseStyles;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class HouseStyleWebConfiguration implements WebMvcConfigurer {

	private final HouseStyles houseStyles;

	HouseStyleWebConfiguration(HouseStyles houseStyles) {
		this.houseStyles = houseStyles;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new PageHouseStyle(houseStyles)).excludePathPatterns("/css/**", "/js/**", "/vendor/**",
				"/webjars/**", "/house-style/**");
	}
}
