package io.github.informer.test;

import java.io.IOException;
import java.io.OutputStream;
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

	/** Where the members after {@code kind} and {@code apiVersion} start in {@link #json}; 0 if not serialized first. */
	private final int typeMetaEnd;

	/** Field-selector values read so far (objects are immutable, so they never go stale). */
	private volatile @Nullable Map<String, String> fields;

	private StoredObject(ResourceType type, @Nullable String namespace, String name, Map<String, String> labels,
			long resourceVersion, String uid, byte[] json, int typeMetaEnd, List<String> ownerUids) {
		this.type = type;
		this.namespace = namespace;
		this.name = name;
		this.labels = labels;
		this.resourceVersion = resourceVersion;
		this.uid = uid;
		this.json = json;
		this.typeMetaEnd = typeMetaEnd;
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
		String kind = Json.string(object, "kind");
		String apiVersion = Json.string(object, "apiVersion");
		if (kind == null || apiVersion == null) {
			return new StoredObject(type, namespace, (name != null) ? name : "", labels, resourceVersion,
					(uid != null) ? uid : "", Json.bytes(object), 0, ownerUids);
		}
		// kind and apiVersion first, as kube-apiserver writes them, so a list can leave them out without re-encoding
		JsonObject ordered = new JsonObject();
		ordered.addProperty("kind", kind);
		ordered.addProperty("apiVersion", apiVersion);
		object.entrySet().forEach((member) -> {
			if (!member.getKey().equals("kind") && !member.getKey().equals("apiVersion")) {
				ordered.add(member.getKey(), member.getValue());
			}
		});
		byte[] json = Json.bytes(ordered);
		byte[] prefix = Json.bytes(typeMetaOnly(kind, apiVersion));
		// prefix is {"kind":"...","apiVersion":"..."}: the members end one byte before its closing brace
		int typeMetaEnd = (ordered.size() > 2 && startsWith(json, prefix, prefix.length - 1)) ? prefix.length : 0;
		return new StoredObject(type, namespace, (name != null) ? name : "", labels, resourceVersion,
				(uid != null) ? uid : "", json, typeMetaEnd, ownerUids);
	}

	private static JsonObject typeMetaOnly(String kind, String apiVersion) {
		JsonObject typeMeta = new JsonObject();
		typeMeta.addProperty("kind", kind);
		typeMeta.addProperty("apiVersion", apiVersion);
		return typeMeta;
	}

	private static boolean startsWith(byte[] json, byte[] prefix, int length) {
		if (json.length <= length || json[length] != ',') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (json[i] != prefix[i]) {
				return false;
			}
		}
		return true;
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

	/**
	 * Write the object as an item of a typed list: kube-apiserver leaves {@code kind} and {@code apiVersion} out of
	 * the items of built-in kinds' lists (the list's own kind says it), and clients must cope.
	 * @param out the list body
	 * @param withTypeMeta whether to keep them (custom resources' lists keep them)
	 */
	void writeListItem(OutputStream out, boolean withTypeMeta) throws IOException {
		if (withTypeMeta || this.typeMetaEnd == 0) {
			out.write(this.json);
			return;
		}
		out.write('{');
		out.write(this.json, this.typeMetaEnd, this.json.length - this.typeMetaEnd);
	}

	/** The length of what {@link #writeListItem} writes. */
	int listItemLength(boolean withTypeMeta) {
		return (withTypeMeta || this.typeMetaEnd == 0) ? this.json.length : this.json.length - this.typeMetaEnd + 1;
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
