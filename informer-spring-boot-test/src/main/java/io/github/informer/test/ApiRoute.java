package io.github.informer.test;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Where a resource request points: {@code /api/v1[/watch][/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]} or
 * the same under {@code /apis/{group}/{version}}.
 *
 * @param group API group ("" for core)
 * @param version API version
 * @param plural resource
 * @param namespace namespace from the path, or null
 * @param name object name, or null for the collection
 * @param subresource subresource (e.g. status), or null
 * @param legacyWatch whether the path used the legacy {@code /watch/} prefix
 */
record ApiRoute(String group, String version, String plural, @Nullable String namespace, @Nullable String name,
		@Nullable String subresource, boolean legacyWatch) {

	/** Parses a resource path, or returns null when the path is not one (discovery, unknown). */
	static @Nullable ApiRoute parse(String[] segments) {
		String group;
		String version;
		String[] rest;
		if (segments.length >= 3 && segments[0].equals("api")) {
			group = "";
			version = segments[1];
			rest = Arrays.copyOfRange(segments, 2, segments.length);
		}
		else if (segments.length >= 4 && segments[0].equals("apis")) {
			group = segments[1];
			version = segments[2];
			rest = Arrays.copyOfRange(segments, 3, segments.length);
		}
		else {
			return null;
		}
		boolean watch = false;
		if (rest.length > 1 && rest[0].equals("watch")) {
			watch = true;
			rest = Arrays.copyOfRange(rest, 1, rest.length);
		}
		String namespace = null;
		if (rest.length >= 3 && rest[0].equals("namespaces") && !rest[2].equals("status")
				&& !rest[2].equals("finalize")) {
			namespace = rest[1];
			rest = Arrays.copyOfRange(rest, 2, rest.length);
		}
		if (rest.length == 0 || rest.length > 3) {
			return null;
		}
		return new ApiRoute(group, version, rest[0], namespace, (rest.length > 1) ? rest[1] : null,
				(rest.length > 2) ? rest[2] : null, watch);
	}

}
