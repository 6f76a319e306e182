package io.github.informer.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.apimachinery.GroupVersion;
import io.github.informer.client.ListStrategy;
import io.github.informer.decoder.DecoderType;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * What one informer watches and caches, resolved and validated from {@code kubernetes.informers.resources.<name>}
 * (or inferred from a handler's parameter type).
 *
 * @param name the informer's name: bean qualifier, endpoint key, health component, metric tag
 * @param apiVersion {@code v1}, {@code apps/v1}, {@code example.com/v1alpha1}
 * @param kind the kind
 * @param apiType the Java type cached objects have
 * @param plural the configured resource plural, {@code null} to take it from discovery
 * @param namespaces the namespaces, empty for all namespaces (or a cluster-scoped resource)
 * @param labelSelector the label selector, or {@code null}
 * @param fieldSelector the field selector, or {@code null}
 * @param resync the resource-level resync period for handlers, {@link Duration#ZERO} for never
 * @param prune field paths dropped before caching
 * @param indexes extra cache indexes: name to SpEL expression
 * @param inferred whether the informer was created for a handler's parameter type rather than configured
 * @param decoder how list pages and watch events are decoded
 * @param listStrategy how each list/watch loop reads the current state: watch-list, paged list, or watch-list with
 * fallback
 */
public record InformerSpec(String name, String apiVersion, String kind, Class<? extends KubernetesObject> apiType,
		@Nullable String plural, List<String> namespaces, @Nullable String labelSelector,
		@Nullable String fieldSelector, Duration resync, List<String> prune, Map<String, String> indexes,
		boolean inferred, DecoderType decoder, ListStrategy listStrategy) {

	public InformerSpec {
		namespaces = List.copyOf(namespaces);
		prune = List.copyOf(prune);
		indexes = Map.copyOf(indexes);
	}

	/**
	 * Create a spec that reads the state with {@link ListStrategy#AUTO} (the default).
	 */
	public InformerSpec(String name, String apiVersion, String kind, Class<? extends KubernetesObject> apiType,
			@Nullable String plural, List<String> namespaces, @Nullable String labelSelector,
			@Nullable String fieldSelector, Duration resync, List<String> prune, Map<String, String> indexes,
			boolean inferred, DecoderType decoder) {
		this(name, apiVersion, kind, apiType, plural, namespaces, labelSelector, fieldSelector, resync, prune, indexes,
				inferred, decoder, ListStrategy.AUTO);
	}

	/**
	 * Create a spec decoded with the {@link DecoderType#STREAMING streaming} decoder (the default).
	 */
	public InformerSpec(String name, String apiVersion, String kind, Class<? extends KubernetesObject> apiType,
			@Nullable String plural, List<String> namespaces, @Nullable String labelSelector,
			@Nullable String fieldSelector, Duration resync, List<String> prune, Map<String, String> indexes,
			boolean inferred) {
		this(name, apiVersion, kind, apiType, plural, namespaces, labelSelector, fieldSelector, resync, prune, indexes,
				inferred, DecoderType.STREAMING);
	}

	/**
	 * Return the API group, empty for the core group.
	 * @return the group
	 */
	public String group() {
		return groupVersion(this.apiVersion).getGroup();
	}

	/**
	 * Return the version part of the apiVersion.
	 * @return the version
	 */
	public String version() {
		return groupVersion(this.apiVersion).getVersion();
	}

	/**
	 * Split an apiVersion: the one parser of the starter. client-java's {@link GroupVersion#parse(String)} for
	 * {@code group/version}; a bare version is the core group's (client-java accepts only {@code v1} there, but a
	 * report about {@code v2} should say that no kind is served in it, not that it cannot be parsed).
	 * @param apiVersion the apiVersion
	 * @return its group (empty for the core group) and version
	 * @throws IllegalArgumentException if it is not {@code version} or {@code group/version}
	 */
	public static GroupVersion groupVersion(String apiVersion) {
		return (apiVersion.indexOf('/') < 0) ? new GroupVersion("", apiVersion) : GroupVersion.parse(apiVersion);
	}

}
