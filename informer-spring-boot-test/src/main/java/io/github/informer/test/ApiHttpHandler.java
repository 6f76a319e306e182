package io.github.informer.test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

	private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

	private static final Duration UNREACHABLE_HOLD = Duration.ofMinutes(2);

	private final ObjectStore store;

	private final ResourceTypes types;

	private final ApiOperations operations;

	private final Faults faults;

	private final RequestLog log;

	private final DiscoveryHandler discovery;

	private final ListHandler lists;

	private final ApiOperations dryRunOperations;

	private final BooleanSupplier running;

	private final WatchListFaults watchListFaults;

	private final TableConverter tables;

	private final ScaleSubresource scales;

	private final AccessReviews reviews;

	ApiHttpHandler(ObjectStore store, ResourceTypes types, ApiOperations operations, Faults faults,
			WatchListFaults watchListFaults, RequestLog log, Supplier<String> serverAddress, BooleanSupplier running) {
		this.store = store;
		this.types = types;
		this.operations = operations;
		this.faults = faults;
		this.log = log;
		ResourceFeatures features = new ResourceFeatures(store, types);
		this.discovery = new DiscoveryHandler(types, serverAddress, features);
		this.lists = new ListHandler(store, types);
		this.dryRunOperations = operations.dryRun();
		this.running = running;
		this.watchListFaults = watchListFaults;
		this.tables = new TableConverter(features);
		this.scales = new ScaleSubresource(store, features, this::body);
		this.reviews = new AccessReviews(types, faults, this::body);
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
		if (this.faults.isUnreachable(userAgent)) {
			// A partition: no answer at all; the connection is dropped once the client is reachable again.
			try {
				this.faults.holdWhileUnreachable(userAgent, UNREACHABLE_HOLD);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
			return;
		}
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
			throw injected(response, failure, method, path);
		}
		ResponseFault fault = this.faults.takeResponseFault(resource, namespace, verb, path);
		if (fault != null && fault.kind() == ResponseFault.Kind.STALL) {
			response.stall(fault.stall());
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
			this.scales.respond(exchange, response, type, route, verb,
					operations(query, verb.equals("patch") ? "PatchOptions" : "UpdateOptions"));
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
			case "watch" -> watch(response, type, route, query, table, fault, method, path);
			case "create" -> response.bytes(201, operations(query, "CreateOptions")
				.create(type, route.namespace(), body(exchange, type), false)
				.json());
			case "update" -> response.bytes(200, operations(query, "UpdateOptions")
				.update(type, route.namespace(), route.name(), body(exchange, type), status, false)
				.json());
			case "patch" -> patch(exchange, response, type, route, status, operations(query, "PatchOptions"));
			case "delete" -> delete(exchange, response, type, route, query);
			case "deletecollection" -> deleteCollection(exchange, response, type, route, query);
			default -> throw ApiError.methodNotAllowed(method, path);
		}
	}

	private static ApiError injected(Response response, RequestFailure failure, String method, String path) {
		if (failure.retryAfterSeconds() != null) {
			response.header("Retry-After", Integer.toString(failure.retryAfterSeconds()));
		}
		return new ApiError(failure.status(), ApiError.reasonFor(failure.status()),
				"injected failure: " + failure.status() + " for " + method + " " + path, null);
	}

	/** {@code dryRun=All} requests are answered as usual but change nothing; other values are a 422. */
	private ApiOperations operations(Map<String, String> query, String optionsKind) {
		return WriteOptions.dryRun(query, optionsKind) ? this.dryRunOperations : this.operations;
	}

	private static String verb(String method, ApiRoute route, Map<String, String> query) {
		boolean collection = route.name() == null;
		return switch (method) {
			case "GET" -> collection ? ((route.legacyWatch() || ListOptions.bool(query, "watch")) ? "watch" : "list")
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
			@Nullable String table, @Nullable ResponseFault fault, String method, String path) throws IOException {
		ListOptions options = ListOptions.parse(query, true);
		LabelSelector labels = LabelSelector.parse(query.get("labelSelector"));
		String selector = query.get("fieldSelector");
		if (route.name() != null) {
			selector = join(selector, "metadata.name=" + route.name());
		}
		FieldSelector fields = FieldSelector.parse(selector, SelectableFields.of(type, this.types, this.store));
		String requested = options.resourceVersion();
		long from = 0;
		if (!requested.isEmpty() && !requested.equals("0")) {
			try {
				from = Long.parseLong(requested);
			}
			catch (NumberFormatException ex) {
				throw ApiError.badRequest("invalid resourceVersion \"" + requested + "\": not a number");
			}
		}
		String namespace = type.namespaced() ? route.namespace() : null;
		WatchStream.InitialEvents initial = WatchStream.InitialEvents.NONE;
		if (ListOptions.isWatchList(query)) {
			RequestFailure failure = this.watchListFaults.take(type.plural(), namespace);
			if (failure != null) {
				throw injected(response, failure, method, path);
			}
			initial = new WatchStream.InitialEvents(true, !this.watchListFaults.omitEndAnnotation(),
					this.watchListFaults.takeCloseAfter());
			awaitResourceVersion(from);
		}
		else if (options.sendInitialEvents()) {
			// a watch without resourceVersion: the watch-list default of kube-apiserver 1.32
			initial = new WatchStream.InitialEvents(true, true, -1);
		}
		long timeout = integer(query, "timeoutSeconds") * 1000L;
		Watcher watcher = new Watcher(type, namespace, labels, fields, options.allowWatchBookmarks());
		Function<StoredObject, byte[]> render = (table != null)
				? this.tables.watchRenderer(type, table, query.get("includeObject")) : StoredObject::json;
		new WatchStream(this.store, watcher, type, render).serve(response, namespace, from, initial, timeout,
				this.running, (fault != null && fault.kind() != ResponseFault.Kind.STALL) ? fault : null);
	}

	/**
	 * A watch-list from a resourceVersion streams a state at least that new: it waits (3 seconds at most, as the
	 * watch cache does) for the store to reach it, then answers 504 with the too-large cause.
	 */
	private void awaitResourceVersion(long resourceVersion) {
		long deadline = System.currentTimeMillis() + 3000;
		while (this.store.resourceVersion() < resourceVersion) {
			if (System.currentTimeMillis() > deadline) {
				throw ApiError.tooLargeResourceVersion(resourceVersion, this.store.resourceVersion());
			}
			sleep(20);
		}
	}

	private static String join(@Nullable String selector, String term) {
		return (selector == null || selector.isBlank()) ? term : selector + "," + term;
	}

	private void patch(HttpExchange exchange, Response response, ResourceType type, ApiRoute route, boolean status,
			ApiOperations operations) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String mediaType = (contentType != null) ? contentType.split(";")[0].trim() : "";
		boolean builtIn = this.types.builtIn(type);
		ApiOperations.PatchType patchType = switch (mediaType) {
			case "application/merge-patch+json" -> ApiOperations.PatchType.MERGE;
			case "application/json-patch+json" -> ApiOperations.PatchType.JSON;
			case "application/strategic-merge-patch+json" -> builtIn ? ApiOperations.PatchType.STRATEGIC : null;
			case "application/apply-patch+yaml" -> ApiOperations.PatchType.APPLY;
			default -> null;
		};
		if (patchType == null) {
			// custom resources have no strategic merge patch: kube-apiserver answers 415 (kubectl patch needs --type)
			throw ApiError.unsupportedMediaType(builtIn ? ApiError.PATCH_TYPES : ApiError.CUSTOM_RESOURCE_PATCH_TYPES);
		}
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
			Map<String, String> query) throws IOException {
		DeleteOptions options = DeleteOptions.read(exchange.getRequestBody().readAllBytes(), query);
		ApiOperations operations = options.isDryRun() ? this.dryRunOperations : this.operations;
		ApiOperations.Deletion deletion = operations.delete(type, route.namespace(), route.name(), options);
		// kube-apiserver answers 202 for a cascading delete that is still under way (orphanDependents=false)
		int status = (!deletion.gone() && Boolean.FALSE.equals(options.orphanDependents())) ? 202 : 200;
		if (!deletion.gone() || type.returnsDeletedObject()) {
			response.bytes(status, deletion.object().json());
			return;
		}
		response.json(status, success(type, deletion.object()));
	}

	/** Deletes what a list with the same selectors shows, with the request's DeleteOptions; answers that list. */
	private void deleteCollection(HttpExchange exchange, Response response, ResourceType type, ApiRoute route,
			Map<String, String> query) throws IOException {
		DeleteOptions options = DeleteOptions.read(exchange.getRequestBody().readAllBytes(), query);
		ListOptions.parse(query, false);
		LabelSelector labels = LabelSelector.parse(query.get("labelSelector"));
		FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"),
				SelectableFields.of(type, this.types, this.store));
		options.validate();
		ApiOperations operations = options.isDryRun() ? this.dryRunOperations : this.operations;
		ObjectStore.ListPage listed = this.store.list(type, route.namespace(), labels, fields, 0, null, 0);
		for (StoredObject object : listed.items()) {
			try {
				operations.delete(type, object.namespace(), object.name(), options);
			}
			catch (ApiError error) {
				if (error.code() != 404) {
					throw error;
				}
				// deleted concurrently
			}
		}
		ListHandler.writeList(response, type, listed, !this.types.builtIn(type));
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

	/**
	 * The object of a create or update: JSON (also without a Content-Type), YAML or, for built-in kinds, protobuf;
	 * any other media type is a 415 naming the ones kube-apiserver accepts for the resource (custom resources take
	 * no protobuf).
	 */
	private JsonObject body(HttpExchange exchange, ResourceType type) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String mediaType = (contentType != null) ? contentType.split(";")[0].trim().toLowerCase(Locale.ROOT) : "";
		boolean known = mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.equals("*/*")
				|| mediaType.equals("application/yaml") || ProtobufBodies.isProtobuf(contentType);
		if (!known) {
			boolean custom = this.types.byResource(type.group(), type.version(), type.plural()).isPresent()
					&& !this.types.builtIn(type);
			throw ApiError.unsupportedMediaType(custom ? List.of("application/json", "application/yaml")
					: List.of("application/json", "application/yaml", PROTOBUF));
		}
		byte[] bytes = exchange.getRequestBody().readAllBytes();
		if (ProtobufBodies.isProtobuf(contentType)) {
			// ProtobufBodies answers the 415 of custom resources itself
			return ProtobufBodies.decode(type, bytes);
		}
		if (mediaType.equals("application/yaml")) {
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
			// the parameter codec reads the first of repeated parameters
			query.putIfAbsent(name, value);
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
