package io.github.informer.sample.website;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.informer.controller.KubernetesReconciler;
import io.github.informer.controller.ReconcileRequest;
import io.github.informer.controller.ReconcileResult;
import io.github.informer.controller.Reconciler;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reconciles each Website into a ConfigMap holding its content and a Deployment serving it, both owned by the
 * Website (a controller owner reference, so the cluster's garbage collector deletes them with it), then reports a
 * Ready condition through the status subresource. Level-triggered: it reads everything from the informers' caches
 * and writes only what differs, so running it again, after any event or none, is harmless. A failed write (a 409
 * conflict with a concurrent change, a 500, a 429) throws, and the controller retries the key with backoff.
 */
@Component
@KubernetesReconciler(name = "websites", informer = "websites", owns = { "deployments", "configmaps" }, workers = 2)
public class WebsiteReconciler implements Reconciler<DynamicKubernetesObject> {

	/** Label on every object the controller manages; the {@code configmaps} informer watches only these. */
	public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

	/** Value of {@link #MANAGED_BY}. */
	public static final String CONTROLLER = "website-controller";

	/** Label naming the Website an object belongs to (the Deployment's selector). */
	public static final String WEBSITE_LABEL = "sample.informer.io/website";

	private static final String CONTENT_KEY = "index.html";

	private final Lister<DynamicKubernetesObject> websites;

	private final Lister<V1ConfigMap> configMaps;

	private final Lister<V1Deployment> deployments;

	private final CoreV1Api core;

	private final AppsV1Api apps;

	private final DynamicKubernetesApi websiteApi;

	public WebsiteReconciler(@Qualifier("websites") Lister<DynamicKubernetesObject> websites,
			@Qualifier("configmaps") Lister<V1ConfigMap> configMaps,
			@Qualifier("deployments") Lister<V1Deployment> deployments, ApiClient apiClient) {
		this.websites = websites;
		this.configMaps = configMaps;
		this.deployments = deployments;
		this.core = new CoreV1Api(apiClient);
		this.apps = new AppsV1Api(apiClient);
		this.websiteApi = new DynamicKubernetesApi(Website.GROUP, Website.VERSION, Website.PLURAL, apiClient);
	}

	@Override
	public ReconcileResult reconcile(ReconcileRequest request) throws ApiException {
		DynamicKubernetesObject object = this.websites.namespace(request.namespace()).get(request.name());
		if (object == null) {
			// deleted: its ConfigMap and Deployment carry our owner reference, so garbage collection removes them
			return ReconcileResult.done();
		}
		Website website = Website.of(object);
		V1OwnerReference owner = new V1OwnerReference().apiVersion(Website.API_VERSION)
			.kind(Website.KIND)
			.name(website.name())
			.uid(object.getMetadata().getUid())
			.controller(true)
			.blockOwnerDeletion(true);
		reconcileConfigMap(website, owner);
		V1Deployment deployment = reconcileDeployment(website, owner);
		reconcileStatus(object, website, deployment);
		return ReconcileResult.done();
	}

	static String configMapName(String website) {
		return website + "-content";
	}

	private void reconcileConfigMap(Website website, V1OwnerReference owner) throws ApiException {
		String name = configMapName(website.name());
		Map<String, String> data = Map.of(CONTENT_KEY, website.content());
		V1ConfigMap existing = this.configMaps.namespace(website.namespace()).get(name);
		if (existing == null) {
			V1ConfigMap created = new V1ConfigMap().apiVersion("v1")
				.kind("ConfigMap")
				.metadata(metadata(website, name, owner))
				.data(data);
			this.core.createNamespacedConfigMap(website.namespace(), created).execute();
		}
		else if (!data.equals(existing.getData()) || !ownedBy(existing.getMetadata(), owner)) {
			V1ConfigMap replacement = new V1ConfigMap().apiVersion("v1")
				.kind("ConfigMap")
				.metadata(replacementMetadata(existing.getMetadata(), website, owner))
				.data(data);
			this.core.replaceNamespacedConfigMap(name, website.namespace(), replacement).execute();
		}
	}

	private V1Deployment reconcileDeployment(Website website, V1OwnerReference owner) throws ApiException {
		V1Deployment existing = this.deployments.namespace(website.namespace()).get(website.name());
		if (existing == null) {
			V1Deployment created = new V1Deployment().apiVersion("apps/v1")
				.kind("Deployment")
				.metadata(metadata(website, website.name(), owner))
				.spec(spec(website));
			return this.apps.createNamespacedDeployment(website.namespace(), created).execute();
		}
		V1DeploymentSpec spec = existing.getSpec();
		V1Container container = (spec != null && spec.getTemplate().getSpec() != null
				&& !spec.getTemplate().getSpec().getContainers().isEmpty())
						? spec.getTemplate().getSpec().getContainers().get(0) : null;
		boolean upToDate = container != null && website.image().equals(container.getImage())
				&& Objects.equals(spec.getReplicas(), website.replicas()) && ownedBy(existing.getMetadata(), owner);
		if (upToDate) {
			return existing;
		}
		V1Deployment replacement = new V1Deployment().apiVersion("apps/v1")
			.kind("Deployment")
			.metadata(replacementMetadata(existing.getMetadata(), website, owner))
			.spec(spec(website));
		return this.apps.replaceNamespacedDeployment(website.name(), website.namespace(), replacement).execute();
	}

	private void reconcileStatus(DynamicKubernetesObject object, Website website, V1Deployment deployment)
			throws ApiException {
		int available = (deployment.getStatus() != null && deployment.getStatus().getAvailableReplicas() != null)
				? deployment.getStatus().getAvailableReplicas() : 0;
		JsonObject current = object.getRaw().getAsJsonObject("status");
		if (current != null && longField(current, "observedGeneration") == website.generation()
				&& "True".equals(Website.readyCondition(object))
				&& longField(current, "availableReplicas") == available) {
			return;
		}
		JsonObject ready = new JsonObject();
		ready.addProperty("type", "Ready");
		ready.addProperty("status", "True");
		ready.addProperty("reason", "Reconciled");
		ready.addProperty("message", "ConfigMap " + configMapName(website.name()) + " and Deployment "
				+ website.name() + " (" + website.replicas() + " x " + website.image() + ") are up to date");
		ready.addProperty("lastTransitionTime", transitionTime(current, "True"));
		JsonArray conditions = new JsonArray();
		conditions.add(ready);
		JsonObject status = new JsonObject();
		status.addProperty("observedGeneration", website.generation());
		status.addProperty("availableReplicas", available);
		status.add("conditions", conditions);
		JsonObject raw = object.getRaw().deepCopy();
		raw.add("status", status);
		this.websiteApi.updateStatus(new DynamicKubernetesObject(raw), (updated) -> updated.getRaw().get("status"))
			.throwsApiException();
	}

	/** Keep the transition time while the condition's status stays the same (the API conventions). */
	private static String transitionTime(@Nullable JsonObject status, String newStatus) {
		if (status != null && status.has("conditions")) {
			for (JsonElement condition : status.getAsJsonArray("conditions")) {
				JsonObject fields = condition.getAsJsonObject();
				if ("Ready".equals(text(fields, "type")) && newStatus.equals(text(fields, "status"))
						&& fields.has("lastTransitionTime")) {
					return fields.get("lastTransitionTime").getAsString();
				}
			}
		}
		return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
	}

	private static @Nullable String text(JsonObject object, String field) {
		JsonElement value = object.get(field);
		return (value != null && value.isJsonPrimitive()) ? value.getAsString() : null;
	}

	private static long longField(JsonObject object, String field) {
		JsonElement value = object.get(field);
		return (value != null && value.isJsonPrimitive()) ? value.getAsLong() : -1;
	}

	private static V1ObjectMeta metadata(Website website, String name, V1OwnerReference owner) {
		return new V1ObjectMeta().namespace(website.namespace())
			.name(name)
			.labels(labels(website))
			.ownerReferences(List.of(owner));
	}

	/**
	 * The metadata of a replacement: the cached object's identity, resourceVersion (so a concurrent change makes the
	 * write fail with 409 instead of being overwritten), labels and annotations, plus ours. Built anew: cached objects
	 * are shared with every reader of the cache and must never be modified.
	 */
	private static V1ObjectMeta replacementMetadata(V1ObjectMeta cached, Website website, V1OwnerReference owner) {
		Map<String, String> labels = new HashMap<>();
		if (cached.getLabels() != null) {
			labels.putAll(cached.getLabels());
		}
		labels.putAll(labels(website));
		V1ObjectMeta metadata = new V1ObjectMeta().namespace(cached.getNamespace())
			.name(cached.getName())
			.uid(cached.getUid())
			.resourceVersion(cached.getResourceVersion())
			.labels(labels)
			.ownerReferences(List.of(owner));
		if (cached.getAnnotations() != null) {
			metadata.annotations(new HashMap<>(cached.getAnnotations()));
		}
		return metadata;
	}

	private static boolean ownedBy(V1ObjectMeta metadata, V1OwnerReference owner) {
		return metadata.getOwnerReferences() != null && metadata.getOwnerReferences()
			.stream()
			.anyMatch((reference) -> Boolean.TRUE.equals(reference.getController())
					&& Objects.equals(reference.getUid(), owner.getUid()));
	}

	private static Map<String, String> labels(Website website) {
		return Map.of(MANAGED_BY, CONTROLLER, WEBSITE_LABEL, website.name());
	}

	private static V1DeploymentSpec spec(Website website) {
		Map<String, String> selector = Map.of(WEBSITE_LABEL, website.name());
		V1Container nginx = new V1Container().name("web")
			.image(website.image())
			.ports(List.of(new V1ContainerPort().name("http").containerPort(80)))
			.volumeMounts(List.of(new V1VolumeMount().name("content").mountPath("/usr/share/nginx/html")));
		V1Volume content = new V1Volume().name("content")
			.configMap(new V1ConfigMapVolumeSource().name(configMapName(website.name())));
		return new V1DeploymentSpec().replicas(website.replicas())
			.selector(new V1LabelSelector().matchLabels(selector))
			.template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(selector))
				.spec(new V1PodSpec().containers(List.of(nginx)).volumes(List.of(content))));
	}

}
