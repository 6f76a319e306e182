package io.github.informer.test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP face of the server: routes discovery and resource requests, applies injected faults, and writes list
 * and watch responses straight from the stored JSON bytes.
 */
final class ApiHttpHandler implements HttpHandler {

	private final ObjectStore store;

	private final ResourceTypes types;

	private final ApiOperations operations;

	private final Faults faults;

	private final RequestLog log;

	private final DiscoveryHandler discovery;

	private final ListHandler lists;

	private final ApiOperations dryRunOperations;

	private final BooleanSupplier running;

	private final TableConverter tables;

	private final ScaleSubresource scales;

	private final AccessReviews reviews;

	ApiHttpHandler(ObjectStore store, ResourceTypes types, ApiOperations operations, Faults faults, RequestLog log,
			Supplier<String> serverAddress, BooleanSupplier running) {
		this.store = store;
		this.types = types;
		this.operations = operations;
		this.faults = faults;
		this.log = log;
		ResourceFeatures features = new ResourceFeatures(store, types);
		this.discovery = new DiscoveryHandler(types, serverAddress, features);
		this.lists = new ListHandler(store);
		this.dryRunOperations = operations.dryRun();
		this.running = running;
		this.tables = new TableConverter(features);
		this.scales = new ScaleSubresource(store, features, this::body);
		this.reviews = new AccessReviews(types, faults, this::body);
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getRawPath();
		Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
		Response response = new Response(exchange, this.log, path, query);
		try {
			handle(exchange, response, path, query);
		}
		catch (ApiError error) {
			if (!response.isSent()) {
				response.error(error);
			}
		}
		catch (IOException ex) {
			// the client went away
		}
		catch (RuntimeException ex) {
			if (!response.isSent()) {
				response.error(new ApiError(500, "InternalError", "an error on the server (\"" + ex
						+ "\") has prevented the request from succeeding", null));
			}
		}
		finally {
			exchange.close();
		}
	}

	private void handle(HttpExchange exchange, Response response, String path, Map<String, String> query)
			throws IOException {
		String[] segments = segments(path);
		ApiRoute route = ApiRoute.parse(segments);
		String method = exchange.getRequestMethod();
		String verb = (route != null) ? verb(method, route, query) : null;
		String resource = (route != null) ? route.plural() : null;
		String namespace = (route != null) ? route.namespace() : null;
		long latency = this.faults.latency().toMillis();
		if (latency > 0) {
			sleep(latency);
		}
		if (this.faults.isForbidden(resource, namespace)) {
			throw new ApiError(403, "Forbidden", resource + " is forbidden: User \"" + AccessReviews.USERNAME
					+ "\" cannot " + verb + " resource \"" + resource + "\" in API group \"" + route.group() + "\""
					+ ((namespace != null) ? " in the namespace \"" + namespace + "\"" : " at the cluster scope"),
					ApiError.details(null, new ResourceType(route.group(), route.version(), "", resource, false,
							List.of(), false, false)));
		}
		RequestFailure failure = this.faults.take(resource, namespace, verb);
		if (failure != null) {
			if (failure.retryAfterSeconds() != null) {
				response.header("Retry-After", Integer.toString(failure.retryAfterSeconds()));
			}
			throw new ApiError(failure.status(), ApiError.reasonFor(failure.status()),
					"injected failure: " + failure.status() + " for " + method + " " + path, null);
		}
		if (route == null) {
			this.discovery.respond(response, method, segments, path);
			return;
		}
		ResourceType review = AccessReviews.of(route);
		if (review != null) {
			this.reviews.respond(exchange, response, review, route, path);
			return;
		}
		ResourceType type = this.types.byResource(route.group(), route.version(), route.plural())
			.orElseThrow(() -> ApiError.pathNotFound(path));
		if (!type.namespaced() && route.namespace() != null
				|| type.namespaced() && route.namespace() == null && route.name() != null) {
			throw ApiError.pathNotFound(path);
		}
		if ("scale".equals(route.subresource()) && route.name() != null && this.scales.serves(type)) {
			this.scales.respond(exchange, response, type, route, verb, operations(query));
			return;
		}
		if (route.subresource() != null && !(route.subresource().equals("status") && type.statusSubresource())) {
			throw ApiError.pathNotFound(path);
		}
		boolean status = route.subresource() != null;
		String table = TableConverter.requestedVersion(exchange.getRequestHeaders().getFirst("Accept"));
		switch (verb) {
			case "get" -> get(response, type, route, table, query);
			case "list" -> {
				if (table != null) {
					response.json(200, this.tables.list(type, this.lists.page(type, route, query), table,
							query.get("includeObject")));
				}
				else {
					this.lists.respond(response, type, route, query);
				}
			}
			case "watch" -> watch(response, type, route, query, table);
			case "create" -> response.bytes(201,
					operations(query).create(type, route.namespace(), body(exchange, type), false).json());
			case "update" -> response.bytes(200, operations(query)
				.update(type, route.namespace(), route.name(), body(exchange, type), status, false)
				.json());
			case "patch" -> patch(exchange, response, type, route, status, operations(query));
			case "delete" -> delete(exchange, response, type, route, operations(query));
			case "deletecollection" -> deleteCollection(response, type, route, query);
			default -> throw ApiError.methodNotAllowed(method, path);
		}
	}

	/** {@code dryRun=All} requests are answered as usual but change nothing. */
	private ApiOperations operations(Map<String, String> query) {
		String dryRun = query.get("dryRun");
		return (dryRun != null && !dryRun.isEmpty()) ? this.dryRunOperations : this.operations;
	}

	private static String verb(String method, ApiRoute route, Map<String, String> query) {
		boolean collection = route.name() == null;
		return switch (method) {
			case "GET" -> collection
					? ((route.legacyWatch() || "true".equals(query.get("watch")) || "1".equals(query.get("watch")))
							? "watch" : "list")
					: (route.legacyWatch() ? "watch" : "get");
			case "POST" -> collection ? "create" : "unknown";
			case "PUT" -> collection ? "unknown" : "update";
			case "PATCH" -> collection ? "unknown" : "patch";
			case "DELETE" -> collection ? "deletecollection" : "delete";
			default -> "unknown";
		};
	}

	private void get(Response response, ResourceType type, ApiRoute route, @Nullable String table,
			Map<String, String> query) throws IOException {
		StoredObject object = this.store.get(type, route.namespace(), route.name());
		if (object == null) {
			throw ApiError.notFound(type, route.name());
		}
		if (table != null) {
			response.json(200, this.tables.single(type, object.parse(), table, query.get("includeObject"), true));
			return;
		}
		response.bytes(200, object.json());
	}

	private void watch(Response response, ResourceType type, ApiRoute route, Map<String, String> query,
			@Nullable String table) throws IOException {
		LabelSelector labels = LabelSelector.parse(query.get("labelSelector"));
		FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
		String namespace = (route.name() != null) ? route.namespace() : route.namespace();
		if (route.name() != null) {
			fields = FieldSelector.parse(join(query.get("fieldSelector"), "metadata.name=" + route.name()));
		}
		String requested = query.get("resourceVersion");
		long from = 0;
		if (requested != null && !requested.isEmpty() && !requested.equals("0")) {
			try {
				from = Long.parseLong(requested);
			}
			catch (NumberFormatException ex) {
				throw ApiError.badRequest("invalid resourceVersion \"" + requested + "\": not a number");
			}
		}
		boolean bookmarks = "true".equals(query.get("allowWatchBookmarks"));
		long timeout = integer(query, "timeoutSeconds") * 1000L;
		Watcher watcher = new Watcher(type, type.namespaced() ? namespace : null, labels, fields, bookmarks);
		Function<StoredObject, byte[]> render = (table != null)
				? this.tables.watchRenderer(type, table, query.get("includeObject")) : StoredObject::json;
		new WatchStream(this.store, watcher, type, render).serve(response, type.namespaced() ? namespace : null, from,
				timeout, this.running);
	}

	private static String join(@Nullable String selector, String term) {
		return (selector == null || selector.isBlank()) ? term : selector + "," + term;
	}

	private void patch(HttpExchange exchange, Response response, ResourceType type, ApiRoute route, boolean status,
			ApiOperations operations) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String mediaType = (contentType != null) ? contentType.split(";")[0].trim() : "";
		ApiOperations.PatchType patchType = switch (mediaType) {
			case "application/merge-patch+json" -> ApiOperations.PatchType.MERGE;
			case "application/json-patch+json" -> ApiOperations.PatchType.JSON;
			case "application/strategic-merge-patch+json" -> ApiOperations.PatchType.STRATEGIC;
			case "application/apply-patch+yaml", "application/apply-patch+json" -> ApiOperations.PatchType.APPLY;
			default -> throw ApiError.unsupportedMediaType(mediaType);
		};
		String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		JsonElement patch;
		if (patchType == ApiOperations.PatchType.APPLY) {
			List<JsonObject> documents = Yamls.objects(text);
			if (documents.size() != 1) {
				throw ApiError.badRequest("an apply patch must be exactly one object");
			}
			patch = documents.get(0);
		}
		else {
			try {
				patch = com.google.gson.JsonParser.parseString(text);
			}
			catch (com.google.gson.JsonParseException ex) {
				throw ApiError.badRequest("the patch is not valid JSON: " + ex.getMessage());
			}
		}
		boolean existed = this.store.get(type, route.namespace(), route.name()) != null;
		StoredObject patched = operations.patch(type, route.namespace(), route.name(), patchType, patch, status);
		response.bytes((patchType == ApiOperations.PatchType.APPLY && !existed) ? 201 : 200, patched.json());
	}

	private void delete(HttpExchange exchange, Response response, ResourceType type, ApiRoute route,
			ApiOperations operations) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String uid = null;
		String resourceVersion = null;
		if (body.length > 0) {
			JsonObject options = Json.parseObject(body);
			JsonObject preconditions = Json.object(options, "preconditions");
			if (preconditions != null) {
				uid = Json.string(preconditions, "uid");
				resourceVersion = Json.string(preconditions, "resourceVersion");
			}
		}
		ApiOperations.Deletion deletion = operations.delete(type, route.namespace(), route.name(), uid,
				resourceVersion);
		if (!deletion.gone() || type.returnsDeletedObject()) {
			response.bytes(200, deletion.object().json());
			return;
		}
		response.json(200, success(type, deletion.object()));
	}

	private void deleteCollection(Response response, ResourceType type, ApiRoute route, Map<String, String> query)
			throws IOException {
		LabelSelector labels = LabelSelector.parse(query.get("labelSelector"));
		FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
		List<StoredObject> matching = new ArrayList<>();
		for (StoredObject object : this.store.list(type, route.namespace(), labels, fields, 0, null, 0).items()) {
			matching.add(object);
		}
		for (StoredObject object : matching) {
			try {
				operations(query).delete(type, object.namespace(), object.name(), null, null);
			}
			catch (ApiError gone) {
				// deleted concurrently
			}
		}
		response.json(200, success());
	}

	private static JsonObject success() {
		JsonObject status = new JsonObject();
		status.addProperty("kind", "Status");
		status.addProperty("apiVersion", "v1");
		status.add("metadata", new JsonObject());
		status.addProperty("status", "Success");
		return status;
	}

	private static JsonObject success(ResourceType type, StoredObject object) {
		JsonObject status = success();
		JsonObject details = ApiError.details(object.name(), type);
		details.addProperty("uid", object.uid());
		status.add("details", details);
		return status;
	}

	private JsonObject body(HttpExchange exchange, ResourceType type) throws IOException {
		byte[] bytes = exchange.getRequestBody().readAllBytes();
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (ProtobufBodies.isProtobuf(contentType)) {
			return ProtobufBodies.decode(type, bytes);
		}
		if (contentType != null && contentType.contains("yaml")) {
			List<JsonObject> documents = Yamls.objects(new String(bytes, StandardCharsets.UTF_8));
			if (documents.size() != 1) {
				throw ApiError.badRequest("the request body must be exactly one object");
			}
			return documents.get(0);
		}
		return Json.parseObject(bytes);
	}

	static int integer(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null || value.isEmpty()) {
			return 0;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw ApiError.badRequest("invalid " + name + " \"" + value + "\": not a number");
		}
	}

	private static String[] segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
			}
		}
		return segments.toArray(new String[0]);
	}

	static Map<String, String> query(@Nullable String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return Collections.emptyMap();
		}
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			query.put(name, value);
		}
		return Collections.unmodifiableMap(query);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}


}
