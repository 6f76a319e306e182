package io.github.informer.client;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.informer.decoder.DecodedList;
import io.github.informer.decoder.DecoderType;
import io.github.informer.decoder.ModelDecoder;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ListerWatcher;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.Pair;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watchable;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The starter's {@link ListerWatcher} for one resource in one namespace (or all): label and field selectors on both
 * list and watch, a paged list ({@code limit}/{@code continue}) decoded from the response stream, watches that ask
 * for bookmarks, and the watch-list request ({@link #watchList}) that streams the state instead of listing it. client-java's own lists are unpaged (an unpaged list of 100k Pods does not fit a 4 GB heap) and its
 * watches never ask for bookmarks, so every watch restart after a quiet period risks a 410 and a full relist.
 * <p>
 * Requests go through clients derived from the {@link ApiClient}'s own OkHttp client with {@code newBuilder()} (same
 * connection pool, authentication and TLS), each with the read timeout its kind of request needs, whatever the
 * application's client uses: lists and discovery the configured read timeout
 * ({@code kubernetes.informers.client.read-timeout}), so that a response stalled on a half-open connection fails
 * instead of hanging the loop; watches one that outlasts the watch's {@code timeoutSeconds}. The timeout cannot go on
 * the {@link ApiClient} itself: client-java's {@code SharedInformerFactory} rejects a client whose read timeout is not
 * 0.
 *
 * @param <T> the object type
 */
final class KubernetesListerWatcher<T extends KubernetesObject> implements ListerWatcher<T, ObjectList<T>> {

	private static final String[] AUTH_NAMES = { "BearerToken" };

	/** How much longer than the watch's own server-side timeout the client waits for bytes. */
	private static final Duration WATCH_READ_MARGIN = Duration.ofSeconds(30);

	/** The default read timeout of lists and discovery, as kube-apiserver's default request timeout. */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

	private final ApiClient apiClient;

	private final ResourceType<T> resource;

	private final @Nullable String namespace;

	private final @Nullable String labelSelector;

	private final @Nullable String fieldSelector;

	private final int pageSize;

	private final ModelDecoder<T> decoder;

	private final ModelDecoder<V1APIResourceList> discoveryDecoder;

	private final AtomicReference<@Nullable Call> inFlight = new AtomicReference<>();

	private final Duration readTimeout;

	private final ListStrategy listStrategy;

	private volatile @Nullable OkHttpClient watchClient;

	private volatile @Nullable OkHttpClient requestClient;

	/**
	 * Create a lister/watcher.
	 * @param apiClient the client (base path, authentication, TLS)
	 * @param resource the resource
	 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param labelSelector the label selector, or {@code null}
	 * @param fieldSelector the field selector, or {@code null}
	 * @param pageSize objects per list page, {@code 0} for one unpaged request
	 */
	public KubernetesListerWatcher(ApiClient apiClient, ResourceType<T> resource, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize) {
		this(apiClient, resource, namespace, labelSelector, fieldSelector, pageSize, DEFAULT_READ_TIMEOUT,
				DecoderType.STREAMING);
	}

	/**
	 * Create a lister/watcher.
	 * @param apiClient the client (base path, authentication, TLS)
	 * @param resource the resource
	 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param labelSelector the label selector, or {@code null}
	 * @param fieldSelector the field selector, or {@code null}
	 * @param pageSize objects per list page, {@code 0} for one unpaged request
	 * @param readTimeout how long a list or discovery response may send nothing; {@link Duration#ZERO} for no limit
	 */
	public KubernetesListerWatcher(ApiClient apiClient, ResourceType<T> resource, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize, Duration readTimeout) {
		this(apiClient, resource, namespace, labelSelector, fieldSelector, pageSize, readTimeout,
				DecoderType.STREAMING);
	}

	/**
	 * Create a lister/watcher with the default read timeout.
	 * @param apiClient the client (base path, authentication, TLS)
	 * @param resource the resource
	 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param labelSelector the label selector, or {@code null}
	 * @param fieldSelector the field selector, or {@code null}
	 * @param pageSize objects per list page, {@code 0} for one unpaged request
	 * @param decoder how list pages and watch events are decoded
	 */
	public KubernetesListerWatcher(ApiClient apiClient, ResourceType<T> resource, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize, DecoderType decoder) {
		this(apiClient, resource, namespace, labelSelector, fieldSelector, pageSize, DEFAULT_READ_TIMEOUT, decoder);
	}

	/**
	 * Create a lister/watcher.
	 * @param apiClient the client (base path, authentication, TLS)
	 * @param resource the resource
	 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param labelSelector the label selector, or {@code null}
	 * @param fieldSelector the field selector, or {@code null}
	 * @param pageSize objects per list page, {@code 0} for one unpaged request
	 * @param readTimeout how long a list or discovery response may send nothing; {@link Duration#ZERO} for no limit
	 * @param decoder how list pages and watch events are decoded
	 */
	public KubernetesListerWatcher(ApiClient apiClient, ResourceType<T> resource, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize, Duration readTimeout,
			DecoderType decoder) {
		this(apiClient, resource, namespace, labelSelector, fieldSelector, pageSize, readTimeout, decoder,
				ListStrategy.LIST);
	}

	/**
	 * Create a lister/watcher.
	 * @param apiClient the client (base path, authentication, TLS)
	 * @param resource the resource
	 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param labelSelector the label selector, or {@code null}
	 * @param fieldSelector the field selector, or {@code null}
	 * @param pageSize objects per list page, {@code 0} for one unpaged request
	 * @param readTimeout how long a list or discovery response may send nothing; {@link Duration#ZERO} for no limit
	 * @param decoder how list pages and watch events are decoded
	 * @param listStrategy how the loop reads the current state: a paged list, a watch-list, or watch-list with
	 * fallback (the other constructors: {@link ListStrategy#LIST})
	 */
	public KubernetesListerWatcher(ApiClient apiClient, ResourceType<T> resource, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize, Duration readTimeout,
			DecoderType decoder, ListStrategy listStrategy) {
		this.apiClient = apiClient;
		this.listStrategy = listStrategy;
		this.readTimeout = readTimeout;
		this.resource = resource;
		this.namespace = namespace;
		this.labelSelector = labelSelector;
		this.fieldSelector = fieldSelector;
		this.pageSize = pageSize;
		this.decoder = ModelDecoder.of(resource.apiType(), decoder);
		this.discoveryDecoder = ModelDecoder.of(V1APIResourceList.class, decoder);
		if (DynamicKubernetesObject.class.isAssignableFrom(resource.apiType())) {
			// Registers client-java's Gson adapter for DynamicKubernetesObject (a one-time, global side effect).
			new DynamicKubernetesApi(resource.group(), resource.version(), resource.plural(), apiClient);
		}
	}

	public ResourceType<T> resource() {
		return this.resource;
	}

	public @Nullable String namespace() {
		return this.namespace;
	}

	/**
	 * Return the decoder in effect for this resource's objects ({@link DecoderType#CLIENT_JAVA} when configured, or
	 * when the model class cannot be streamed, such as {@code DynamicKubernetesObject}).
	 * @return the decoder type
	 */
	public DecoderType decoder() {
		return this.decoder.type();
	}

	/**
	 * Return how the loop reads the current state before it watches.
	 * @return the configured strategy
	 */
	public ListStrategy listStrategy() {
		return this.listStrategy;
	}

	/**
	 * Return how long a list or discovery response may send nothing before it fails.
	 * @return the read timeout, {@link Duration#ZERO} for none
	 */
	public Duration readTimeout() {
		return this.readTimeout;
	}

	/**
	 * Return the API server URL requests go to.
	 * @return the base path
	 */
	public String basePath() {
		return this.apiClient.getBasePath();
	}

	/**
	 * List every page and return one list with all items and the last page's metadata (its resourceVersion is the
	 * snapshot's). Kept for client-java's informers; the starter's own loop pages through {@link #listPage}.
	 */
	@Override
	public ObjectList<T> list(CallGeneratorParams params) throws ApiException {
		ObjectList<T> first = listPage(params.resourceVersion, null);
		ObjectList<T> page = first;
		List<T> items = new ArrayList<>(first.getItems());
		while (hasText(page.getMetadata().getContinue())) {
			page = listPage(null, page.getMetadata().getContinue());
			items.addAll(page.getItems());
		}
		first.getItems().clear();
		first.getItems().addAll(items);
		first.getMetadata().setResourceVersion(page.getMetadata().getResourceVersion());
		first.getMetadata().setContinue(null);
		return first;
	}

	/**
	 * List one page.
	 * @param resourceVersion the resourceVersion for the first page: {@code null} or empty for a consistent read
	 * (the only kind the API server pages), {@code "0"} for any cached state; ignored with a continue token
	 * @param continueToken the previous page's continue token, {@code null} for the first page
	 * @return the page
	 * @throws ApiException on an HTTP error (410 when the continue token expired) or an I/O error
	 */
	public ObjectList<T> listPage(@Nullable String resourceVersion, @Nullable String continueToken)
			throws ApiException {
		return listPage(resourceVersion, continueToken, this.pageSize);
	}

	/**
	 * List everything in one request whatever the page size: the fallback when a continue token expired, as
	 * client-go's pager does.
	 * @return the complete list
	 * @throws ApiException on an HTTP or I/O error
	 */
	public ObjectList<T> listUnpaged() throws ApiException {
		return listPage(null, null, 0);
	}

	private ObjectList<T> listPage(@Nullable String resourceVersion, @Nullable String continueToken, int limit)
			throws ApiException {
		List<Pair> query = selectorQuery();
		if (limit > 0) {
			query.addAll(this.apiClient.parameterToPair("limit", limit));
		}
		if (hasText(continueToken)) {
			query.addAll(this.apiClient.parameterToPair("continue", continueToken));
		}
		else if (hasText(resourceVersion)) {
			query.addAll(this.apiClient.parameterToPair("resourceVersion", resourceVersion));
		}
		Request request = buildRequest(resourcePath(), query);
		Call call = requestClient().newCall(request);
		return execute(call, (reader) -> {
			DecodedList<T> list = this.decoder.decodeList(reader);
			return (list != null) ? new ObjectList<>(list) : null;
		});
	}

	/**
	 * Start a watch from a resourceVersion with bookmarks.
	 */
	@Override
	public Watchable<T> watch(CallGeneratorParams params) throws ApiException {
		List<Pair> query = selectorQuery();
		query.addAll(this.apiClient.parameterToPair("watch", true));
		query.addAll(this.apiClient.parameterToPair("allowWatchBookmarks", true));
		if (hasText(params.resourceVersion)) {
			query.addAll(this.apiClient.parameterToPair("resourceVersion", params.resourceVersion));
		}
		int timeoutSeconds = (params.timeoutSeconds != null) ? params.timeoutSeconds : 300;
		query.addAll(this.apiClient.parameterToPair("timeoutSeconds", timeoutSeconds));
		Request request = buildRequest(resourcePath(), query);
		Call call = watchClient(timeoutSeconds).newCall(request);
		return openWatch(call);
	}

	/**
	 * Start a watch-list (KEP-3157): a watch that first streams the current state as ADDED events, ended by a
	 * BOOKMARK annotated {@code k8s.io/initial-events-end}, then goes on as a watch. The parameters are client-go's:
	 * {@code watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan}, the
	 * selectors, and a server-side timeout.
	 * @param resourceVersion the state must be at least this new; {@code null} for the most recent state (a
	 * consistent read)
	 * @param timeoutSeconds when the server ends the stream
	 * @return the stream, decoded with the configured decoder
	 * @throws ApiException when the server answers with an HTTP error or the request fails
	 */
	public Watchable<T> watchList(@Nullable String resourceVersion, int timeoutSeconds) throws ApiException {
		List<Pair> query = new ArrayList<>();
		query.add(new Pair("watch", "1"));
		query.add(new Pair("sendInitialEvents", "true"));
		query.add(new Pair("allowWatchBookmarks", "true"));
		query.add(new Pair("resourceVersionMatch", "NotOlderThan"));
		if (hasText(resourceVersion)) {
			query.addAll(this.apiClient.parameterToPair("resourceVersion", resourceVersion));
		}
		query.addAll(selectorQuery());
		query.addAll(this.apiClient.parameterToPair("timeoutSeconds", timeoutSeconds));
		Request request = buildRequest(resourcePath(), query);
		return openWatch(watchClient(timeoutSeconds).newCall(request));
	}

	/**
	 * Send the watch request and read its events with the decoder; an HTTP error fails as client-java's
	 * {@code Watch.createWatch} fails (an {@link ApiException} with the code and body).
	 */
	private Watchable<T> openWatch(Call call) throws ApiException {
		this.inFlight.set(call);
		try {
			Response response = call.execute();
			ResponseBody body = response.body();
			if (!response.isSuccessful()) {
				String text;
				try (response) {
					text = (body != null) ? body.string() : null;
				}
				catch (IOException ex) {
					throw new ApiException(response.message(), ex, response.code(), response.headers().toMultimap());
				}
				throw new ApiException(response.message(), response.code(), response.headers().toMultimap(), text);
			}
			if (body == null) {
				response.close();
				throw new ApiException("empty response body from " + call.request().url());
			}
			return this.decoder.watch(call, body);
		}
		catch (IOException ex) {
			throw new ApiException(ex);
		}
		finally {
			this.inFlight.compareAndSet(call, null);
		}
	}

	/**
	 * Ask the API server for the resource's plural and scope ({@code GET /api/v1}, {@code GET /apis/<group>/<version>})
	 * and correct the {@link ResourceType}.
	 * @throws ApiException when the group version is not served (404, for example a CRD not installed yet), the kind
	 * is not in it, or the request fails
	 */
	public void discover() throws ApiException {
		Request request = buildRequest(this.resource.groupVersionPath(), new ArrayList<>());
		V1APIResourceList resources;
		try {
			resources = execute(requestClient().newCall(request), this.discoveryDecoder::decode);
		}
		catch (ApiException ex) {
			if (ex.getCode() == 404) {
				throw new DiscoveryException("the API server does not serve " + this.resource.apiVersion()
						+ " (for a custom resource: is its CustomResourceDefinition installed?)", 404,
						(ex.getResponseHeaders() != null) ? ex.getResponseHeaders() : Map.of());
			}
			throw ex;
		}
		for (V1APIResource candidate : resources.getResources()) {
			if (this.resource.kind().equals(candidate.getKind()) && !candidate.getName().contains("/")) {
				this.resource.discovered(candidate.getName(), Boolean.TRUE.equals(candidate.getNamespaced()));
				return;
			}
		}
		throw new DiscoveryException("the API server serves " + this.resource.apiVersion() + " but has no kind "
				+ this.resource.kind() + " in it (check the kind's spelling; kinds are case-sensitive)", 404, Map.of());
	}

	/**
	 * Fail when discovery found the resource cluster-scoped but this lister/watcher is for one namespace.
	 * @throws ApiException describing the mismatch and the fix
	 */
	public void verifyScope() throws ApiException {
		if (this.namespace != null && Boolean.FALSE.equals(this.resource.namespaced())) {
			throw new DiscoveryException("the API server serves " + this.resource.kind() + " ("
					+ this.resource.apiVersion() + ") cluster-scoped, so it cannot be watched in namespace "
					+ this.namespace + " (configure no namespaces for this resource)", 400, Map.of());
		}
	}

	/**
	 * Abort the list or discovery request in flight, if any, so that stopping does not wait for a slow response.
	 */
	public void cancel() {
		Call call = this.inFlight.getAndSet(null);
		if (call != null) {
			call.cancel();
		}
	}

	private <R> R execute(Call call, BodyDecoder<R> decoder) throws ApiException {
		this.inFlight.set(call);
		try (Response response = call.execute()) {
			ResponseBody body = response.body();
			if (!response.isSuccessful()) {
				String text = (body != null) ? body.string() : null;
				throw new ApiException(response.message(), response.code(), response.headers().toMultimap(), text);
			}
			if (body == null) {
				throw new ApiException("empty response body from " + call.request().url());
			}
			try (Reader reader = new InputStreamReader(body.byteStream(), StandardCharsets.UTF_8)) {
				R result = decoder.decode(reader);
				if (result == null) {
					throw new ApiException("empty response body from " + call.request().url());
				}
				return result;
			}
		}
		catch (IOException ex) {
			throw new ApiException(ex);
		}
		catch (RuntimeException ex) {
			if (ex instanceof com.google.gson.JsonParseException) {
				throw new ApiException(ex);
			}
			throw ex;
		}
		finally {
			this.inFlight.compareAndSet(call, null);
		}
	}

	private List<Pair> selectorQuery() {
		List<Pair> query = new ArrayList<>();
		if (hasText(this.labelSelector)) {
			query.addAll(this.apiClient.parameterToPair("labelSelector", this.labelSelector));
		}
		if (hasText(this.fieldSelector)) {
			query.addAll(this.apiClient.parameterToPair("fieldSelector", this.fieldSelector));
		}
		return query;
	}

	private String resourcePath() {
		String namespacePath = (this.namespace != null)
				? "/namespaces/" + this.apiClient.escapeString(this.namespace) : "";
		return this.resource.groupVersionPath() + namespacePath + "/" + this.resource.plural();
	}

	private Request buildRequest(String path, List<Pair> query) throws ApiException {
		Map<String, String> headers = new HashMap<>();
		headers.put("Accept", "application/json");
		return this.apiClient.buildRequest(null, path, "GET", query, new ArrayList<>(), null, headers, new HashMap<>(),
				new HashMap<>(), AUTH_NAMES, null);
	}

	private OkHttpClient watchClient(int timeoutSeconds) {
		Duration readTimeout = Duration.ofSeconds(timeoutSeconds).plus(WATCH_READ_MARGIN);
		OkHttpClient client = this.watchClient;
		if (client == null || client.readTimeoutMillis() < readTimeout.toMillis() || !derivesFromApiClient(client)) {
			client = this.apiClient.getHttpClient().newBuilder().readTimeout(readTimeout).build();
			this.watchClient = client;
		}
		return client;
	}

	/** The client of lists and discovery: the configured read timeout. */
	private OkHttpClient requestClient() {
		OkHttpClient client = this.requestClient;
		if (client == null || !derivesFromApiClient(client)) {
			client = this.apiClient.getHttpClient().newBuilder().readTimeout(this.readTimeout).build();
			this.requestClient = client;
		}
		return client;
	}

	/** Whether a derived client is still based on the ApiClient's (an application may replace that one). */
	private boolean derivesFromApiClient(OkHttpClient client) {
		return client.connectionPool() == this.apiClient.getHttpClient().connectionPool();
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isEmpty();
	}

	/** Decodes a response body; {@code null} for an empty one. */
	@FunctionalInterface
	private interface BodyDecoder<R> {

		@Nullable R decode(Reader body);

	}

	@Override
	public String toString() {
		return this.resource.resourceName() + ((this.namespace != null) ? " in namespace " + this.namespace : "");
	}

}
