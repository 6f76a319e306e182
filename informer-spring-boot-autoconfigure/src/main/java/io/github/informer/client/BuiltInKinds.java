package io.github.informer.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * The kinds Kubernetes itself serves and client-java has a model class for, with their API group. client-java's
 * {@code ModelMapper} knows built-in models only by version and kind (without discovery it cannot tell that
 * {@code V1Deployment} is {@code apps/v1}); this table, derived from client-java's generated API classes, knows the
 * group too, so kinds resolve without asking the API server. It also knows each kind's scope (namespaced or
 * cluster-scoped) and every built-in API group, so no hand-kept list of either is needed.
 */
public final class BuiltInKinds {

	private static final String RESOURCE = "built-in-kinds.txt";

	private static final String MODELS_PACKAGE = "io.kubernetes.client.openapi.models.";

	private static final Map<String, Kind> BY_GROUP_VERSION_KIND;

	private static final Map<String, Kind> BY_MODEL;

	private static final Set<String> GROUPS;

	private static final Set<String> CLUSTER_SCOPED;

	static {
		Map<String, Kind> byGroupVersionKind = new HashMap<>();
		Map<String, Kind> byModel = new HashMap<>();
		Set<String> groups = new LinkedHashSet<>();
		Set<String> clusterScoped = new HashSet<>();
		for (Kind kind : load(groups)) {
			byGroupVersionKind.put(key(kind.group(), kind.version(), kind.kind()), kind);
			byModel.put(kind.modelClassName(), kind);
			groups.add(kind.group());
			if (!kind.namespaced()) {
				clusterScoped.add(kind.group() + "/" + kind.kind());
			}
		}
		BY_GROUP_VERSION_KIND = Collections.unmodifiableMap(byGroupVersionKind);
		BY_MODEL = Collections.unmodifiableMap(byModel);
		GROUPS = Collections.unmodifiableSet(groups);
		CLUSTER_SCOPED = Collections.unmodifiableSet(clusterScoped);
	}

	private BuiltInKinds() {
	}

	/**
	 * Return the model class of a built-in kind.
	 * @param group the API group, empty for core
	 * @param version the version
	 * @param kind the kind
	 * @return the model class, or {@code null} if Kubernetes serves no such kind (or client-java has no model)
	 */
	@SuppressWarnings("unchecked")
	public static @Nullable Class<? extends KubernetesObject> model(String group, String version, String kind) {
		Kind found = BY_GROUP_VERSION_KIND.get(key(group, version, kind));
		if (found == null) {
			return null;
		}
		try {
			return (Class<? extends KubernetesObject>) Class.forName(found.modelClassName(), false,
					BuiltInKinds.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return null;
		}
	}

	/**
	 * Return the kind a client-java model class represents.
	 * @param model the model class
	 * @return the kind, or {@code null} if it is not a built-in model
	 */
	public static @Nullable Kind of(Class<?> model) {
		return BY_MODEL.get(model.getName());
	}

	/**
	 * Return every apiVersion that serves a kind (case-insensitively), for suggestions.
	 * @param kind the kind
	 * @return the matching kinds
	 */
	public static List<Kind> named(String kind) {
		List<Kind> matches = new ArrayList<>();
		for (Kind candidate : BY_MODEL.values()) {
			if (candidate.kind().equalsIgnoreCase(kind)) {
				matches.add(candidate);
			}
		}
		matches.sort((a, b) -> a.apiVersion().compareTo(b.apiVersion()));
		return matches;
	}

	/**
	 * Return whether an API group is served by Kubernetes itself (custom resources cannot use it).
	 * @param group the group, empty for core
	 * @return whether it is built in
	 */
	public static boolean isBuiltInGroup(String group) {
		return GROUPS.contains(group);
	}

	/**
	 * Return whether a built-in kind is cluster-scoped (cannot be watched per namespace).
	 * @param group the API group, empty for core
	 * @param kind the kind
	 * @return {@code true} for a built-in cluster-scoped kind; {@code false} for a namespaced or unknown one
	 */
	public static boolean isClusterScoped(String group, String kind) {
		return CLUSTER_SCOPED.contains(group + "/" + kind);
	}

	private static String key(String group, String version, String kind) {
		return group + "/" + version + "/" + kind;
	}

	/** Read the kinds, adding the groups without a listable kind to {@code groups}. */
	private static List<Kind> load(Set<String> groups) {
		InputStream stream = BuiltInKinds.class.getResourceAsStream(RESOURCE);
		if (stream == null) {
			throw new IllegalStateException("Missing resource " + RESOURCE + " next to " + BuiltInKinds.class);
		}
		List<Kind> kinds = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] parts = line.trim().split(" ", 2);
				if (parts[0].equals("group")) {
					groups.add(parts[1]);
					continue;
				}
				String[] columns = parts[1].split("\\|", -1);
				kinds.add(new Kind(columns[0], columns[1], columns[2], columns[3].equals("namespaced"),
						MODELS_PACKAGE + parts[0]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return kinds;
	}

	/**
	 * A built-in kind.
	 *
	 * @param group the API group, empty for core
	 * @param version the version
	 * @param kind the kind
	 * @param namespaced whether its objects live in namespaces ({@code false}: cluster-scoped)
	 * @param modelClassName client-java's model class
	 */
	public record Kind(String group, String version, String kind, boolean namespaced, String modelClassName) {

		/**
		 * Return the apiVersion ({@code v1}, {@code apps/v1}).
		 * @return the apiVersion
		 */
		public String apiVersion() {
			return this.group.isEmpty() ? this.version : this.group + "/" + this.version;
		}

	}

}
