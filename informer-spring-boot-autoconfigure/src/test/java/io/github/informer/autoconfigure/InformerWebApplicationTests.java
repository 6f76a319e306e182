package io.github.informer.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.informer.registry.Informers;
import io.github.informer.test.EnableFakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web application: informers have synced before the web server starts taking traffic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kubernetes.informers.resources.pods.api-version=v1",
				"kubernetes.informers.resources.pods.kind=Pod" })
@EnableFakeKubernetesApiServer
@DirtiesContext
class InformerWebApplicationTests {

	@Autowired
	FakeKubernetesApiServer server;

	@Autowired
	Informers informers;

	@Autowired
	Lister<V1Pod> pods;

	@Autowired
	WebServerStartRecorder recorder;

	@Test
	void informersHaveSyncedWhenTheWebServerStarts() {
		assertThat(this.recorder.syncedAtWebServerStart).containsEntry("pods", true);
		assertThat(this.informers.get("pods").hasSynced()).isTrue();
		assertThat(this.pods.list()).isEmpty();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class,
			DispatcherServletAutoConfiguration.class, InformerAutoConfiguration.class })
	static class WebApplication {

		@Bean
		WebServerStartRecorder webServerStartRecorder(Informers informers) {
			return new WebServerStartRecorder(informers);
		}

	}

	static class WebServerStartRecorder implements ApplicationListener<WebServerInitializedEvent> {

		final Map<String, Boolean> syncedAtWebServerStart = new ConcurrentHashMap<>();

		private final Informers informers;

		WebServerStartRecorder(Informers informers) {
			this.informers = informers;
		}

		@Override
		public void onApplicationEvent(WebServerInitializedEvent event) {
			this.informers.names()
				.forEach((name) -> this.syncedAtWebServerStart.put(name, this.informers.get(name).hasSynced()));
		}

	}

}
