package io.github.informer.test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The write semantics of kube-apiserver on top of the store, shared by the HTTP routes and the Java API:
 * server-set metadata (uid, creationTimestamp, generation, resourceVersion), optimistic concurrency, the status
 * subresource, finalizers, delete preconditions, namespace cascade and CustomResourceDefinition registration.
 */
final class ApiOperations {

	private static final String NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";

	private final ObjectStore store;

	private final ResourceTypes types;

	private final boolean dryRun;

	ApiOperations(ObjectStore store, ResourceTypes types) {
		this(store, types, false);
	}

	private ApiOperations(ObjectStore store, ResourceTypes types, boolean dryRun) {
		this.store = store;
		this.types = types;
		this.dryRun = dryRun;
	}

	/** The same operations as a {@code dryRun=All} request runs them: validated and answered, never stored. */
	ApiOperations dryRun() {
		return new ApiOperations(this.store, this.types, true);
	}

	/**
	 * Creates an object. {@code trusted} writes (the Java API) keep the status they carry; HTTP creates of kinds
	 * with a status subresource drop it, as kube-apiserver does.
	 */
	StoredObject create(ResourceType type, @Nullable String namespace, JsonObject object, boolean trusted) {
		prepare(type, namespace, object);
		return this.store.write(this.dryRun, (writer) -> create(writer, type, object, trusted));
	}

	private StoredObject create(ObjectStore.Writer writer, ResourceType type, JsonObject object, boolean trusted) {
		prepareCreate(writer, type, object, trusted);
		StoredObject stored = writer.put(type, object);
		afterWrite(type, object);
		return stored;
	}

	/** Everything a create does before storing: name, uniqueness, server-set metadata. */
	private void prepareCreate(ObjectStore.Writer writer, ResourceType type, JsonObject object, boolean trusted) {
		JsonObject metadata = Json.metadata(object);
		String name = Json.string(metadata, "name");
		if (name == null || name.isEmpty()) {
			String prefix = Json.string(metadata, "generateName");
			if (prefix == null || prefix.isEmpty()) {
				throw ApiError.invalid(type, null, "metadata.name: Required value: name or generateName is required");
			}
			do {
				name = prefix + randomSuffix();
			}
			while (writer.get(type, namespaceOf(type, metadata), name) != null);
			metadata.addProperty("name", name);
		}
		checkName(type, name);
		if (writer.get(type, namespaceOf(type, metadata), name) != null) {
			throw ApiError.alreadyExists(type, name);
		}
		metadata.addProperty("uid", uid());
		metadata.addProperty("creationTimestamp", now());
		if (this.types.hasGeneration(type)) {
			metadata.addProperty("generation", 1);
		}
		metadata.remove("deletionTimestamp");
		metadata.remove("deletionGracePeriodSeconds");
		if (!trusted && type.statusSubresource()) {
			object.remove("status");
		}
		onCreate(type, object);
	}

	/** Replaces an object; {@code status} selects the status subresource. */
	StoredObject update(ResourceType type, @Nullable String namespace, String name, JsonObject object, boolean status,
			boolean trusted) {
		prepare(type, namespace, object);
		checkSameName(type, name, object);
		return this.store.write(this.dryRun, (writer) -> {
			StoredObject current = writer.get(type, namespaceOf(type, Json.metadata(object)), name);
			if (current == null) {
				throw ApiError.notFound(type, name);
			}
			checkResourceVersion(type, current, object);
			return replace(writer, type, current, object, status, trusted);
		});
	}

	/** Creates or replaces regardless of resourceVersion (the Java API's apply). */
	StoredObject apply(ResourceType type, JsonObject object) {
		prepare(type, null, object);
		return this.store.write(this.dryRun, (writer) -> {
			JsonObject metadata = Json.metadata(object);
			StoredObject current = writer.get(type, namespaceOf(type, metadata), nameOf(metadata));
			metadata.remove("resourceVersion");
			return (current != null) ? replace(writer, type, current, object, false, true)
					: create(writer, type, object, true);
		});
	}

	/** Creates or replaces many objects in one write: bulk seeding. */
	int seed(List<TypedObject> objects) {
		for (TypedObject object : objects) {
			prepare(object.type(), null, object.object());
		}
		return this.store.write(this.dryRun, (writer) -> {
			// new objects are stored in batches whose JSON is written in parallel; the rest one by one
			List<TypedObject> batch = new ArrayList<>();
			Set<String> batchKeys = new HashSet<>();
			for (TypedObject typed : objects) {
				JsonObject metadata = Json.metadata(typed.object());
				String namespace = namespaceOf(typed.type(), metadata);
				String name = nameOf(metadata);
				String key = typed.type().storageKey() + "/" + StoredObject.key(namespace, name);
				if (batchKeys.contains(key) || isCustomResourceDefinition(typed.type())) {
					writer.putAll(batch);
					batch.clear();
					batchKeys.clear();
				}
				StoredObject current = writer.get(typed.type(), namespace, name);
				metadata.remove("resourceVersion");
				if (current != null) {
					replace(writer, typed.type(), current, typed.object(), false, true);
				}
				else if (isCustomResourceDefinition(typed.type())) {
					create(writer, typed.type(), typed.object(), true);
				}
				else {
					prepareCreate(writer, typed.type(), typed.object(), true);
					batch.add(typed);
					batchKeys.add(key);
				}
			}
			writer.putAll(batch);
			return objects.size();
		});
	}

	/** Patches an object; an apply patch (server-side apply) creates it when absent. */
	StoredObject patch(ResourceType type, @Nullable String namespace, String name, PatchType patchType,
			JsonElement patch, boolean status) {
		return this.store.write(this.dryRun, (writer) -> {
			StoredObject current = writer.get(type, type.namespaced() ? namespace : null, name);
			if (current == null) {
				if (patchType != PatchType.APPLY || !patch.isJsonObject()) {
					throw ApiError.notFound(type, name);
				}
				JsonObject created = patch.getAsJsonObject().deepCopy();
				prepare(type, namespace, created);
				checkSameName(type, name, created);
				return create(writer, type, created, false);
			}
			JsonObject before = current.parse();
			JsonElement patched = switch (patchType) {
				case MERGE -> Patches.merge(before, patch);
				case JSON -> JsonPatch.apply(before, patch);
				case STRATEGIC, APPLY -> Patches.strategic(before, patch);
			};
			if (!patched.isJsonObject()) {
				throw ApiError.badRequest("the patched object is not a JSON object");
			}
			JsonObject object = patched.getAsJsonObject();
			prepare(type, namespace, object);
			checkSameName(type, name, object);
			checkResourceVersion(type, current, object);
			return replace(writer, type, current, object, status, false);
		});
	}

	/** Deletes an object, or marks it for deletion while it has finalizers. */
	Deletion delete(ResourceType type, @Nullable String namespace, String name, @Nullable String uid,
			@Nullable String resourceVersion) {
		return delete(type, namespace, name, DeleteOptions.preconditions(uid, resourceVersion));
	}

	/**
	 * Deletes an object as kube-apiserver's registry does with the given options (validated, preconditions checked
	 * as {@code rest.BeforeDelete} checks them), then plays the garbage collector for its dependents.
	 */
	Deletion delete(ResourceType type, @Nullable String namespace, String name, DeleteOptions options) {
		return this.store.write(this.dryRun, (writer) -> {
			StoredObject current = writer.get(type, type.namespaced() ? namespace : null, name);
			if (current == null) {
				throw ApiError.notFound(type, name);
			}
			options.validate();
			if (options.uid() != null && !options.uid().equals(current.uid())) {
				throw preconditionFailed(type, name, "the UID in the precondition (" + options.uid()
						+ ") does not match the UID in record (" + current.uid()
						+ "). The object might have been deleted and then recreated");
			}
			if (options.resourceVersion() != null
					&& !options.resourceVersion().equals(Long.toString(current.resourceVersion()))) {
				throw preconditionFailed(type, name, "the ResourceVersion in the precondition ("
						+ options.resourceVersion() + ") does not match the ResourceVersion in record ("
						+ current.resourceVersion() + "). The object might have been modified");
			}
			return delete(writer, current, options);
		});
	}

	/** A 409 whose details name the Kind, as {@code BeforeDelete} builds it. */
	private static ApiError preconditionFailed(ResourceType type, String name, String why) {
		JsonObject details = new JsonObject();
		details.addProperty("name", name);
		if (!type.group().isEmpty()) {
			details.addProperty("group", type.group());
		}
		details.addProperty("kind", type.kind());
		String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
		return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + kind + " \"" + name + "\": " + why,
				details);
	}

	private Deletion delete(ObjectStore.Writer writer, StoredObject current, DeleteOptions options) {
		JsonObject object = current.parse();
		JsonObject metadata = Json.metadata(object);
		if (metadata.has("deletionTimestamp")) {
			// already being deleted: finalizers cannot be changed through DeleteOptions any more
			return new Deletion(current, false);
		}
		ResourceType type = current.type();
		List<String> finalizers = GarbageCollector.finalizers(type, metadata, options);
		long gracePeriod = gracePeriod(type, object, options);
		if (gracePeriod > 0 || !finalizers.isEmpty()) {
			Instant deletion = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(gracePeriod);
			metadata.addProperty("deletionTimestamp", deletion.toString());
			metadata.addProperty("deletionGracePeriodSeconds", gracePeriod);
			if (metadata.has("generation")) {
				metadata.addProperty("generation", metadata.get("generation").getAsLong() + 1);
			}
			Json.setStrings(metadata, "finalizers", finalizers);
			StoredObject marked = writer.put(type, object);
			if (this.dryRun) {
				// nothing is stored, so no garbage collector or kubelet ever sees it
				return new Deletion(marked, false);
			}
			StoredObject last = new GarbageCollector(this, writer).finalize(marked, finalizers);
			if (last != null && gracePeriod > 0 && isEmpty(Json.metadata(last.parse()).get("finalizers"))) {
				// no kubelet: the containers stop at once, so the pod goes as soon as it is marked
				remove(writer, last);
			}
			return new Deletion(marked, false);
		}
		return new Deletion(remove(writer, current), true);
	}

	/** Removes the object for good (a Namespace with its contents), then collects its dependents. */
	StoredObject remove(ObjectStore.Writer writer, StoredObject current) {
		ResourceType type = current.type();
		if (type.kind().equals("Namespace") && type.group().isEmpty()) {
			for (ResourceType other : this.types.all()) {
				if (other.namespaced()) {
					for (StoredObject contained : new ArrayList<>(writer.all(other, current.name()))) {
						delete(writer, contained, DeleteOptions.DEFAULT);
					}
				}
			}
		}
		StoredObject gone = writer.remove(current);
		if (isCustomResourceDefinition(type)) {
			unregisterCustomResource(writer, current.parse());
		}
		if (!this.dryRun) {
			new GarbageCollector(this, writer).collect(current);
		}
		return gone;
	}

	/**
	 * The grace period of a delete: pods only ({@code podStrategy.CheckGracefulDelete}): the request's, else the
	 * pod's {@code terminationGracePeriodSeconds} (no defaulting here: absent means 0), and 0 for a pod that is not
	 * scheduled or has ended.
	 */
	private static long gracePeriod(ResourceType type, JsonObject object, DeleteOptions options) {
		if (!type.group().isEmpty() || !type.kind().equals("Pod")) {
			return 0;
		}
		long period = 0;
		if (options.gracePeriodSeconds() != null) {
			period = options.gracePeriodSeconds();
		}
		else {
			String declared = Json.path(Json.bytes(object), new String[] { "spec", "terminationGracePeriodSeconds" });
			period = declared.isEmpty() ? 0 : Long.parseLong(declared);
		}
		String node = Json.path(Json.bytes(object), new String[] { "spec", "nodeName" });
		String phase = Json.path(Json.bytes(object), new String[] { "status", "phase" });
		if (node.isEmpty() || phase.equals("Failed") || phase.equals("Succeeded")) {
			return 0;
		}
		return (period < 0) ? 1 : period;
	}

	/** Writes a change the garbage collector makes (a dependent without its owner, an owner without a finalizer). */
	StoredObject rewrite(ObjectStore.Writer writer, StoredObject current, JsonObject changed) {
		JsonObject metadata = Json.metadata(changed);
		if (metadata.has("deletionTimestamp") && isEmpty(metadata.get("finalizers"))) {
			return remove(writer, current);
		}
		return writer.put(current.type(), changed);
	}

	/** Deletes a dependent for the garbage collector, with the propagation it chose. */
	Deletion collect(ObjectStore.Writer writer, StoredObject dependent, String propagationPolicy) {
		return delete(writer, dependent, new DeleteOptions(List.of(), null, propagationPolicy, null, null, null));
	}

	ResourceTypes types() {
		return this.types;
	}

	/** {@code ValidateNoNewFinalizers}: an object being deleted may lose finalizers but not gain any. */
	private static void checkNoNewFinalizers(ResourceType type, JsonObject before, JsonObject after) {
		if (!before.has("deletionTimestamp")) {
			return;
		}
		List<String> added = new ArrayList<>(Json.strings(after, "finalizers"));
		added.removeAll(Json.strings(before, "finalizers"));
		if (!added.isEmpty()) {
			List<String> quoted = new ArrayList<>();
			added.stream().sorted().forEach((finalizer) -> quoted.add(FieldError.quote(finalizer)));
			throw ApiError.invalid(type, Json.string(after, "name"), "metadata.finalizers: Forbidden: no new"
					+ " finalizers can be added if the object is being deleted, found new finalizers []string{"
					+ String.join(", ", quoted) + "}");
		}
	}

	private StoredObject replace(ObjectStore.Writer writer, ResourceType type, StoredObject current, JsonObject object,
			boolean statusOnly, boolean trusted) {
		JsonObject before = current.parse();
		JsonObject after;
		if (statusOnly) {
			after = before.deepCopy();
			JsonElement status = object.get("status");
			if (status != null) {
				after.add("status", status);
			}
			else {
				after.remove("status");
			}
		}
		else {
			after = object;
			if (type.statusSubresource() && !trusted) {
				JsonElement status = before.get("status");
				if (status != null) {
					after.add("status", status);
				}
				else {
					after.remove("status");
				}
			}
		}
		if (Namespaces.isNamespace(type) && !statusOnly) {
			Namespaces.onUpdate(before, after);
		}
		JsonObject beforeMetadata = Json.metadata(before);
		JsonObject metadata = Json.metadata(after);
		for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
				"generation")) {
			JsonElement value = beforeMetadata.get(kept);
			if (value != null) {
				metadata.add(kept, value);
			}
			else {
				metadata.remove(kept);
			}
		}
		metadata.addProperty("resourceVersion", Long.toString(current.resourceVersion()));
		checkNoNewFinalizers(type, beforeMetadata, metadata);
		if (!statusOnly && this.types.hasGeneration(type) && specChanged(before, after)) {
			long generation = beforeMetadata.has("generation") ? beforeMetadata.get("generation").getAsLong() : 0;
			metadata.addProperty("generation", generation + 1);
		}
		if (after.equals(before)) {
			return current;
		}
		if (metadata.has("deletionTimestamp") && isEmpty(metadata.get("finalizers"))) {
			return remove(writer, current);
		}
		StoredObject stored = writer.put(type, after);
		afterWrite(type, after);
		return stored;
	}

	/** Whether anything but metadata and status differs: what makes kube-apiserver bump the generation. */
	private static boolean specChanged(JsonObject before, JsonObject after) {
		Set<String> members = new HashSet<>(before.keySet());
		members.addAll(after.keySet());
		for (String member : members) {
			if (!member.equals("metadata") && !member.equals("status")
					&& !java.util.Objects.equals(before.get(member), after.get(member))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isEmpty(@Nullable JsonElement list) {
		return list == null || !list.isJsonArray() || list.getAsJsonArray().isEmpty();
	}

	/** Fills apiVersion/kind and the namespace, and rejects a body that contradicts the URL. */
	private static void prepare(ResourceType type, @Nullable String namespace, JsonObject object) {
		String apiVersion = Json.string(object, "apiVersion");
		String kind = Json.string(object, "kind");
		if ((kind != null && !kind.equals(type.kind()))
				|| (apiVersion != null && !apiVersion.equals(type.apiVersion()))) {
			throw ApiError.badRequest("the API version in the data (" + apiVersion + ") and kind (" + kind
					+ ") do not match the resource " + type.groupResource() + " (" + type.apiVersion() + ", "
					+ type.kind() + ")");
		}
		object.addProperty("apiVersion", type.apiVersion());
		object.addProperty("kind", type.kind());
		JsonObject metadata = Json.metadata(object);
		// kube-apiserver omits empty metadata collections (client-java models send them as {} and [])
		metadata.entrySet()
			.removeIf((entry) -> entry.getValue().isJsonNull()
					|| (entry.getValue().isJsonArray() && entry.getValue().getAsJsonArray().isEmpty())
					|| (entry.getValue().isJsonObject() && entry.getValue().getAsJsonObject().size() == 0));
		if (!type.namespaced()) {
			metadata.remove("namespace");
			return;
		}
		String bodyNamespace = Json.string(metadata, "namespace");
		if (namespace != null) {
			if (bodyNamespace != null && !bodyNamespace.isEmpty() && !bodyNamespace.equals(namespace)) {
				throw ApiError.badRequest("the namespace of the provided object does not match the namespace sent on"
						+ " the request");
			}
			metadata.addProperty("namespace", namespace);
		}
		else if (bodyNamespace == null || bodyNamespace.isEmpty()) {
			metadata.addProperty("namespace", "default");
		}
	}

	private static void checkSameName(ResourceType type, String name, JsonObject object) {
		String bodyName = Json.string(Json.metadata(object), "name");
		if (bodyName == null || bodyName.isEmpty()) {
			Json.metadata(object).addProperty("name", name);
		}
		else if (!bodyName.equals(name)) {
			throw ApiError.badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
					+ name + ")");
		}
	}

	private static void checkName(ResourceType type, String name) {
		if (name.contains("/") || name.contains("%") || name.equals(".") || name.equals("..") || name.length() > 253) {
			throw ApiError.invalid(type, name, "metadata.name: Invalid value: \"" + name
					+ "\": may not contain '/' or '%', be '.' or '..', or be longer than 253 characters");
		}
	}

	private static void checkResourceVersion(ResourceType type, StoredObject current, JsonObject object) {
		String requested = Json.string(Json.metadata(object), "resourceVersion");
		if (requested != null && !requested.isEmpty()
				&& !requested.equals(Long.toString(current.resourceVersion()))) {
			throw ApiError.conflict(type, current.name(),
					"the object has been modified; please apply your changes to the latest version and try again");
		}
	}

	private static @Nullable String namespaceOf(ResourceType type, JsonObject metadata) {
		return type.namespaced() ? Json.string(metadata, "namespace") : null;
	}

	private static String nameOf(JsonObject metadata) {
		String name = Json.string(metadata, "name");
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("FakeKubernetesApiServer: the object has no metadata.name; set it"
					+ " (generateName is supported by create only)");
		}
		return name;
	}

	private void onCreate(ResourceType type, JsonObject object) {
		if (Namespaces.isNamespace(type)) {
			Namespaces.onCreate(object);
		}
		if (isCustomResourceDefinition(type)) {
			CustomResourceDefinitions.accept(object);
		}
	}

	private void afterWrite(ResourceType type, JsonObject object) {
		if (isCustomResourceDefinition(type) && !this.dryRun) {
			for (ResourceType served : CustomResourceDefinitions.resourceTypes(object)) {
				this.types.register(served);
			}
		}
	}

	private void unregisterCustomResource(ObjectStore.Writer writer, JsonObject definition) {
		List<ResourceType> served = CustomResourceDefinitions.resourceTypes(definition);
		if (served.isEmpty() || this.dryRun) {
			return;
		}
		ResourceType any = served.get(0);
		for (StoredObject object : new ArrayList<>(writer.all(any, null))) {
			writer.remove(object);
		}
		this.types.unregister(any.group(), any.plural());
	}

	private static boolean isCustomResourceDefinition(ResourceType type) {
		return type.group().equals("apiextensions.k8s.io") && type.kind().equals("CustomResourceDefinition");
	}

	private static String now() {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
	}

	/** A random (version 4) UUID without SecureRandom's cost: uids need to be unique, not unpredictable. */
	private static String uid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
		long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	private static String randomSuffix() {
		StringBuilder suffix = new StringBuilder(5);
		for (int i = 0; i < 5; i++) {
			suffix.append(NAME_CHARS.charAt(ThreadLocalRandom.current().nextInt(NAME_CHARS.length())));
		}
		return suffix.toString();
	}

	/** The patch formats kube-apiserver accepts. */
	enum PatchType {

		MERGE, JSON, STRATEGIC, APPLY

	}

	/** An object with its resource, for bulk writes. */
	record TypedObject(ResourceType type, JsonObject object) {
	}

	/** The result of a DELETE: the object's last state and whether it is gone (false while finalizers remain). */
	record Deletion(StoredObject object, boolean gone) {
	}

}
