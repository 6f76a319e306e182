package io.github.informer.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.google.gson.JsonElement;
import com.sun.net.httpserver.HttpExchange;

/** Sends one HTTP response (always JSON) and records the request with its status when the headers go out. */
final class Response {

	private final HttpExchange exchange;

	private final RequestLog log;

	private final String path;

	private final Map<String, String> query;

	private boolean sent;

	private Duration stall = Duration.ZERO;

	Response(HttpExchange exchange, RequestLog log, String path, Map<String, String> query) {
		this.exchange = exchange;
		this.log = log;
		this.path = path;
		this.query = query;
	}

	boolean isSent() {
		return this.sent;
	}

	/** Stall the body half-way through for this long (an injected {@link ResponseFault.Kind#STALL}). */
	void stall(Duration stall) {
		this.stall = stall;
	}

	void header(String name, String value) {
		this.exchange.getResponseHeaders().set(name, value);
	}

	void json(int status, JsonElement body) throws IOException {
		bytes(status, Json.bytes(body));
	}

	void error(ApiError error) throws IOException {
		json(error.code(), error.toStatus());
	}

	void text(int status, String body) throws IOException {
		header("Content-Type", "text/plain; charset=utf-8");
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		start(status, (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = body(bytes.length)) {
			out.write(bytes);
		}
	}

	void bytes(int status, byte[] body) throws IOException {
		header("Content-Type", "application/json");
		start(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = body(body.length)) {
			out.write(body);
		}
	}

	/** Starts a body of known length (lists written piece by piece). */
	OutputStream fixed(int status, long length) throws IOException {
		header("Content-Type", "application/json");
		start(status, (length == 0) ? -1 : length);
		return body(length);
	}

	/** Starts a chunked body (watch streams). */
	OutputStream stream() throws IOException {
		header("Content-Type", "application/json");
		header("Cache-Control", "no-cache, private");
		start(200, 0);
		OutputStream out = body(0);
		out.flush();
		return out;
	}

	/** The response body, stalling after half of {@code length} bytes (after the first for a stream) if asked to. */
	private OutputStream body(long length) {
		OutputStream out = this.exchange.getResponseBody();
		return this.stall.isZero() ? out : new StallingOutputStream(out, Math.max(1, length / 2), this.stall);
	}

	/** {@code length} as the JDK server takes it: 0 chunked, -1 no body. */
	private void start(int status, long length) throws IOException {
		this.sent = true;
		this.log.add(new RecordedRequest(this.exchange.getRequestMethod(), this.path, this.query, status, Instant.now()));
		this.exchange.sendResponseHeaders(status, length);
	}

}
