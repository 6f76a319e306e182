package io.github.informer.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample at development time against the {@link DevelopmentCluster} (a fake API server seeded from
 * {@code src/test/resources/dev-cluster.yaml}) instead of its own embedded cluster or a real one: run
 * {@code mvn spring-boot:test-run} in {@code informer-sample-app}, or this main from an IDE.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main)
			.with(DevelopmentCluster.class)
			.withAdditionalProfiles("dev-cluster")
			.run(args);
	}

}
