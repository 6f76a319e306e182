package io.github.informer.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Actuator endpoints of an application on a local port over real HTTP, as a readiness probe or an operator
 * would.
 */
public final class ActuatorHttp {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	public ActuatorHttp(int port) {
		this.port = port;
	}

	/**
	 * GET a path.
	 * @param path the path, such as {@code /actuator/informers}
	 * @return the status and the body parsed as JSON (a missing node when the body is not JSON)
	 */
	public Reply get(String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body(), parse(response.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode parse(String body) {
		try {
			return MAPPER.readTree(body);
		}
		catch (RuntimeException ex) {
			return MAPPER.missingNode();
		}
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the HTTP status
	 * @param body the body text
	 * @param json the body as JSON
	 */
	public record Reply(int status, String body, JsonNode json) {
	}

}
