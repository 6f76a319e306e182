package io.github.informer.aot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.informer.actuate.InformersDescriptor;
import io.github.informer.actuate.InformersEndpoint;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerBeanDefinitionRegistrar;
import io.github.informer.autoconfigure.InformerConfigurationException;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.LeaderElectionAutoConfiguration;
import io.github.informer.autoconfigure.actuate.InformersEndpointAutoConfiguration;
import io.github.informer.handler.InformerEvent;
import io.github.informer.leader.LeaderElection;
import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An application processed ahead of time and started from the generated code (what {@code spring-boot:process-aot}
 * and {@code -Dspring.aot.enabled=true} do) has the same informers (built-in kinds and a custom resource), typed and
 * qualified Listers, inferred informers, handlers and endpoint as one started normally, against a real API server.
 */
class InformerAotTests {

	private static final String[] BUILD_PROPERTIES = { "kubernetes.informers.resources.pods.api-version=v1",
			"kubernetes.informers.resources.pods.kind=Pod",
			"kubernetes.informers.resources.pods.indexes.by-node=spec.nodeName",
			"kubernetes.informers.resources.web-pods.api-version=v1",
			"kubernetes.informers.resources.web-pods.kind=Pod",
			"kubernetes.informers.resources.web-pods.namespaces=web",
			"kubernetes.informers.resources.deployments.api-version=apps/v1",
			"kubernetes.informers.resources.deployments.kind=Deployment",
			"kubernetes.informers.resources.websites.api-version=example.com/v1",
			"kubernetes.informers.resources.websites.kind=Website",
			"management.endpoints.web.exposure.include=informers" };

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private GenericApplicationContext context;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(pod("web", "frontend", "node-1"));
		this.server.create(pod("batch", "report", "node-2"));
		this.server.create(new V1Deployment().metadata(new V1ObjectMeta().namespace("web").name("frontend")));
		this.server.create(new V1Service().metadata(new V1ObjectMeta().namespace("web").name("frontend")));
		this.server.registerCustomResource("example.com", "v1", "Website", "websites", true);
		DynamicKubernetesObject website = new DynamicKubernetesObject();
		website.setApiVersion("example.com/v1");
		website.setKind("Website");
		website.setMetadata(new V1ObjectMeta().namespace("web").name("shop"));
		this.server.create(website);
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void processedApplicationHasTheSameInformersListersHandlersAndEndpoint() {
		AotTestContexts.Processed processed = AotTestContexts.process(new Class<?>[] { AotApplication.class },
				BUILD_PROPERTIES);
		this.context = processed.start(runtimeProperties());
		// the definitions come from the generated code: the registrar is not there to register them again
		assertThat(this.context.getBeanNamesForType(InformerBeanDefinitionRegistrar.class)).isEmpty();
		Informers informers = this.context.getBean(Informers.class);
		assertThat(informers.names()).containsExactly("pods", "web-pods", "deployments", "websites", "services");
		assertThat(informers.waitForSync(Duration.ofSeconds(60))).isTrue();
		CacheReader reader = this.context.getBean(CacheReader.class);
		assertThat(reader.pods.list()).hasSize(2);
		assertThat(reader.webPods.list()).extracting((pod) -> pod.getMetadata().getName()).containsExactly("frontend");
		assertThat(reader.deployments.namespace("web").get("frontend")).isNotNull();
		assertThat(reader.services.getIndexer().list()).hasSize(1);
		assertThat(reader.websites.namespace("web").get("shop")).isNotNull();
		assertThat(informers.byIndex("pods", "by-node", "node-2")).hasSize(1);
		PodHandlers handlers = this.context.getBean(PodHandlers.class);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(handlers.events).containsExactlyInAnyOrder("web-pod frontend",
					"service frontend"));
		this.server.create(pod("web", "backend", "node-2"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(handlers.events).contains("web-pod backend"));
		InformersDescriptor endpoint = this.context.getBean(InformersEndpoint.class).informers();
		assertThat(endpoint.informers()).containsOnlyKeys("pods", "web-pods", "deployments", "websites", "services");
		assertThat(endpoint.informers().get("pods").handlers()).extracting("id").containsExactly("web-pod-handler");
	}

	@Test
	void settingsOfTheInformersAreBoundWhenTheApplicationRuns() {
		AotTestContexts.Processed processed = AotTestContexts.process(new Class<?>[] { AotApplication.class },
				BUILD_PROPERTIES);
		this.context = processed.start(runtimeProperties("kubernetes.informers.resources.web-pods.namespaces=batch"));
		Informers informers = this.context.getBean(Informers.class);
		assertThat(informers.waitForSync(Duration.ofSeconds(60))).isTrue();
		assertThat(this.context.getBean(CacheReader.class).webPods.list())
			.extracting((pod) -> pod.getMetadata().getName())
			.containsExactly("report");
	}

	@Test
	void resourcesOtherThanAtBuildTimeFailStartupNamingTheProperty() {
		AotTestContexts.Processed processed = AotTestContexts.process(new Class<?>[] { AotApplication.class },
				BUILD_PROPERTIES);
		assertThatExceptionOfType(Exception.class)
			.isThrownBy(() -> processed.start(runtimeProperties("kubernetes.informers.resources.nodes.api-version=v1",
					"kubernetes.informers.resources.nodes.kind=Node")))
			.havingRootCause()
			.isInstanceOfSatisfying(InformerConfigurationException.class, (ex) -> {
				assertThat(ex.getProperty()).isEqualTo("kubernetes.informers.resources");
				assertThat(ex.getProblem()).contains("nodes (V1Node)").contains("processed ahead of time");
				assertThat(ex.getAction()).contains("Build the application again");
			});
	}

	@Test
	void leaderElectionAndLeaderOnlyHandlersWorkFromGeneratedCode() {
		String[] election = { "kubernetes.informers.leader-election.enabled=true",
				"kubernetes.informers.leader-election.lease-name=aot-app",
				"kubernetes.informers.leader-election.lease-namespace=default",
				"kubernetes.informers.leader-election.lease-duration=6s",
				"kubernetes.informers.leader-election.renew-deadline=4s",
				"kubernetes.informers.leader-election.retry-period=500ms" };
		List<String> build = new ArrayList<>(List.of(BUILD_PROPERTIES));
		build.addAll(List.of(election));
		AotTestContexts.Processed processed = AotTestContexts.process(
				new Class<?>[] { AotApplication.class, LeaderOnlyHandlers.class }, build.toArray(String[]::new));
		this.context = processed.start(runtimeProperties(election));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.context.getBean(LeaderElection.class).isLeader());
		LeaderOnlyHandlers handlers = this.context.getBean(LeaderOnlyHandlers.class);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(handlers.deployments).containsExactly("frontend"));
	}

	private String[] runtimeProperties(String... extra) {
		List<String> properties = new ArrayList<>(List.of(BUILD_PROPERTIES));
		properties.add("kubernetes.informers.client.url=" + this.server.url());
		properties.addAll(List.of(extra));
		return properties.toArray(String[]::new);
	}

	static V1Pod pod(String namespace, String name, String node) {
		return new V1Pod().metadata(new V1ObjectMeta().namespace(namespace).name(name))
			.spec(new V1PodSpec().nodeName(node));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class,
			LeaderElectionAutoConfiguration.class, EndpointAutoConfiguration.class,
			InformersEndpointAutoConfiguration.class })
	@Import({ PodHandlers.class, CacheReader.class, ConfigMapConsumer.class })
	static class AotApplication {

	}

	static class PodHandlers {

		final List<String> events = new CopyOnWriteArrayList<>();

		@InformerHandler(informer = "pods", condition = "#pod.metadata.namespace == 'web'", id = "web-pod-handler")
		void onWebPod(V1Pod pod) {
			this.events.add("web-pod " + pod.getMetadata().getName());
		}

		@InformerHandler
		void onService(InformerEvent<V1Service> event) {
			this.events.add("service " + event.object().getMetadata().getName());
		}

	}

	static class CacheReader {

		final Lister<V1Pod> pods;

		final Lister<V1Pod> webPods;

		final Lister<V1Deployment> deployments;

		final SharedIndexInformer<V1Service> services;

		final Lister<DynamicKubernetesObject> websites;

		CacheReader(@Qualifier("pods") Lister<V1Pod> pods, @Qualifier("web-pods") Lister<V1Pod> webPods,
				Lister<V1Deployment> deployments, SharedIndexInformer<V1Service> services,
				Lister<DynamicKubernetesObject> websites) {
			this.pods = pods;
			this.webPods = webPods;
			this.deployments = deployments;
			this.services = services;
			this.websites = websites;
		}

	}

	static class LeaderOnlyHandlers {

		final List<String> deployments = new CopyOnWriteArrayList<>();

		@InformerHandler(informer = "deployments", leaderOnly = true)
		void onDeployment(V1Deployment deployment) {
			this.deployments.add(deployment.getMetadata().getName());
		}

	}

	/** A bean whose type has a model type argument, as a {@code Reconciler<V1ConfigMap>} would. */
	static class ConfigMapConsumer implements Consumer<V1ConfigMap> {

		@Override
		public void accept(V1ConfigMap configMap) {
		}

	}

}
