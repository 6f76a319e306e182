package io.github.informer.client;

import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes resource an informer lists and watches: group, version, kind, the Java type objects decode to, and the
 * plural and scope used in URLs. The plural starts as configured or guessed by the Kubernetes naming convention and is
 * corrected by API discovery once the API server answers, so a cluster that is down at startup does not block it.
 *
 * @param <T> the object type
 */
public final class ResourceType<T extends KubernetesObject> {

	private final String group;

	private final String version;

	private final String kind;

	private final Class<T> apiType;

	private final boolean pluralConfigured;

	private volatile String plural;

	private volatile @Nullable Boolean namespaced;

	private volatile boolean discovered;

	/**
	 * Create a resource type.
	 * @param group the API group, empty for core
	 * @param version the API version
	 * @param kind the kind
	 * @param apiType the Java type objects decode to
	 * @param plural the configured plural, or {@code null} to guess it from the kind
	 */
	public ResourceType(String group, String version, String kind, Class<T> apiType, @Nullable String plural) {
		this.group = group;
		this.version = version;
		this.kind = kind;
		this.apiType = apiType;
		this.pluralConfigured = plural != null;
		this.plural = (plural != null) ? plural : guessPlural(kind);
	}

	/**
	 * Guess the resource plural of a kind the way Kubernetes names built-in resources (lowercase, then {@code s},
	 * {@code es} or {@code ies}).
	 * @param kind the kind
	 * @return the plural
	 */
	public static String guessPlural(String kind) {
		String lower = kind.toLowerCase(java.util.Locale.ROOT);
		if (lower.equals("endpoints")) {
			return lower;
		}
		if (lower.endsWith("s") || lower.endsWith("x") || lower.endsWith("ch") || lower.endsWith("sh")) {
			return lower + "es";
		}
		if (lower.endsWith("y") && lower.length() > 1 && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0) {
			return lower.substring(0, lower.length() - 1) + "ies";
		}
		return lower + "s";
	}

	public String group() {
		return this.group;
	}

	public String version() {
		return this.version;
	}

	public String kind() {
		return this.kind;
	}

	public Class<T> apiType() {
		return this.apiType;
	}

	public String plural() {
		return this.plural;
	}

	/**
	 * Return whether the resource is namespaced, if known (from discovery).
	 * @return {@code true}/{@code false}, or {@code null} before discovery succeeded
	 */
	public @Nullable Boolean namespaced() {
		return this.namespaced;
	}

	/**
	 * Return the {@code apiVersion} ({@code v1}, {@code apps/v1}).
	 * @return the apiVersion
	 */
	public String apiVersion() {
		return this.group.isEmpty() ? this.version : this.group + "/" + this.version;
	}

	/**
	 * Return the resource name for messages: the plural, qualified by the group when not core
	 * ({@code deployments.apps}).
	 * @return the resource name
	 */
	public String resourceName() {
		return this.group.isEmpty() ? this.plural : this.plural + "." + this.group;
	}

	/**
	 * Return the discovery path of the resource's group version.
	 * @return {@code /api/v1} or {@code /apis/<group>/<version>}
	 */
	public String groupVersionPath() {
		return this.group.isEmpty() ? "/api/" + this.version : "/apis/" + this.group + "/" + this.version;
	}

	boolean discovered() {
		return this.discovered;
	}

	void discovered(String discoveredPlural, boolean discoveredNamespaced) {
		if (!this.pluralConfigured) {
			this.plural = discoveredPlural;
		}
		this.namespaced = discoveredNamespaced;
		this.discovered = true;
	}

	@Override
	public String toString() {
		return this.kind + " (" + apiVersion() + ")";
	}

}
