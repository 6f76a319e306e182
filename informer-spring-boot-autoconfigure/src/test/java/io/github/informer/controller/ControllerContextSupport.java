package io.github.informer.controller;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerControllerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Container;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A fresh in-JVM API server per test, and a context runner with the informer, handler and controller
 * auto-configurations and {@code configmaps} and {@code pods} informers.
 */
abstract class ControllerContextSupport {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	protected FakeKubernetesApiServer server;

	protected ApplicationContextRunner runner;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class,
					InformerHandlerAutoConfiguration.class, InformerControllerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.configmaps.api-version=v1",
					"kubernetes.informers.resources.configmaps.kind=ConfigMap",
					"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod");
	}

	static V1ConfigMap configMap(String namespace, String name) {
		return new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name))
			.data(Map.of("key", "value"));
	}

	static V1Pod ownedPod(String namespace, String name, String ownerKind, String ownerName, boolean controller) {
		V1OwnerReference owner = new V1OwnerReference().apiVersion("v1")
			.kind(ownerKind)
			.name(ownerName)
			.uid("uid-" + ownerName)
			.controller(controller);
		return new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name).ownerReferences(List.of(owner)))
			.spec(new V1PodSpec().containers(List.of(new V1Container().name("main").image("nginx"))));
	}

	/**
	 * Records every reconcile, checks that no key is reconciled by two workers at once, and runs a per-test
	 * behaviour.
	 */
	static class Recording {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final Set<String> inProgress = ConcurrentHashMap.newKeySet();

		final AtomicInteger overlaps = new AtomicInteger();

		final AtomicInteger concurrent = new AtomicInteger();

		final AtomicInteger mostConcurrent = new AtomicInteger();

		volatile Behaviour behaviour = (request) -> ReconcileResult.done();

		ReconcileResult record(ReconcileRequest request) throws Exception {
			if (!this.inProgress.add(request.key())) {
				this.overlaps.incrementAndGet();
			}
			int now = this.concurrent.incrementAndGet();
			this.mostConcurrent.accumulateAndGet(now, Math::max);
			try {
				this.calls.add(request.key());
				return this.behaviour.reconcile(request);
			}
			finally {
				this.concurrent.decrementAndGet();
				this.inProgress.remove(request.key());
			}
		}

		long count(String key) {
			return this.calls.stream().filter(key::equals).count();
		}

	}

	/**
	 * A reconciler that hands every request to a {@link Recording}; subclasses add the annotation and {@code T}.
	 *
	 * @param <T> the primary type
	 */
	abstract static class RecordingReconciler<T extends KubernetesObject> implements Reconciler<T> {

		private final Recording recording;

		RecordingReconciler(Recording recording) {
			this.recording = recording;
		}

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) throws Exception {
			return this.recording.record(request);
		}

	}

	@FunctionalInterface
	interface Behaviour {

		ReconcileResult reconcile(ReconcileRequest request) throws Exception;

	}

}
