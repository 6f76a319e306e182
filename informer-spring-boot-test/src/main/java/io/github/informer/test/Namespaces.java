package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * What kube-apiserver does to every Namespace, and the four it always has: scripts and clients that expect
 * {@code default} or {@code kube-system} to exist, or select namespaces by {@code kubernetes.io/metadata.name},
 * behave as on a cluster.
 */
final class Namespaces {

	/** The label the API server keeps equal to the namespace's name (a selector on it works on any namespace). */
	static final String NAME_LABEL = "kubernetes.io/metadata.name";

	/** The namespaces a fresh kube-apiserver creates at start. */
	static final List<String> DEFAULTS = List.of("default", "kube-system", "kube-public", "kube-node-lease");

	private static final String KUBERNETES_FINALIZER = "kubernetes";

	private Namespaces() {
	}

	static boolean isNamespace(ResourceType type) {
		return type.group().isEmpty() && type.kind().equals("Namespace");
	}

	/**
	 * Sets what the namespace strategy sets on create: the name label, the {@code kubernetes} finalizer in
	 * {@code spec.finalizers} (the namespace controller's; the fake deletes contents at once, so it only shows) and
	 * phase Active.
	 */
	static void onCreate(JsonObject namespace) {
		nameLabel(namespace);
		JsonObject spec = Json.object(namespace, "spec");
		if (spec == null) {
			spec = new JsonObject();
			namespace.add("spec", spec);
		}
		JsonElement declared = spec.get("finalizers");
		JsonArray finalizers = (declared != null && declared.isJsonArray()) ? declared.getAsJsonArray()
				: new JsonArray();
		if (!finalizers.contains(new JsonPrimitive(KUBERNETES_FINALIZER))) {
			finalizers.add(KUBERNETES_FINALIZER);
		}
		spec.add("finalizers", finalizers);
		if (!namespace.has("status")) {
			JsonObject status = new JsonObject();
			status.addProperty("phase", "Active");
			namespace.add("status", status);
		}
	}

	/**
	 * What the strategy keeps on update: the name label (whatever the new object says) and the finalizers in
	 * {@code spec}, which only the {@code finalize} subresource changes.
	 */
	static void onUpdate(JsonObject before, JsonObject after) {
		nameLabel(after);
		JsonObject beforeSpec = Json.object(before, "spec");
		JsonElement finalizers = (beforeSpec != null) ? beforeSpec.get("finalizers") : null;
		JsonObject spec = Json.object(after, "spec");
		if (spec == null) {
			spec = new JsonObject();
			after.add("spec", spec);
		}
		if (finalizers != null) {
			spec.add("finalizers", finalizers.deepCopy());
		}
		else {
			spec.remove("finalizers");
		}
	}

	private static void nameLabel(JsonObject namespace) {
		JsonObject metadata = Json.metadata(namespace);
		JsonObject labels = Json.object(metadata, "labels");
		if (labels == null) {
			labels = new JsonObject();
			metadata.add("labels", labels);
		}
		String name = Json.string(metadata, "name");
		if (name != null) {
			labels.addProperty(NAME_LABEL, name);
		}
	}

	/** The default namespaces, as objects to seed. */
	static List<JsonObject> defaults() {
		List<JsonObject> namespaces = new ArrayList<>();
		for (String name : DEFAULTS) {
			JsonObject namespace = new JsonObject();
			namespace.addProperty("apiVersion", "v1");
			namespace.addProperty("kind", "Namespace");
			JsonObject metadata = new JsonObject();
			metadata.addProperty("name", name);
			namespace.add("metadata", metadata);
			namespaces.add(namespace);
		}
		return namespaces;
	}

}
