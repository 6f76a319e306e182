package io.github.informer.benchmarks.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.JSON;
import org.jspecify.annotations.Nullable;

/**
 * The lower bound of a sync: the time to decode the same list JSON into client-java model objects in memory, with
 * client-java's own {@code JSON} the way its {@code ApiClient} decodes a response (streaming from the body). The JSON
 * is fetched over HTTP first (that transfer time is reported apart) and decoded once, in a fresh JVM, as the
 * informer's JVM decodes it once; the decoded objects stay referenced until the end, as a cache keeps them.
 * With {@code --warm true} it is then decoded a second time, JIT-compiled, for comparison.
 */
public final class DecodeRun {

	private DecodeRun() {
	}

	public static void main(String[] args) throws Exception {
		Arguments arguments = new Arguments(args);
		BenchmarkResource resource = BenchmarkResource.of(arguments.get("resource"));
		int pageSize = Integer.parseInt(arguments.get("page-size", "0"));
		String base = arguments.get("url") + "/api/v1/namespaces/" + arguments.get("namespace") + "/"
				+ resource.plural();
		long fetchStart = System.nanoTime();
		List<byte[]> pages = fetch(base, pageSize);
		double transferMillis = (System.nanoTime() - fetchStart) / 1e6;
		long bytes = pages.stream().mapToLong((page) -> page.length).sum();
		List<KubernetesListObject> decoded = new ArrayList<>(pages.size());
		long decodeStart = System.nanoTime();
		for (byte[] page : pages) {
			decoded.add(JSON.deserialize(new ByteArrayInputStream(page), resource.listType()));
		}
		double decodeMillis = (System.nanoTime() - decodeStart) / 1e6;
		int objects = decoded.stream().mapToInt((list) -> list.getItems().size()).sum();
		Report report = new Report().put("side", "decode")
			.put("objects", objects)
			.put("pages", pages.size())
			.put("jsonBytesPerObject", (double) bytes / Math.max(1, objects))
			.put("transferMillis", transferMillis)
			.put("decodeMillis", decodeMillis);
		if (Boolean.parseBoolean(arguments.get("warm", "false"))) {
			decoded.clear();
			Heap.retained();
			long warmStart = System.nanoTime();
			for (byte[] page : pages) {
				decoded.add(JSON.deserialize(new ByteArrayInputStream(page), resource.listType()));
			}
			report.put("decodeWarmMillis", (System.nanoTime() - warmStart) / 1e6);
		}
		report.print(System.out);
		System.exit(0);
	}

	private static List<byte[]> fetch(String base, int pageSize) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		List<byte[]> pages = new ArrayList<>();
		@Nullable String next = null;
		do {
			String uri = base;
			if (pageSize > 0) {
				uri += "?limit=" + pageSize
						+ ((next != null) ? "&continue=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : "");
			}
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(uri)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
			}
			pages.add(response.body());
			next = (pageSize > 0) ? continueToken(response.body()) : null;
		}
		while (next != null);
		return pages;
	}

	/** The list's {@code metadata.continue}, found without decoding the page (so only decoding is timed). */
	static @Nullable String continueToken(byte[] page) {
		String text = new String(page, StandardCharsets.ISO_8859_1);
		String key = "\"continue\":\"";
		int start = text.indexOf(key);
		if (start < 0) {
			return null;
		}
		start += key.length();
		int end = text.indexOf('"', start);
		String token = text.substring(start, end);
		return token.isEmpty() ? null : token;
	}

}
