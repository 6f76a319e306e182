package io.github.informer.benchmarks.run;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A minimal Spring Boot application, started once per JVM: with the starter ({@code --starter true}: one Pod informer,
 * start-up waits for its sync and fails if it times out) or without it (the runner removes the starter's
 * auto-configuration from the class path). Reports how long {@code SpringApplication.run} took and the JVM's uptime
 * when it returned.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupRun {

	public static void main(String[] args) {
		Arguments arguments = new Arguments(args);
		boolean starter = Boolean.parseBoolean(arguments.get("starter"));
		SpringApplication application = new SpringApplication(StartupRun.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.level.root", "WARN");
		if (starter) {
			properties.put("kubernetes.informers.client.url", arguments.get("url"));
			properties.put("kubernetes.informers.resources.pods.api-version", "v1");
			properties.put("kubernetes.informers.resources.pods.kind", "Pod");
			properties.put("kubernetes.informers.resources.pods.namespaces", arguments.get("namespace"));
			properties.put("kubernetes.informers.startup.fail-on-timeout", "true");
		}
		application.setDefaultProperties(properties);
		long start = System.nanoTime();
		ConfigurableApplicationContext context = application.run();
		double contextMillis = (System.nanoTime() - start) / 1e6;
		long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
		Report report = new Report().put("side", starter ? "starter" : "without-starter")
			.put("contextMillis", contextMillis)
			.put("jvmMillis", jvmMillis)
			.put("beans", context.getBeanDefinitionCount());
		context.close();
		report.print(System.out);
		System.exit(0);
	}

}
