package com.example.app;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.actuate.InformersEndpoint;
import io.github.informer.metrics.InformerMeterBinder;
import io.github.informer.test.EnableFakeKubernetesApiServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application in its own package, outside {@code io.github.informer}, gets the endpoint, the health contributor
 * and the meters purely from {@code AutoConfiguration.imports}: nothing of ours is component-scanned.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kubernetes.informers.resources.config-maps.api-version=v1",
				"kubernetes.informers.resources.config-maps.kind=ConfigMap",
				"management.endpoints.web.exposure.include=health,informers",
				"management.endpoint.health.show-components=always" })
@EnableFakeKubernetesApiServer
@DirtiesContext
class ExternalApplicationTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Test
	void endpointHealthContributorAndMeterBinderLoadFromAutoConfigurationImports() {
		assertThat(this.context.getBeanNamesForType(InformersEndpoint.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(InformerMeterBinder.class)).hasSize(1);
		assertThat(this.context.getBean("informersHealthContributor")).isInstanceOf(HealthContributor.class);
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.find("informer.synced").tag("informer", "config-maps").gauge()).isNotNull();
		ActuatorHttp http = new ActuatorHttp(this.port);
		JsonNode health = http.get("/actuator/health").json();
		assertThat(health.get("components").get("informers").get("components").get("config-maps").get("status")
			.asString()).isEqualTo("UP");
		assertThat(http.get("/actuator/informers/config-maps").json().get("synced").asBoolean()).isTrue();
	}

	@SpringBootApplication
	static class ExampleApplication {

	}

}
