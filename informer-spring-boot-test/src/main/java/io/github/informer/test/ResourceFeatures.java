package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * What discovery says about a resource beyond its verbs: its categories ({@code all} for the workload kinds, so
 * {@code kubectl get all} expands as on a cluster; a CRD's {@code spec.names.categories}) and whether it has a
 * {@code scale} subresource (the four replicated workload kinds, and CRDs that declare
 * {@code subresources.scale}). A custom resource's features are read from its stored definition, so they follow
 * every change to it.
 */
final class ResourceFeatures {

	/**
	 * Where a kind keeps what its autoscaling/v1 Scale shows; {@code selector} says what the label selector path
	 * holds.
	 */
	record ScalePaths(String specReplicas, String statusReplicas, @Nullable String labelSelector, Selector selector) {

		/** Built-in kinds are defaulted to one replica; a custom resource has what it has. */
		boolean builtIn() {
			return this.selector != Selector.TEXT;
		}

	}

	/** The forms of a replicated kind's selector. */
	enum Selector {

		/** A metav1.LabelSelector (apps/v1 kinds). */
		LABEL_SELECTOR,

		/** A label map (ReplicationController). */
		LABEL_MAP,

		/** A selector already in text form (a CRD's labelSelectorPath). */
		TEXT

	}

	private static final Set<String> ALL = Set.of("/pods", "/services", "/replicationcontrollers", "apps/deployments",
			"apps/statefulsets", "apps/daemonsets", "apps/replicasets", "batch/jobs", "batch/cronjobs",
			"autoscaling/horizontalpodautoscalers");

	private static final Set<String> SCALABLE = Set.of("apps/deployments", "apps/statefulsets", "apps/replicasets");

	private final ObjectStore store;

	private final ResourceTypes types;

	ResourceFeatures(ObjectStore store, ResourceTypes types) {
		this.store = store;
		this.types = types;
	}

	List<String> categories(ResourceType type) {
		JsonObject definition = definition(type);
		if (definition != null) {
			List<String> categories = new ArrayList<>();
			JsonObject spec = Json.object(definition, "spec");
			JsonObject names = (spec != null) ? Json.object(spec, "names") : null;
			JsonElement declared = (names != null) ? names.get("categories") : null;
			if (declared != null && declared.isJsonArray()) {
				declared.getAsJsonArray().forEach((category) -> categories.add(category.getAsString()));
			}
			return categories;
		}
		return ALL.contains(type.group() + "/" + type.plural()) ? List.of("all") : List.of();
	}

	/** The scale subresource of a type, or null when it has none. */
	@Nullable ScalePaths scale(ResourceType type) {
		String key = type.group() + "/" + type.plural();
		if (SCALABLE.contains(key)) {
			return new ScalePaths(".spec.replicas", ".status.replicas", ".spec.selector", Selector.LABEL_SELECTOR);
		}
		if (key.equals("/replicationcontrollers")) {
			return new ScalePaths(".spec.replicas", ".status.replicas", ".spec.selector", Selector.LABEL_MAP);
		}
		JsonObject definition = definition(type);
		if (definition == null) {
			return null;
		}
		JsonObject spec = Json.object(definition, "spec");
		JsonElement versions = (spec != null) ? spec.get("versions") : null;
		if (versions == null || !versions.isJsonArray()) {
			return null;
		}
		for (JsonElement element : versions.getAsJsonArray()) {
			JsonObject version = element.getAsJsonObject();
			JsonObject subresources = Json.object(version, "subresources");
			JsonObject scale = (subresources != null) ? Json.object(subresources, "scale") : null;
			if (type.version().equals(Json.string(version, "name")) && scale != null) {
				String specReplicas = Json.string(scale, "specReplicasPath");
				String statusReplicas = Json.string(scale, "statusReplicasPath");
				if (specReplicas == null || statusReplicas == null) {
					return null;
				}
				return new ScalePaths(specReplicas, statusReplicas, Json.string(scale, "labelSelectorPath"),
						Selector.TEXT);
			}
		}
		return null;
	}

	/** The CustomResourceDefinition serving a type, or null (built-in kinds, registerCustomResource types). */
	@Nullable JsonObject definition(ResourceType type) {
		if (type.group().isEmpty() || !type.group().contains(".")) {
			return null;
		}
		ResourceType definitions = this.types.byResource("apiextensions.k8s.io", "v1", "customresourcedefinitions")
			.orElse(null);
		if (definitions == null) {
			return null;
		}
		StoredObject definition = this.store.get(definitions, null, type.plural() + "." + type.group());
		return (definition != null) ? definition.parse() : null;
	}

	/**
	 * Adds categories and {@code <plural>/scale} entries to an APIResourceList, as kube-apiserver's discovery
	 * lists them.
	 */
	@Nullable JsonObject decorate(@Nullable JsonObject resourceList, String group, String version) {
		if (resourceList == null) {
			return null;
		}
		JsonArray decorated = new JsonArray();
		for (JsonElement element : resourceList.getAsJsonArray("resources")) {
			JsonObject resource = element.getAsJsonObject();
			decorated.add(resource);
			String name = Json.string(resource, "name");
			if (name == null || name.contains("/")) {
				continue;
			}
			ResourceType type = this.types.byResource(group, version, name).orElse(null);
			if (type == null) {
				continue;
			}
			List<String> categories = categories(type);
			if (!categories.isEmpty()) {
				JsonArray array = new JsonArray();
				categories.forEach(array::add);
				resource.add("categories", array);
			}
			if (scale(type) != null) {
				JsonObject scale = new JsonObject();
				scale.addProperty("name", type.plural() + "/scale");
				scale.addProperty("singularName", "");
				scale.addProperty("namespaced", type.namespaced());
				scale.addProperty("group", "autoscaling");
				scale.addProperty("version", "v1");
				scale.addProperty("kind", "Scale");
				JsonArray verbs = new JsonArray();
				List.of("get", "patch", "update").forEach(verbs::add);
				scale.add("verbs", verbs);
				decorated.add(scale);
			}
		}
		resourceList.add("resources", decorated);
		return resourceList;
	}

}
