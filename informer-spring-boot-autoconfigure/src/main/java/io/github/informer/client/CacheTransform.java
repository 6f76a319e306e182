package io.github.informer.client;

import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.TransformFunc;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * What the cache keeps of each object, applied once per object before it is cached and delivered (client-java's
 * transform hook): drops the {@code kubectl.kubernetes.io/last-applied-configuration} annotation (a full copy of the
 * object as last applied), prunes configured fields, and interns repeated strings.
 */
final class CacheTransform implements TransformFunc {

	/** The annotation {@code kubectl apply} writes: a JSON copy of the whole applied object. */
	static final String LAST_APPLIED_CONFIGURATION = "kubectl.kubernetes.io/last-applied-configuration";

	private final boolean dropLastAppliedConfiguration;

	private final FieldPruner pruner;

	private final @Nullable ModelStringInterner interner;

	/**
	 * Create a transform.
	 * @param apiType the cached object type
	 * @param dropLastAppliedConfiguration whether to drop the last-applied annotation
	 * @param pruner the fields to drop
	 * @param interner the string table, or {@code null} not to intern
	 */
	CacheTransform(Class<?> apiType, boolean dropLastAppliedConfiguration, FieldPruner pruner,
			@Nullable StringInterner interner) {
		this.dropLastAppliedConfiguration = dropLastAppliedConfiguration;
		this.pruner = pruner;
		this.interner = (interner != null && !DynamicKubernetesObject.class.isAssignableFrom(apiType))
				? new ModelStringInterner(interner, apiType) : null;
	}

	/**
	 * Return whether this transform changes anything.
	 * @return {@code false} when every option is off
	 */
	boolean isEmpty() {
		return !this.dropLastAppliedConfiguration && this.pruner.isEmpty() && this.interner == null;
	}

	@Override
	public KubernetesObject transform(KubernetesObject object) {
		if (this.dropLastAppliedConfiguration) {
			dropLastApplied(object);
		}
		this.pruner.prune(object);
		if (this.interner != null) {
			this.interner.intern(object);
		}
		return object;
	}

	private static void dropLastApplied(KubernetesObject object) {
		if (object instanceof DynamicKubernetesObject dynamic) {
			JsonElement metadata = dynamic.getRaw().get("metadata");
			if (metadata instanceof JsonObject metadataObject
					&& metadataObject.get("annotations") instanceof JsonObject annotations) {
				annotations.remove(LAST_APPLIED_CONFIGURATION);
			}
			return;
		}
		V1ObjectMeta metadata = object.getMetadata();
		Map<String, String> annotations = (metadata != null) ? metadata.getAnnotations() : null;
		if (annotations != null && annotations.containsKey(LAST_APPLIED_CONFIGURATION)) {
			annotations.remove(LAST_APPLIED_CONFIGURATION);
			if (annotations.isEmpty()) {
				metadata.setAnnotations(null);
			}
		}
	}

}
