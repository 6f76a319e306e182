package io.github.informer.sample.website;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * A Website's spec read from the cached {@link DynamicKubernetesObject} (a CRD has no client-java model class), with
 * the CRD's defaults.
 *
 * @param namespace the namespace
 * @param name the name
 * @param generation {@code metadata.generation}, which status reports as observed
 * @param content the page
 * @param image the web server image
 * @param replicas the number of replicas
 */
public record Website(String namespace, String name, long generation, String content, String image, int replicas) {

	/** API group of the Website resource. */
	public static final String GROUP = "sample.informer.io";

	/** API version of the Website resource. */
	public static final String VERSION = "v1";

	/** {@code apiVersion} of Website objects. */
	public static final String API_VERSION = GROUP + "/" + VERSION;

	/** The kind. */
	public static final String KIND = "Website";

	/** The resource plural. */
	public static final String PLURAL = "websites";

	/** The image when the spec names none (the CRD's default). */
	public static final String DEFAULT_IMAGE = "nginx:1.27";

	static Website of(DynamicKubernetesObject object) {
		JsonObject spec = object.getRaw().getAsJsonObject("spec");
		Long generation = object.getMetadata().getGeneration();
		return new Website(object.getMetadata().getNamespace(), object.getMetadata().getName(),
				(generation != null) ? generation : 0, string(spec, "content", ""),
				string(spec, "image", DEFAULT_IMAGE), integer(spec, "replicas", 1));
	}

	/**
	 * Return the status of the Ready condition of a cached Website.
	 * @param object the Website
	 * @return {@code True}, {@code False}, or {@code null} before the controller reported
	 */
	static @Nullable String readyCondition(DynamicKubernetesObject object) {
		JsonObject status = object.getRaw().getAsJsonObject("status");
		if (status == null || !status.has("conditions")) {
			return null;
		}
		for (JsonElement condition : status.getAsJsonArray("conditions")) {
			JsonObject fields = condition.getAsJsonObject();
			if ("Ready".equals(string(fields, "type", ""))) {
				return string(fields, "status", null);
			}
		}
		return null;
	}

	private static String string(@Nullable JsonObject object, String field, String fallback) {
		JsonElement value = (object != null) ? object.get(field) : null;
		return (value != null && value.isJsonPrimitive()) ? value.getAsString() : fallback;
	}

	private static int integer(@Nullable JsonObject object, String field, int fallback) {
		JsonElement value = (object != null) ? object.get(field) : null;
		return (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) ? value.getAsInt()
				: fallback;
	}

}
