package io.github.informer.test;

import java.io.IOException;
import java.util.function.Supplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Answers the non-resource paths: {@code /version}, discovery, the OpenAPI v3 index, health. */
final class DiscoveryHandler {

	private final ResourceTypes types;

	private final OpenApiDocuments openApi;

	private final Supplier<String> serverAddress;

	private final ResourceFeatures features;

	DiscoveryHandler(ResourceTypes types, Supplier<String> serverAddress, ResourceFeatures features) {
		this.types = types;
		this.openApi = new OpenApiDocuments(types);
		this.serverAddress = serverAddress;
		this.features = features;
	}

	void respond(Response response, String method, String[] segments, String path) throws IOException {
		if (!method.equals("GET")) {
			throw ApiError.methodNotAllowed(method, path);
		}
		String joined = String.join("/", segments);
		JsonObject body = switch (joined) {
			case "" -> paths();
			case "version" -> version();
			case "api" -> this.types.coreVersions(this.serverAddress.get());
			case "apis" -> AccessReviews.addGroups(this.types.groupList());
			case "healthz", "livez", "readyz" -> null;
			case "openapi/v3" -> this.openApi.index();
			default -> {
				if (segments.length == 4 && segments[0].equals("openapi") && segments[2].equals("api")) {
					yield this.openApi.groupVersion("", segments[3]);
				}
				if (segments.length == 5 && segments[0].equals("openapi") && segments[2].equals("apis")) {
					yield this.openApi.groupVersion(segments[3], segments[4]);
				}
				if (segments.length == 2 && segments[0].equals("api")) {
					yield this.features.decorate(this.types.resourceList("", segments[1]), "", segments[1]);
				}
				if (segments.length == 2 && segments[0].equals("apis")) {
					JsonObject group = this.types.group(segments[1]);
					yield (group != null) ? group : AccessReviews.group(segments[1]);
				}
				if (segments.length == 3 && segments[0].equals("apis")) {
					JsonObject list = this.features.decorate(this.types.resourceList(segments[1], segments[2]),
							segments[1], segments[2]);
					yield (list != null) ? list : AccessReviews.resourceList(segments[1], segments[2]);
				}
				throw ApiError.pathNotFound(path);
			}
		};
		if (joined.equals("healthz") || joined.equals("livez") || joined.equals("readyz")) {
			response.text(200, "ok");
			return;
		}
		if (body == null) {
			throw ApiError.pathNotFound(path);
		}
		response.json(200, body);
	}

	private JsonObject paths() {
		JsonArray paths = new JsonArray();
		paths.add("/api");
		paths.add("/api/v1");
		paths.add("/apis");
		for (ResourceType type : this.types.all()) {
			if (!type.group().isEmpty()) {
				String groupVersion = "/apis/" + type.group() + "/" + type.version();
				if (!paths.contains(new JsonPrimitive(groupVersion))) {
					paths.add(groupVersion);
				}
			}
		}
		AccessReviews.groupVersionPaths().forEach(paths::add);
		paths.add("/healthz");
		paths.add("/version");
		JsonObject root = new JsonObject();
		root.add("paths", paths);
		return root;
	}

	private static JsonObject version() {
		JsonObject version = new JsonObject();
		version.addProperty("major", "1");
		version.addProperty("minor", "32");
		version.addProperty("gitVersion", "v1.32.0-fake");
		version.addProperty("gitCommit", "0000000000000000000000000000000000000000");
		version.addProperty("gitTreeState", "clean");
		version.addProperty("buildDate", "2026-01-01T00:00:00Z");
		version.addProperty("goVersion", "go1.23.0");
		version.addProperty("compiler", "gc");
		version.addProperty("platform", "linux/amd64");
		return version;
	}

}
