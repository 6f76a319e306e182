package io.github.informer.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import io.github.informer.decoder.DecoderType;
import io.github.informer.fixtures.Pods;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1ClusterRoleBinding;
import io.kubernetes.client.openapi.models.V1ControllerRevision;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1EndpointSlice;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1StorageClass;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A BOOKMARK is read as its resourceVersion only, never through the model, for every kind whose client-java model
 * rejects a bookmark's object: the kinds whose models have required fields (derived from {@code BuiltInKinds}' table
 * and the models' {@code openapiRequiredFields}). Each runs an informer with bookmarks on against the in-JVM API
 * server, which sends both shapes: the minimal one (only {@code metadata.resourceVersion}) and kube-apiserver's Go
 * zero value of the kind; the informer follows the bookmark's resourceVersion without an error or a restart.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class BookmarkTests {

	private static FakeKubernetesApiServer server;

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
	}

	@Test
	void theAffectedKindsAreDerivedFromTheModelsRequiredFields() throws Exception {
		List<Class<?>> affected = affectedKinds().stream().map(BuiltInKind::model).toList();
		assertThat(affected).hasSizeGreaterThan(30)
			.contains(CoreV1Event.class, V1CronJob.class, V1CustomResourceDefinition.class, V1RoleBinding.class,
					V1ClusterRoleBinding.class, V1EndpointSlice.class, V1StorageClass.class,
					V1ControllerRevision.class);
		for (BuiltInKind kind : affectedKinds()) {
			// client-java's own decoding of a minimal bookmark fails for each of them
			JsonObject bookmark = new JsonObject();
			bookmark.addProperty("apiVersion", kind.apiVersion());
			bookmark.addProperty("kind", kind.kind());
			JsonObject metadata = new JsonObject();
			metadata.addProperty("resourceVersion", "42");
			bookmark.add("metadata", metadata);
			assertThatIllegalArgumentException().as(kind.kind())
				.isThrownBy(() -> JSON.getGson().fromJson(bookmark, kind.model()))
				.withMessageContaining("required field");
		}
	}

	static Stream<Arguments> kindsShapesAndDecoders() throws IOException {
		List<Arguments> arguments = new ArrayList<>();
		for (BuiltInKind kind : affectedKinds()) {
			for (boolean goZeroValue : List.of(false, true)) {
				for (DecoderType decoder : DecoderType.values()) {
					arguments.add(Arguments.of(kind, goZeroValue ? "Go zero value" : "minimal", decoder));
				}
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0}, {1} bookmark, {2} decoder")
	@MethodSource("kindsShapesAndDecoders")
	void aBookmarkIsReadAsItsResourceVersionOnly(BuiltInKind kind, String shape, DecoderType decoder) {
		serve(kind);
		KubernetesInformer<KubernetesObject> informer = informer(kind, decoder);
		try {
			informer.run();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> informer.hasSynced() && informer.watchStatus().state() == WatchState.WATCHING);
			// a write elsewhere moves the resourceVersion on; only the bookmark tells this watch about it
			server.create(Pods.pod("elsewhere", "p-" + System.nanoTime(), Map.<String, String>of()));
			String current = server.resourceVersion();
			if (shape.equals("minimal")) {
				server.sendBookmarks();
			}
			else {
				server.sendGoZeroValueBookmarks();
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> current.equals(informer.lastSyncResourceVersion()));
			WatchStatus status = informer.watchStatus();
			assertThat(status.state()).isEqualTo(WatchState.WATCHING);
			assertThat(status.restarts()).isZero();
			assertThat(status.lastError()).isNull();
			assertThat(informer.cacheSize()).isZero();
		}
		finally {
			informer.stop(Duration.ofSeconds(5));
		}
	}

	/** The in-JVM server serves the common kinds; the others are registered as it registers custom resources. */
	private static void serve(BuiltInKind kind) {
		try {
			server.list(kind.apiVersion(), kind.kind(), null);
		}
		catch (RuntimeException notServed) {
			server.registerCustomResource(kind.group(), kind.version(), kind.kind(),
					ResourceType.guessPlural(kind.kind()), true);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static KubernetesInformer<KubernetesObject> informer(BuiltInKind kind, DecoderType decoder) {
		ResourceType resource = new ResourceType(kind.group(), kind.version(), kind.kind(), kind.model(), null);
		KubernetesListerWatcher listerWatcher = new KubernetesListerWatcher(server.apiClient(), resource, null, null,
				null, 500, decoder);
		return new KubernetesInformer<>("bookmarks", List.of(listerWatcher), null,
				() -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
	}

	/** The built-in kinds whose model requires a field besides apiVersion, kind and metadata. */
	static List<BuiltInKind> affectedKinds() throws IOException {
		List<BuiltInKind> kinds = new ArrayList<>();
		try (InputStream stream = BuiltInKinds.class.getResourceAsStream("built-in-kinds.txt")) {
			for (String line : new String(stream.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank() || line.startsWith("#") || line.startsWith("group ")) {
					continue;
				}
				String[] parts = line.trim().split(" ", 2);
				String[] groupVersionKind = parts[1].split("\\|");
				Class<?> model;
				try {
					model = Class.forName("io.kubernetes.client.openapi.models." + parts[0]);
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException(ex);
				}
				Set<?> required = requiredFields(model);
				if (required.stream().anyMatch((field) -> !Set.of("apiVersion", "kind", "metadata").contains(field))) {
					kinds.add(new BuiltInKind(groupVersionKind[0], groupVersionKind[1], groupVersionKind[2], model));
				}
			}
		}
		return kinds;
	}

	private static Set<?> requiredFields(Class<?> model) {
		try {
			return (Set<?>) model.getField("openapiRequiredFields").get(null);
		}
		catch (ReflectiveOperationException ex) {
			return Set.of();
		}
	}

	record BuiltInKind(String group, String version, String kind, Class<?> model) {

		String apiVersion() {
			return this.group.isEmpty() ? this.version : this.group + "/" + this.version;
		}

		@Override
		public String toString() {
			return this.kind + " (" + apiVersion() + ")";
		}

	}

}
