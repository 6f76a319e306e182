package io.github.informer.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.ClientBuilder;

/**
 * A scripted HTTP API server for the one pod resource, for what {@code FakeKubernetesApiServer} (being faithful) never
 * does: the list answers fixed pods at resourceVersion 10, the first watch (or watch-list) sends fixed event lines and
 * then stays open, later watches stay open with nothing to say.
 */
final class ScriptedPodServer implements AutoCloseable {

	private static final String DISCOVERY = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\","
			+ "\"resources\":[{\"name\":\"pods\",\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\","
			+ "\"verbs\":[\"get\",\"list\",\"watch\"]}]}";

	private final HttpServer server;

	private final CountDownLatch closed = new CountDownLatch(1);

	private final AtomicBoolean scriptSent = new AtomicBoolean();

	ScriptedPodServer(List<V1Pod> listed, List<String> watchEvents) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(Executors.newCachedThreadPool((task) -> InformerThreads.named("scripted-api", task)));
		String list = JSON.serialize(new V1PodList().apiVersion("v1")
			.kind("PodList")
			.metadata(new V1ListMeta().resourceVersion("10"))
			.items(listed));
		this.server.createContext("/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String query = String.valueOf(exchange.getRequestURI().getQuery());
			if (path.equals("/api/v1")) {
				respond(exchange, DISCOVERY);
			}
			else if (path.endsWith("/pods") && (query.contains("watch=true") || query.contains("watch=1"))) {
				watch(exchange, this.scriptSent.compareAndSet(false, true) ? watchEvents : List.of());
			}
			else if (path.endsWith("/pods")) {
				respond(exchange, list);
			}
			else {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
			}
		});
		this.server.start();
	}

	/** One line of a watch response: {@code {"type": <type>, "object": <pod>}}. */
	static String event(String type, V1Pod pod) {
		return "{\"type\":\"" + type + "\",\"object\":" + JSON.serialize(pod) + "}";
	}

	ApiClient apiClient() {
		return new ClientBuilder().setBasePath("http://127.0.0.1:" + this.server.getAddress().getPort()).build();
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void watch(HttpExchange exchange, List<String> events) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, 0);
		try (OutputStream out = exchange.getResponseBody()) {
			for (String event : events) {
				out.write((event + "\n").getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			this.closed.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
	}

}
