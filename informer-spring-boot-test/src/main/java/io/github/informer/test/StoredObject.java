package io.github.informer.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * One immutable version of an object: its JSON bytes (what list and watch responses are made of, written without
 * re-serialising) and the metadata the store indexes and selects on. The tree is parsed again only when needed.
 */
final class StoredObject {

	private final ResourceType type;

	private final @Nullable String namespace;

	private final String name;

	private final Map<String, String> labels;

	private final long resourceVersion;

	private final String uid;

	private final byte[] json;

	/** The uids of {@code metadata.ownerReferences}: what the store's dependents index (garbage collection) keys on. */
	private final List<String> ownerUids;

	/** Field-selector values read so far (objects are immutable, so they never go stale). */
	private volatile @Nullable Map<String, String> fields;

	private StoredObject(ResourceType type, @Nullable String namespace, String name, Map<String, String> labels,
			long resourceVersion, String uid, byte[] json, List<String> ownerUids) {
		this.type = type;
		this.namespace = namespace;
		this.name = name;
		this.labels = labels;
		this.resourceVersion = resourceVersion;
		this.uid = uid;
		this.json = json;
		this.ownerUids = ownerUids;
	}

	/** Captures an object whose metadata (name, namespace, uid, resourceVersion) the store has already set. */
	static StoredObject of(ResourceType type, JsonObject object, long resourceVersion) {
		JsonObject metadata = Json.metadata(object);
		String namespace = type.namespaced() ? Json.string(metadata, "namespace") : null;
		String name = Json.string(metadata, "name");
		String uid = Json.string(metadata, "uid");
		JsonObject labelObject = Json.object(metadata, "labels");
		Map<String, String> labels = Collections.emptyMap();
		if (labelObject != null && labelObject.size() > 0) {
			labels = new HashMap<>(labelObject.size() * 2);
			for (Map.Entry<String, JsonElement> entry : labelObject.entrySet()) {
				labels.put(entry.getKey(), entry.getValue().isJsonNull() ? "" : entry.getValue().getAsString());
			}
		}
		List<String> ownerUids = List.of();
		JsonElement owners = metadata.get("ownerReferences");
		if (owners != null && owners.isJsonArray() && !owners.getAsJsonArray().isEmpty()) {
			List<String> uids = new ArrayList<>();
			for (JsonElement owner : owners.getAsJsonArray()) {
				String ownerUid = owner.isJsonObject() ? Json.string(owner.getAsJsonObject(), "uid") : null;
				if (ownerUid != null) {
					uids.add(ownerUid);
				}
			}
			ownerUids = List.copyOf(uids);
		}
		return new StoredObject(type, namespace, (name != null) ? name : "", labels, resourceVersion,
				(uid != null) ? uid : "", Json.bytes(object), ownerUids);
	}

	static String key(@Nullable String namespace, String name) {
		return (namespace == null) ? name : namespace + "/" + name;
	}

	ResourceType type() {
		return this.type;
	}

	@Nullable String namespace() {
		return this.namespace;
	}

	String name() {
		return this.name;
	}

	String key() {
		return key(this.namespace, this.name);
	}

	Map<String, String> labels() {
		return this.labels;
	}

	long resourceVersion() {
		return this.resourceVersion;
	}

	String uid() {
		return this.uid;
	}

	List<String> ownerUids() {
		return this.ownerUids;
	}

	byte[] json() {
		return this.json;
	}

	/** The value at a dotted path (field selectors), read once from the JSON and remembered. */
	String field(String path) {
		Map<String, String> fields = this.fields;
		if (fields == null) {
			fields = new java.util.concurrent.ConcurrentHashMap<>(4);
			this.fields = fields;
		}
		return fields.computeIfAbsent(path, (key) -> Json.path(this.json, key.split("\\.")));
	}

	/** A fresh, mutable tree of this version. */
	JsonObject parse() {
		return Json.parseObject(this.json);
	}

}
