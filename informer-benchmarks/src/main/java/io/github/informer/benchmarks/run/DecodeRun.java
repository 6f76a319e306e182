package io.github.informer.benchmarks.run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.github.informer.decoder.DecodedList;
import io.github.informer.decoder.DecoderType;
import io.github.informer.decoder.ModelDecoder;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.openapi.JSON;
import org.jspecify.annotations.Nullable;

/**
 * The lower bound of a sync: the time to decode the same list JSON into client-java model objects in memory, with
 * client-java's own {@code JSON} the way its {@code ApiClient} decodes a response (streaming from the body). The JSON
 * is fetched over HTTP first (that transfer time is reported apart) and decoded once, in a fresh JVM, as the
 * informer's JVM decodes it once; the decoded objects stay referenced until the end, as a cache keeps them.
 * With {@code --warm true} it is then decoded a second time, JIT-compiled, for comparison, and the same bytes go
 * through the starter's streaming decoder (the decode-only lower bound of the starter, JIT-compiled: second of two
 * passes), a plain JSON tree parse with Gson ({@code JsonParser}) and with Jackson ({@code ObjectMapper.readTree})
 * (the floor of any decoder that builds a tree), and a walk over every token with Gson's {@code JsonReader} and with
 * Jackson's {@code JsonParser}, reading each name and value as a string (the tokenizer alone: what choosing one
 * streaming parser over the other can change).
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
			decoded.clear();
			report.put("streamingWarmMillis", secondOfTwo(() -> streaming(pages, resource.type())));
			report.put("gsonTreeWarmMillis", secondOfTwo(() -> gsonTrees(pages)));
			report.put("jacksonTreeWarmMillis", secondOfTwo(() -> jacksonTrees(pages)));
			report.put("gsonTokensWarmMillis", secondOfTwo(() -> gsonTokens(pages)));
			report.put("jacksonTokensWarmMillis", secondOfTwo(() -> jacksonTokens(pages)));
		}
		report.print(System.out);
		System.exit(0);
	}

	/**
	 * Run a pass twice and return the second one's milliseconds: the first, over the whole list, has the JIT compile
	 * the code.
	 */
	private static double secondOfTwo(Pass pass) throws Exception {
		double millis = 0;
		for (int i = 0; i < 2; i++) {
			System.gc();
			long start = System.nanoTime();
			Object result = pass.run();
			millis = (System.nanoTime() - start) / 1e6;
			if (result == null) {
				throw new IllegalStateException("nothing decoded");
			}
		}
		return millis;
	}

	private static <T> List<DecodedList<T>> streaming(List<byte[]> pages, Class<T> type) {
		ModelDecoder<T> decoder = ModelDecoder.of(type, DecoderType.STREAMING);
		List<DecodedList<T>> lists = new ArrayList<>(pages.size());
		for (byte[] page : pages) {
			lists.add(decoder.decodeList(reader(page)));
		}
		return lists;
	}

	private static List<JsonElement> gsonTrees(List<byte[]> pages) {
		List<JsonElement> trees = new ArrayList<>(pages.size());
		for (byte[] page : pages) {
			trees.add(JsonParser.parseReader(reader(page)));
		}
		return trees;
	}

	private static List<JsonNode> jacksonTrees(List<byte[]> pages) throws IOException {
		ObjectMapper mapper = new ObjectMapper();
		List<JsonNode> trees = new ArrayList<>(pages.size());
		for (byte[] page : pages) {
			trees.add(mapper.readTree(new ByteArrayInputStream(page)));
		}
		return trees;
	}

	private static Long gsonTokens(List<byte[]> pages) throws IOException {
		long characters = 0;
		for (byte[] page : pages) {
			JsonReader in = new JsonReader(reader(page));
			int depth = 0;
			do {
				switch (in.peek()) {
					case BEGIN_OBJECT -> {
						in.beginObject();
						depth++;
					}
					case END_OBJECT -> {
						in.endObject();
						depth--;
					}
					case BEGIN_ARRAY -> {
						in.beginArray();
						depth++;
					}
					case END_ARRAY -> {
						in.endArray();
						depth--;
					}
					case NAME -> characters += in.nextName().length();
					case STRING, NUMBER -> characters += in.nextString().length();
					case BOOLEAN -> in.nextBoolean();
					case NULL -> in.nextNull();
					default -> throw new IllegalStateException("unexpected end of page");
				}
			}
			while (depth > 0);
		}
		return characters;
	}

	private static Long jacksonTokens(List<byte[]> pages) throws IOException {
		JsonFactory factory = new JsonFactory();
		long characters = 0;
		for (byte[] page : pages) {
			try (com.fasterxml.jackson.core.JsonParser parser = factory.createParser(new ByteArrayInputStream(page))) {
				JsonToken token;
				while ((token = parser.nextToken()) != null) {
					if (token == JsonToken.FIELD_NAME) {
						characters += parser.currentName().length();
					}
					else if (token.isScalarValue() && token != JsonToken.VALUE_NULL) {
						characters += parser.getText().length();
					}
				}
			}
		}
		return characters;
	}

	/** As the informer reads a response: UTF-8 characters from the byte stream. */
	private static Reader reader(byte[] page) {
		return new InputStreamReader(new ByteArrayInputStream(page), StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface Pass {

		Object run() throws Exception;

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
