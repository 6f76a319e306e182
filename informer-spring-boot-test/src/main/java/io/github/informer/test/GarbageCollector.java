package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The deletion propagation of a cluster, in two halves. The API server's: which finalizers a delete adds
 * ({@code orphan}, {@code foregroundDeletion}) from the options, the object's finalizers and the kind's default
 * policy, as the generic registry's {@code deletionFinalizersForGarbageCollection} decides. The garbage
 * collector's (a controller, run here at once in the same write, so watchers see the order a cluster shows):
 * orphaned dependents lose their owner reference, foreground dependents are deleted before their owner, and
 * dependents left without any existing owner are deleted in the background.
 */
final class GarbageCollector {

	static final String ORPHAN = "orphan";

	static final String FOREGROUND = "foregroundDeletion";

	private final ApiOperations operations;

	private final ObjectStore.Writer writer;

	GarbageCollector(ApiOperations operations, ObjectStore.Writer writer) {
		this.operations = operations;
		this.writer = writer;
	}

	/** The finalizers the object has once deleted with these options. */
	static List<String> finalizers(ResourceType type, JsonObject metadata, DeleteOptions options) {
		List<String> current = Json.strings(metadata, "finalizers");
		String defaultPolicy = defaultPolicy(type);
		if (defaultPolicy == null) {
			return current;
		}
		boolean orphan;
		boolean foreground;
		if (options.orphanDependents() != null) {
			orphan = options.orphanDependents();
			foreground = false;
		}
		else if (options.propagationPolicy() != null) {
			orphan = options.propagationPolicy().equals(DeleteOptions.ORPHAN);
			foreground = options.propagationPolicy().equals(DeleteOptions.FOREGROUND);
		}
		else if (current.contains(ORPHAN) || current.contains(FOREGROUND)) {
			orphan = current.contains(ORPHAN);
			foreground = !orphan;
		}
		else {
			orphan = defaultPolicy.equals(DeleteOptions.ORPHAN);
			foreground = false;
		}
		List<String> finalizers = new ArrayList<>(current);
		finalizers.removeIf((finalizer) -> finalizer.equals(ORPHAN) || finalizer.equals(FOREGROUND));
		if (orphan) {
			finalizers.add(ORPHAN);
		}
		if (foreground) {
			finalizers.add(FOREGROUND);
		}
		return finalizers;
	}

	/**
	 * The policy when a delete names none: Orphan for core/v1 ReplicationControllers and batch/v1 Jobs (kept for
	 * old clients; kubectl always sends Background), none for Events (their strategy does not support garbage
	 * collection), Background for everything else.
	 */
	private static @Nullable String defaultPolicy(ResourceType type) {
		return switch (type.groupResource()) {
			case "events" -> null;
			case "replicationcontrollers" -> DeleteOptions.ORPHAN;
			case "jobs.batch" -> type.version().equals("v1") ? DeleteOptions.ORPHAN : DeleteOptions.BACKGROUND;
			default -> DeleteOptions.BACKGROUND;
		};
	}

	/**
	 * Does the collector's work for the finalizers it owns on an object just marked for deletion: orphans or
	 * deletes its dependents, then removes the finalizer. Returns the object's last state, or null once it is gone.
	 */
	@Nullable StoredObject finalize(StoredObject marked, List<String> finalizers) {
		StoredObject current = marked;
		if (finalizers.contains(ORPHAN)) {
			for (StoredObject dependent : this.writer.dependents(marked.uid())) {
				dropOwner(dependent, marked.uid());
			}
			current = removeFinalizer(current, ORPHAN);
		}
		if (current != null && finalizers.contains(FOREGROUND)) {
			for (StoredObject dependent : this.writer.dependents(marked.uid())) {
				if (hasOtherOwner(dependent, marked.uid())) {
					dropOwner(dependent, marked.uid());
				}
				else {
					// the collector deletes in the foreground only dependents that own objects themselves
					this.operations.collect(this.writer, dependent,
							this.writer.dependents(dependent.uid()).isEmpty() ? DeleteOptions.BACKGROUND
									: DeleteOptions.FOREGROUND);
				}
			}
			current = removeFinalizer(current, FOREGROUND);
		}
		return current;
	}

	/** After an owner is gone: dependents that still have another owner lose the reference, the rest are deleted. */
	void collect(StoredObject gone) {
		for (StoredObject dependent : this.writer.dependents(gone.uid())) {
			if (hasOtherOwner(dependent, gone.uid())) {
				dropOwner(dependent, gone.uid());
			}
			else {
				this.operations.collect(this.writer, dependent, DeleteOptions.BACKGROUND);
			}
		}
	}

	private @Nullable StoredObject removeFinalizer(StoredObject current, String finalizer) {
		JsonObject object = current.parse();
		JsonObject metadata = Json.metadata(object);
		List<String> finalizers = Json.strings(metadata, "finalizers");
		finalizers.remove(finalizer);
		Json.setStrings(metadata, "finalizers", finalizers);
		StoredObject written = this.operations.rewrite(this.writer, current, object);
		return finalizers.isEmpty() ? null : written;
	}

	private void dropOwner(StoredObject dependent, String ownerUid) {
		JsonObject object = dependent.parse();
		JsonObject metadata = Json.metadata(object);
		JsonArray kept = new JsonArray();
		for (JsonElement owner : ownerReferences(metadata)) {
			if (!ownerUid.equals(Json.string(owner.getAsJsonObject(), "uid"))) {
				kept.add(owner);
			}
		}
		if (kept.isEmpty()) {
			metadata.remove("ownerReferences");
		}
		else {
			metadata.add("ownerReferences", kept);
		}
		this.operations.rewrite(this.writer, dependent, object);
	}

	/** Whether another owner the dependent names exists (same name and uid), as the collector's "solid" owners. */
	private boolean hasOtherOwner(StoredObject dependent, String ownerUid) {
		for (JsonElement element : ownerReferences(Json.metadata(dependent.parse()))) {
			JsonObject owner = element.getAsJsonObject();
			String uid = Json.string(owner, "uid");
			String apiVersion = Json.string(owner, "apiVersion");
			String kind = Json.string(owner, "kind");
			String name = Json.string(owner, "name");
			if (uid == null || uid.equals(ownerUid) || apiVersion == null || kind == null || name == null) {
				continue;
			}
			ResourceType type = this.operations.types().byKind(apiVersion, kind).orElse(null);
			StoredObject existing = (type != null)
					? this.writer.get(type, type.namespaced() ? dependent.namespace() : null, name) : null;
			if (existing != null && existing.uid().equals(uid)) {
				return true;
			}
		}
		return false;
	}

	private static List<JsonElement> ownerReferences(JsonObject metadata) {
		List<JsonElement> owners = new ArrayList<>();
		JsonElement value = metadata.get("ownerReferences");
		if (value != null && value.isJsonArray()) {
			for (JsonElement owner : value.getAsJsonArray()) {
				if (owner.isJsonObject()) {
					owners.add(owner);
				}
			}
		}
		return owners;
	}

}
