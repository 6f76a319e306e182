package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentMap;

import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * What the cache keeps (prune, last-applied annotation, shared strings), index queries, and custom resources.
 */
@ExtendWith(OutputCaptureExtension.class)
class InformerCacheTests extends FakeServerContextSupport {

	private static final String LAST_APPLIED_CONFIGURATION = "kubectl.kubernetes.io/last-applied-configuration";


	@BeforeEach
	void prepare() {
		this.runner = this.runner.withPropertyValues("kubernetes.informers.backoff.initial-delay=50ms",
				"kubernetes.informers.backoff.max-delay=200ms", "kubernetes.informers.resources.pods.api-version=v1",
				"kubernetes.informers.resources.pods.kind=Pod");
	}

	@Test
	void cachedObjectsHaveNoPrunedFieldsNoLastAppliedAnnotationAndShareStrings() {
		this.server.create(pod("web", "one", "node-1"));
		this.server.create(pod("web", "two", "node-1"));
		this.runner.withPropertyValues("kubernetes.informers.resources.pods.prune=status.containerStatuses")
			.run((context) -> {
				ManagedInformer<V1Pod> pods = context.getBean(Informers.class).get("pods");
				V1Pod one = pods.lister().namespace("web").get("one");
				V1Pod two = pods.lister().namespace("web").get("two");
				assertThat(one.getStatus().getContainerStatuses()).isNull();
				assertThat(one.getStatus().getPhase()).isEqualTo("Running");
				assertThat(one.getMetadata().getAnnotations()).containsOnlyKeys("team")
					.doesNotContainKey(LAST_APPLIED_CONFIGURATION);
				assertThat(one.getMetadata().getLabels().get("app")).isEqualTo("web")
					.isSameAs(two.getMetadata().getLabels().get("app"));
				assertThat(one.getMetadata().getLabels().keySet().iterator().next())
					.isSameAs(two.getMetadata().getLabels().keySet().iterator().next());
				assertThat(one.getMetadata().getNamespace()).isSameAs(two.getMetadata().getNamespace());
				assertThat(one.getSpec().getNodeName()).isSameAs(two.getSpec().getNodeName());
				assertThat(one.getSpec().getContainers().get(0).getImage())
					.isSameAs(two.getSpec().getContainers().get(0).getImage());
			});
	}

	@Test
	void withMemoryOptionsOffObjectsAreCachedAsDecoded() {
		this.server.create(pod("web", "one", "node-1"));
		this.server.create(pod("web", "two", "node-1"));
		this.runner
			.withPropertyValues("kubernetes.informers.memory.intern-strings=false",
					"kubernetes.informers.memory.drop-last-applied-configuration=false")
			.run((context) -> {
				ManagedInformer<V1Pod> pods = context.getBean(Informers.class).get("pods");
				V1Pod one = pods.lister().namespace("web").get("one");
				V1Pod two = pods.lister().namespace("web").get("two");
				assertThat(one.getStatus().getContainerStatuses()).hasSize(1);
				assertThat(one.getMetadata().getAnnotations()).containsKey(LAST_APPLIED_CONFIGURATION);
				assertThat(one.getMetadata().getLabels().get("app")).isEqualTo(two.getMetadata().getLabels().get("app"))
					.isNotSameAs(two.getMetadata().getLabels().get("app"));
			});
	}

	@Test
	void indexesAnswerQueriesThroughInformersAndTheIndexer() {
		this.server.create(pod("web", "one", "node-1"));
		this.server.create(pod("web", "two", "node-2"));
		this.server.create(pod("batch", "three", "node-1"));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.pods.indexes.by-node=spec.nodeName",
					"kubernetes.informers.resources.pods.indexes.by-image=spec.containers.![image]",
					"kubernetes.informers.resources.pods.indexes.by-app=metadata.labels['app']")
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.indexNames("pods")).containsExactlyInAnyOrder("namespace", "by-node", "by-image",
						"by-app");
				assertThat(names(informers.byIndex("pods", "by-node", "node-1"))).containsExactlyInAnyOrder("one",
						"three");
				assertThat(names(informers.<V1Pod>indexer("pods").byIndex("by-image", "sidecar:2")))
					.containsExactlyInAnyOrder("one", "two", "three");
				assertThat(names(informers.byIndex("pods", "by-app", "web"))).hasSize(3);
				assertThat(names(informers.byIndex("pods", "namespace", "batch"))).containsExactly("three");
				this.server.create(pod("web", "four", "node-2"));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(names(informers.byIndex("pods", "by-node", "node-2")))
						.containsExactlyInAnyOrder("two", "four"));
				assertThat(informers.get("pods").status().cacheSizeByNamespace()).containsEntry("web", 3)
					.containsEntry("batch", 1);
			});
	}

	@Test
	void customResourceInformerSyncsOnceItsDefinitionIsCreatedAtRuntime() {
		this.runner
			.withPropertyValues("kubernetes.informers.startup.sync-timeout=200ms",
					"kubernetes.informers.resources.widgets.api-version=example.com/v1",
					"kubernetes.informers.resources.widgets.kind=Widget",
					"kubernetes.informers.resources.widgets.prune=spec.secret",
					"kubernetes.informers.resources.widgets.indexes.by-color=spec.color")
			.run((context) -> {
				ManagedInformer<DynamicKubernetesObject> widgets = context.getBean(Informers.class).get("widgets");
				assertThat(widgets.apiType()).isEqualTo(DynamicKubernetesObject.class);
				assertThat(widgets.hasSynced()).isFalse();
				assertThat(widgets.watchStatus().lastError()).isNotNull();
				assertThat(widgets.watchStatus().lastError().message()).contains("example.com/v1")
					.contains("CustomResourceDefinition");
				this.server.seedYaml(WIDGET_DEFINITION);
				this.server.seedYaml(WIDGET);
				await().atMost(Duration.ofSeconds(10)).until(widgets::hasSynced);
				await().atMost(Duration.ofSeconds(10)).until(() -> widgets.lister().list().size() == 1);
				DynamicKubernetesObject widget = widgets.lister().namespace("web").get("blue-widget");
				assertThat(widget.getRaw().getAsJsonObject("spec").get("color").getAsString()).isEqualTo("blue");
				assertThat(widget.getRaw().getAsJsonObject("spec").has("secret")).isFalse();
				assertThat(widget.getKind()).isEqualTo("Widget");
				assertThat(widgets.byIndex("by-color", "blue")).hasSize(1);
				assertThat(widgets.plural()).isEqualTo("widgets");
			});
	}

	@Test
	void customResourceWithAModelClassIsCachedAsThatClass() {
		this.server.seedYaml(WIDGET_DEFINITION);
		this.server.seedYaml(WIDGET);
		this.server.seedYaml(WIDGET.replace("blue-widget", "other-blue-widget"));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.widgets.api-version=example.com/v1",
					"kubernetes.informers.resources.widgets.kind=Widget",
					"kubernetes.informers.resources.widgets.model=" + Widget.class.getName(),
					"kubernetes.informers.resources.widgets.prune=spec.secret")
			.withUserConfiguration(WidgetListerUser.class)
			.run((context) -> {
				Lister<Widget> widgets = context.getBean(WidgetListerUser.class).widgets;
				Widget blue = widgets.namespace("web").get("blue-widget");
				Widget other = widgets.namespace("web").get("other-blue-widget");
				assertThat(blue.getKind()).isEqualTo("Widget");
				assertThat(blue.spec.color).isEqualTo("blue").isSameAs(other.spec.color);
				assertThat(blue.spec.secret).isNull();
			});
	}

	@Test
	void userModelMapFieldsKeepTheirTypesAndShareTheirValues(CapturedOutput output) {
		this.server.seedYaml(WIDGET_DEFINITION);
		this.server.seedYaml(MAP_WIDGET);
		this.server.seedYaml(MAP_WIDGET.replace("map-widget", "other-map-widget"));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.widgets.api-version=example.com/v1",
					"kubernetes.informers.resources.widgets.kind=Widget",
					"kubernetes.informers.resources.widgets.model=" + MapWidget.class.getName())
			.run((context) -> {
				ManagedInformer<MapWidget> widgets = context.getBean(Informers.class).get("widgets");
				assertThat(widgets.hasSynced()).isTrue();
				assertThat(widgets.cacheSize()).isEqualTo(2);
				MapWidgetSpec one = widgets.lister().namespace("web").get("map-widget").spec;
				MapWidgetSpec two = widgets.lister().namespace("web").get("other-map-widget").spec;
				// the interner kept each map's type (and so its order) and shared the values across objects
				assertThat(one.sorted).isInstanceOf(TreeMap.class).containsExactly(entry("a", "alpha"),
						entry("b", "beta"));
				assertThat(one.tree).isInstanceOf(TreeMap.class);
				assertThat(one.concurrent).isInstanceOf(ConcurrentMap.class);
				assertThat(one.sorted.get("a")).isSameAs(two.sorted.get("a"));
				assertThat(one.tree.get("zone")).isSameAs(two.tree.get("zone"));
				assertThat(one.concurrent.get("team")).isSameAs(two.concurrent.get("team"));
				assertThat(one.plain.get("tier")).isSameAs(two.plain.get("tier"));
				assertThat(one.replicas).isEqualTo(3);
			});
		assertThat(output.getAll()).doesNotContain("cached and delivered untransformed");
	}

	@Test
	void builtInKindAsDynamicObjectsGetsApiVersionAndKindFromTheResource() {
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("settings"))
			.putDataItem("mode", "fast"));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.settings.api-version=v1",
					"kubernetes.informers.resources.settings.kind=ConfigMap",
					"kubernetes.informers.resources.settings.model=" + DynamicKubernetesObject.class.getName(),
					"kubernetes.informers.resources.settings.indexes.by-kind=kind")
			.run((context) -> {
				ManagedInformer<DynamicKubernetesObject> settings = context.getBean(Informers.class).get("settings");
				assertThat(settings.hasSynced()).isTrue();
				DynamicKubernetesObject cached = settings.lister().namespace("web").get("settings");
				assertThat(cached.getApiVersion()).isEqualTo("v1");
				assertThat(cached.getKind()).isEqualTo("ConfigMap");
				assertThat(settings.byIndex("by-kind", "ConfigMap")).hasSize(1);
			});
	}

	@Test
	void modelPrunePathsAreCheckedAgainstTheModel() {
		this.runner
			.withPropertyValues("kubernetes.informers.resources.widgets.api-version=example.com/v1",
					"kubernetes.informers.resources.widgets.kind=Widget",
					"kubernetes.informers.resources.widgets.model=" + Widget.class.getName(),
					"kubernetes.informers.resources.widgets.prune=spec.colour")
			.run((context) -> assertThat(InformerLifecycleTests
				.findCause(context.getStartupFailure(), InformerConfigurationException.class)
				.getProblem()).contains("WidgetSpec has no field 'colour'"));
	}

	@Test
	void clusterScopedCustomResourceWatchedPerNamespaceReportsTheMismatch() {
		this.server.seedYaml(WIDGET_DEFINITION.replace("Namespaced", "Cluster"));
		this.runner
			.withPropertyValues("kubernetes.informers.startup.wait-for-sync=false",
					"kubernetes.informers.resources.widgets.api-version=example.com/v1",
					"kubernetes.informers.resources.widgets.kind=Widget",
					"kubernetes.informers.resources.widgets.namespaces=web")
			.run((context) -> {
				ManagedInformer<DynamicKubernetesObject> widgets = context.getBean(Informers.class).get("widgets");
				await().atMost(Duration.ofSeconds(10)).until(() -> widgets.watchStatus().lastError() != null);
				assertThat(widgets.watchStatus().lastError().message()).contains("cluster-scoped")
					.contains("namespace web");
				assertThat(widgets.hasSynced()).isFalse();
			});
	}

	private static List<String> names(List<? extends KubernetesObject> objects) {
		return objects.stream().map((object) -> object.getMetadata().getName()).toList();
	}

	private static V1Pod pod(String namespace, String name, String node) {
		return new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().namespace(new String(namespace))
				.name(name)
				.labels(Map.of(new String("app"), new String("web")))
				.annotations(Map.of("team", "payments", LAST_APPLIED_CONFIGURATION,
						"{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}")))
			.spec(new V1PodSpec().nodeName(new String(node))
				.containers(List.of(new V1Container().name("app").image(new String("registry.example.com/app:1.0")),
						new V1Container().name("sidecar").image("sidecar:2"))))
			.status(new V1PodStatus().phase("Running")
				.containerStatuses(List.of(new V1ContainerStatus().name("app")
					.image("registry.example.com/app:1.0")
					.imageID("sha256:1234")
					.ready(true)
					.restartCount(0))));
	}

	/** A user model for the Widget custom resource. */
	public static class Widget implements KubernetesObject {

		private String apiVersion;

		private String kind;

		private V1ObjectMeta metadata;

		WidgetSpec spec;

		@Override
		public V1ObjectMeta getMetadata() {
			return this.metadata;
		}

		@Override
		public String getApiVersion() {
			return this.apiVersion;
		}

		@Override
		public String getKind() {
			return this.kind;
		}

		public void setKind(String kind) {
			this.kind = kind;
		}

	}

	/** A user model for the Widget custom resource whose spec has maps of several types and a primitive. */
	public static class MapWidget implements KubernetesObject {

		private String apiVersion;

		private String kind;

		private V1ObjectMeta metadata;

		MapWidgetSpec spec;

		@Override
		public V1ObjectMeta getMetadata() {
			return this.metadata;
		}

		@Override
		public String getApiVersion() {
			return this.apiVersion;
		}

		@Override
		public String getKind() {
			return this.kind;
		}

	}

	/** The map widget's spec. */
	public static class MapWidgetSpec {

		SortedMap<String, String> sorted;

		TreeMap<String, String> tree;

		ConcurrentMap<String, String> concurrent;

		Map<String, String> plain;

		int replicas;

	}

	/** The Widget's spec. */
	public static class WidgetSpec {

		String color;

		String secret;

	}

	@Configuration(proxyBeanMethods = false)
	static class WidgetListerUser {

		@Autowired
		Lister<Widget> widgets;

	}

	private static final String WIDGET_DEFINITION = """
			apiVersion: apiextensions.k8s.io/v1
			kind: CustomResourceDefinition
			metadata:
			  name: widgets.example.com
			spec:
			  group: example.com
			  scope: Namespaced
			  names:
			    plural: widgets
			    singular: widget
			    kind: Widget
			  versions:
			  - name: v1
			    served: true
			    storage: true
			    schema:
			      openAPIV3Schema:
			        type: object
			        x-kubernetes-preserve-unknown-fields: true
			""";

	private static final String MAP_WIDGET = """
			apiVersion: example.com/v1
			kind: Widget
			metadata:
			  name: map-widget
			  namespace: web
			spec:
			  sorted: {b: beta, a: alpha}
			  tree: {zone: eu-west-1}
			  concurrent: {team: payments}
			  plain: {tier: front}
			  replicas: 3
			""";

	private static final String WIDGET = """
			apiVersion: example.com/v1
			kind: Widget
			metadata:
			  name: blue-widget
			  namespace: web
			spec:
			  color: blue
			  secret: hunter2
			""";

}
