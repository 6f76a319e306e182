package io.github.informer.autoconfigure;

import io.github.informer.test.FakeKubernetesApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A fresh in-JVM API server per test and a context runner with the informer auto-configuration pointed at it.
 */
abstract class FakeServerContextSupport {

	protected FakeKubernetesApiServer server;

	protected ApplicationContextRunner runner;

	@BeforeEach
	void startServer() {
		this.server = new FakeKubernetesApiServer().start();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

}
