package io.github.informer.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The field selectors one kind supports, transcribed from kube-apiserver: the labels its field label conversion
 * accepts (with the exact 400 message for any other) and the values its {@code ToSelectableFields} exposes. Kinds
 * without a conversion of their own (every apps/v1 kind among them) take {@code metadata.name} and
 * {@code metadata.namespace} only; custom resources add their definition's {@code selectableFields}.
 */
final class SelectableFields {

	/** What a kind without a conversion function takes ({@code runtime.DefaultMetaV1FieldSelectorConversion}). */
	static final SelectableFields METADATA = new SelectableFields(true, Map.of(),
			(label) -> FieldError.quote(label) + " is not a known field selector: only \"metadata.name\","
					+ " \"metadata.namespace\"");

	private static final Map<String, SelectableFields> BUILT_IN = builtIn();

	private final boolean namespace;

	/** Label to value path and kind, beyond metadata.name (and metadata.namespace). */
	private final Map<String, Field> fields;

	private final UnaryOperator<String> rejection;

	private SelectableFields(boolean namespace, Map<String, Field> fields, UnaryOperator<String> rejection) {
		this.namespace = namespace;
		this.fields = fields;
		this.rejection = rejection;
	}

	private static Map<String, SelectableFields> builtIn() {
		Map<String, SelectableFields> kinds = new LinkedHashMap<>();
		// pkg/apis/core/v1/conversion.go with pkg/registry/core/*/strategy.go
		kinds.put("pods", core(true, Map.ofEntries(Map.entry("spec.nodeName", Field.string("spec.nodeName")),
				Map.entry("spec.host", Field.string("spec.nodeName")),
				Map.entry("spec.restartPolicy", Field.string("spec.restartPolicy")),
				Map.entry("spec.schedulerName", Field.string("spec.schedulerName")),
				Map.entry("spec.serviceAccountName", Field.string("spec.serviceAccountName")),
				Map.entry("spec.hostNetwork", new Field("spec.hostNetwork", "false", null)),
				Map.entry("status.phase", Field.string("status.phase")),
				Map.entry("status.podIP", Field.string("status.podIP")),
				// accepted by the conversion but never set by PodToSelectableFields: matches only ""
				Map.entry("status.podIPs", Field.string("")),
				Map.entry("status.nominatedNodeName", Field.string("status.nominatedNodeName")))));
		kinds.put("nodes", core(false, Map.of("spec.unschedulable", new Field("spec.unschedulable", "false", null))));
		kinds.put("replicationcontrollers",
				core(true, Map.of("status.replicas", new Field("status.replicas", "0", null))));
		Map<String, Field> event = new LinkedHashMap<>();
		for (String part : List.of("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")) {
			event.put("involvedObject." + part, Field.string("involvedObject." + part));
		}
		event.put("reason", Field.string("reason"));
		event.put("reportingComponent", Field.string("reportingComponent"));
		event.put("source", new Field("source.component", "", "reportingComponent"));
		event.put("type", Field.string("type"));
		kinds.put("events", core(true, event));
		kinds.put("namespaces", core(false, Map.of("status.phase", Field.string("status.phase"))));
		kinds.put("secrets", core(true, Map.of("type", Field.string("type"))));
		kinds.put("services", core(true,
				Map.of("spec.clusterIP", Field.string("spec.clusterIP"), "spec.type", Field.string("spec.type"))));
		// pkg/apis/batch/v1/conversion.go: the one kind with its own wording; the value is status.succeeded
		kinds.put("jobs.batch", new SelectableFields(true,
				Map.of("status.successful", new Field("status.succeeded", "0", null)),
				(label) -> "field label " + FieldError.quote(label) + " not supported for Job"));
		return kinds;
	}

	private static SelectableFields core(boolean namespaced, Map<String, Field> fields) {
		return new SelectableFields(namespaced, fields, (label) -> "field label not supported: " + label);
	}

	/** The selectable fields of a resource; custom resources read their definition's {@code selectableFields}. */
	static SelectableFields of(ResourceType type, ResourceTypes types, ObjectStore store) {
		if (types.builtIn(type)) {
			SelectableFields fields = BUILT_IN.get(type.groupResource());
			return (fields != null) ? fields : METADATA;
		}
		Map<String, Field> declared = new LinkedHashMap<>();
		for (String path : customResourceFields(type, types, store)) {
			String label = path.startsWith(".") ? path.substring(1) : path;
			declared.put(label, Field.string(label));
		}
		// apiextensions-apiserver's crConverter: metadata.namespace only for namespaced resources
		return new SelectableFields(type.namespaced(), declared, (label) -> "field label not supported: " + label);
	}

	private static List<String> customResourceFields(ResourceType type, ResourceTypes types, ObjectStore store) {
		List<String> paths = new ArrayList<>();
		ResourceType definitions = types.byResource("apiextensions.k8s.io", "v1", "customresourcedefinitions")
			.orElse(null);
		StoredObject definition = (definitions != null)
				? store.get(definitions, null, type.plural() + "." + type.group()) : null;
		if (definition == null) {
			return paths;
		}
		JsonObject spec = Json.object(definition.parse(), "spec");
		JsonElement versions = (spec != null) ? spec.get("versions") : null;
		if (versions == null || !versions.isJsonArray()) {
			return paths;
		}
		for (JsonElement element : versions.getAsJsonArray()) {
			JsonObject version = element.getAsJsonObject();
			JsonElement selectable = version.get("selectableFields");
			if (type.version().equals(Json.string(version, "name")) && selectable != null
					&& selectable.isJsonArray()) {
				for (JsonElement field : selectable.getAsJsonArray()) {
					String path = field.isJsonObject() ? Json.string(field.getAsJsonObject(), "jsonPath") : null;
					if (path != null) {
						paths.add(path);
					}
				}
			}
		}
		return paths;
	}

	/** The label the selector matches on; 400 with the kind's message when the kind does not support it. */
	String canonical(String label) {
		if (label.equals("metadata.name") || (this.namespace && label.equals("metadata.namespace"))
				|| this.fields.containsKey(label)) {
			return label;
		}
		throw ApiError.badRequest(this.rejection.apply(label));
	}

	/** The object's value for a canonical label, with the defaults ToSelectableFields gives absent fields. */
	String value(StoredObject object, String label) {
		if (label.equals("metadata.name")) {
			return object.name();
		}
		if (label.equals("metadata.namespace")) {
			return (object.namespace() != null) ? object.namespace() : "";
		}
		Field field = this.fields.get(label);
		if (field == null || field.path().isEmpty()) {
			return "";
		}
		String value = object.field(field.path());
		if (value.isEmpty() && field.fallback() != null) {
			value = object.field(field.fallback());
		}
		return value.isEmpty() ? field.absent() : value;
	}

	/**
	 * Where a label's value is read from.
	 *
	 * @param path dotted JSON path ("" for a label that never has a value)
	 * @param absent the value when the field is absent ("false" for booleans, "0" for counts)
	 * @param fallback a second path read when the first is empty, or null
	 */
	private record Field(String path, String absent, @Nullable String fallback) {

		static Field string(String path) {
			return new Field(path, "", null);
		}

	}

}
