package io.github.informer.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Watches Pods, Deployments and Nodes of the configured cluster, or of an embedded fake cluster when none is
 * configured (see {@link io.github.informer.sample.cluster.EmbeddedClusterInitializer}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
