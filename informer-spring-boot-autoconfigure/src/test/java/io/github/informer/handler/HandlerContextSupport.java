package io.github.informer.handler;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.test.FakeKubernetesApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A fresh in-JVM API server per test, and a context runner with the informer and handler auto-configurations, a
 * {@code pods} informer and a {@link Recorder} bean.
 */
abstract class HandlerContextSupport {

	protected FakeKubernetesApiServer server;

	protected ApplicationContextRunner runner;

	@BeforeEach
	void startServer() {
		this.server = new FakeKubernetesApiServer().start();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class))
			.withBean(Recorder.class)
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

}
