package io.github.informer.reliability;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts real applications (auto-configuration, web server, Actuator) for the reliability tests, as users run them:
 * readiness group with the informers, health details shown, the informers endpoint exposed.
 */
final class ReliabilityApps {

	private ReliabilityApps() {
	}

	/**
	 * Run a web application on a random port.
	 * @param sources extra configuration classes (handlers), may be empty
	 * @param arguments {@code name=value} properties
	 * @return the running context
	 */
	static ConfigurableApplicationContext web(List<Class<?>> sources, String... arguments) {
		List<Class<?>> all = new ArrayList<>(List.of(WebApplication.class));
		all.addAll(sources);
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,informers",
				"--management.endpoint.health.show-details=always",
				"--management.endpoint.health.group.readiness.include=readinessState,informers"));
		for (String argument : arguments) {
			args.add("--" + argument);
		}
		return new SpringApplicationBuilder(all.toArray(Class<?>[]::new)).web(WebApplicationType.SERVLET)
			.logStartupInfo(false)
			.run(args.toArray(String[]::new));
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** The live threads whose names start with {@code informer-}. */
	static List<String> informerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("informer-"))
			.sorted()
			.toList();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebApplication {

	}

}
