package io.github.informer.test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;

/**
 * The create-only review resources {@code kubectl auth can-i} and {@code kubectl auth whoami} post:
 * SelfSubjectAccessReview (allowed unless {@link FakeKubernetesApiServer#forbid} denies the resource in that
 * namespace), SelfSubjectRulesReview (what is allowed in a namespace, as rules) and SelfSubjectReview (who the
 * caller is: every request is anonymous, the server authenticates nobody). Listed in discovery under
 * authorization.k8s.io/v1 and authentication.k8s.io/v1 as kube-apiserver lists them.
 */
final class AccessReviews {

	/** The user every request runs as (no authentication), in reviews and in 403 messages. */
	static final String USERNAME = "system:anonymous";

	private static final String AUTHORIZATION = "authorization.k8s.io";

	private static final String AUTHENTICATION = "authentication.k8s.io";

	private static final List<ResourceType> REVIEWS = List.of(
			review(AUTHORIZATION, "SelfSubjectAccessReview", "selfsubjectaccessreviews"),
			review(AUTHORIZATION, "SelfSubjectRulesReview", "selfsubjectrulesreviews"),
			review(AUTHENTICATION, "SelfSubjectReview", "selfsubjectreviews"));

	private final ResourceTypes types;

	private final Faults faults;

	private final BodyReader bodies;

	AccessReviews(ResourceTypes types, Faults faults, BodyReader bodies) {
		this.types = types;
		this.faults = faults;
		this.bodies = bodies;
	}

	private static ResourceType review(String group, String kind, String plural) {
		return new ResourceType(group, "v1", kind, plural, false, List.of(), false, false);
	}

	/** The review a route points at, or null. */
	static @Nullable ResourceType of(ApiRoute route) {
		for (ResourceType review : REVIEWS) {
			if (review.group().equals(route.group()) && review.version().equals(route.version())
					&& review.plural().equals(route.plural())) {
				return review;
			}
		}
		return null;
	}

	void respond(HttpExchange exchange, Response response, ResourceType review, ApiRoute route, String path)
			throws IOException {
		if (!exchange.getRequestMethod().equals("POST") || route.name() != null || route.namespace() != null) {
			throw ApiError.methodNotAllowed(exchange.getRequestMethod(), path);
		}
		JsonObject body = this.bodies.read(exchange, review);
		String apiVersion = Json.string(body, "apiVersion");
		String kind = Json.string(body, "kind");
		if ((apiVersion != null && !apiVersion.equals(review.apiVersion()))
				|| (kind != null && !kind.equals(review.kind()))) {
			throw ApiError.badRequest("the API version in the data (" + apiVersion + ") and kind (" + kind
					+ ") do not match the resource " + review.groupResource());
		}
		body.addProperty("apiVersion", review.apiVersion());
		body.addProperty("kind", review.kind());
		JsonObject metadata = Json.metadata(body);
		metadata.remove("resourceVersion");
		body.add("status", switch (review.kind()) {
			case "SelfSubjectAccessReview" -> accessStatus(Json.object(body, "spec"));
			case "SelfSubjectRulesReview" -> rulesStatus(Json.object(body, "spec"));
			default -> whoAmI();
		});
		response.json(201, body);
	}

	private JsonObject accessStatus(@Nullable JsonObject spec) {
		JsonObject status = new JsonObject();
		JsonObject attributes = (spec != null) ? Json.object(spec, "resourceAttributes") : null;
		if (attributes == null) {
			// non-resource URLs (/healthz, /version...) are open
			status.addProperty("allowed", true);
			return status;
		}
		String resource = Json.string(attributes, "resource");
		String namespace = Json.string(attributes, "namespace");
		boolean forbidden = this.faults.isForbidden(resource,
				(namespace != null && !namespace.isEmpty()) ? namespace : null);
		status.addProperty("allowed", !forbidden);
		if (forbidden) {
			status.addProperty("reason", "forbidden by FakeKubernetesApiServer.forbid(\"" + resource + "\", ...)");
		}
		return status;
	}

	private JsonObject rulesStatus(@Nullable JsonObject spec) {
		String namespace = (spec != null) ? Json.string(spec, "namespace") : null;
		String scope = (namespace != null && !namespace.isEmpty()) ? namespace : null;
		Map<String, List<String>> allowed = new LinkedHashMap<>();
		boolean anyForbidden = false;
		for (ResourceType type : this.types.all()) {
			if (this.faults.isForbidden(type.plural(), scope)) {
				anyForbidden = true;
			}
			else {
				List<String> resources = allowed.computeIfAbsent(type.group(), (group) -> new ArrayList<>());
				if (!resources.contains(type.plural())) {
					resources.add(type.plural());
				}
			}
		}
		JsonArray rules = new JsonArray();
		if (!anyForbidden) {
			rules.add(rule(List.of("*"), List.of("*")));
		}
		else {
			allowed.forEach((group, resources) -> rules.add(rule(List.of(group), resources)));
			for (ResourceType review : REVIEWS) {
				rules.add(rule(List.of(review.group()), List.of(review.plural())));
			}
		}
		JsonObject nonResource = new JsonObject();
		nonResource.add("verbs", strings(List.of("*")));
		nonResource.add("nonResourceURLs", strings(List.of("*")));
		JsonArray nonResourceRules = new JsonArray();
		nonResourceRules.add(nonResource);
		JsonObject status = new JsonObject();
		status.add("resourceRules", rules);
		status.add("nonResourceRules", nonResourceRules);
		status.addProperty("incomplete", false);
		return status;
	}

	private static JsonObject rule(List<String> groups, List<String> resources) {
		JsonObject rule = new JsonObject();
		rule.add("verbs", strings(List.of("*")));
		rule.add("apiGroups", strings(groups));
		rule.add("resources", strings(resources));
		return rule;
	}

	private static JsonObject whoAmI() {
		JsonObject user = new JsonObject();
		user.addProperty("username", USERNAME);
		user.add("groups", strings(List.of("system:unauthenticated")));
		JsonObject status = new JsonObject();
		status.add("userInfo", user);
		return status;
	}

	/** Adds the review groups to {@code /apis}. */
	static JsonObject addGroups(JsonObject groupList) {
		JsonArray groups = groupList.getAsJsonArray("groups");
		for (String name : List.of(AUTHENTICATION, AUTHORIZATION)) {
			groups.add(group(name));
		}
		return groupList;
	}

	/** The review group versions' paths, for the root document. */
	static List<String> groupVersionPaths() {
		return List.of("/apis/" + AUTHENTICATION + "/v1", "/apis/" + AUTHORIZATION + "/v1");
	}

	/** {@code /apis/{group}} of a review group, or null. */
	static @Nullable JsonObject group(String name) {
		if (!name.equals(AUTHORIZATION) && !name.equals(AUTHENTICATION)) {
			return null;
		}
		JsonObject version = new JsonObject();
		version.addProperty("groupVersion", name + "/v1");
		version.addProperty("version", "v1");
		JsonArray versions = new JsonArray();
		versions.add(version);
		JsonObject group = new JsonObject();
		group.addProperty("kind", "APIGroup");
		group.addProperty("apiVersion", "v1");
		group.addProperty("name", name);
		group.add("versions", versions);
		group.add("preferredVersion", version.deepCopy());
		return group;
	}

	/** {@code /apis/{group}/v1} of a review group, or null. */
	static @Nullable JsonObject resourceList(String group, String version) {
		JsonArray resources = new JsonArray();
		for (ResourceType review : REVIEWS) {
			if (review.group().equals(group) && review.version().equals(version)) {
				JsonObject resource = new JsonObject();
				resource.addProperty("name", review.plural());
				resource.addProperty("singularName", review.singular());
				resource.addProperty("namespaced", false);
				resource.addProperty("kind", review.kind());
				resource.add("verbs", strings(List.of("create")));
				resources.add(resource);
			}
		}
		if (resources.isEmpty()) {
			return null;
		}
		JsonObject list = new JsonObject();
		list.addProperty("kind", "APIResourceList");
		list.addProperty("apiVersion", "v1");
		list.addProperty("groupVersion", group + "/" + version);
		list.add("resources", resources);
		return list;
	}

	private static JsonArray strings(List<String> values) {
		JsonArray array = new JsonArray();
		values.forEach(array::add);
		return array;
	}

}
