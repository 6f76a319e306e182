package io.github.informer.test;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Serves list requests: selectors, {@code limit}/{@code continue} on the first page's snapshot, the
 * {@code resourceVersion} semantics of kube-apiserver, and a body written straight from the stored bytes.
 */
final class ListHandler {

	private static final byte[] COMMA = { ',' };

	private final ObjectStore store;

	ListHandler(ObjectStore store) {
		this.store = store;
	}

	void respond(Response response, ResourceType type, ApiRoute route, Map<String, String> query)
			throws IOException {
		writeList(response, type, page(type, route, query));
	}

	/** The page a list request asks for (also what a Table of the list shows). */
	ObjectStore.ListPage page(ResourceType type, ApiRoute route, Map<String, String> query) {
		LabelSelector labels = LabelSelector.parse(query.get("labelSelector"));
		FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"));
		int limit = ApiHttpHandler.integer(query, "limit");
		String token = query.get("continue");
		String requested = query.get("resourceVersion");
		long snapshot = 0;
		String after = null;
		if (token != null && !token.isEmpty()) {
			if (requested != null && !requested.isEmpty() && !requested.equals("0")) {
				throw ApiError.badRequest("specifying resource version is not allowed when using continue");
			}
			ContinueToken decoded = ContinueToken.decode(token);
			snapshot = decoded.resourceVersion();
			after = decoded.after();
			if (snapshot < 1) {
				throw ApiError.badRequest("continue key is not valid: incorrect encoded start resourceVersion");
			}
		}
		else {
			snapshot = listSnapshot(requested, query.get("resourceVersionMatch"), limit);
		}
		ObjectStore.ListPage page;
		try {
			page = this.store.list(type, route.namespace(), labels, fields, snapshot, after, limit);
		}
		catch (ApiError expired) {
			if (token != null && expired.code() == 410) {
				throw ApiError.expired("The provided continue parameter is too old to display a consistent list"
						+ " result. You can start a new list without the continue parameter.");
			}
			throw expired;
		}
		return page;
	}

	/** The snapshot a list without continue reads: 0 for the current state. */
	private long listSnapshot(@Nullable String requested, @Nullable String match, int limit) {
		if (requested == null || requested.isEmpty() || requested.equals("0")) {
			if ("Exact".equals(match)) {
				throw ApiError.badRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
			}
			return 0;
		}
		long version;
		try {
			version = Long.parseLong(requested);
		}
		catch (NumberFormatException ex) {
			throw ApiError.badRequest("invalid resourceVersion \"" + requested + "\": not a number");
		}
		long current = this.store.resourceVersion();
		if ("Exact".equals(match) || (match == null && limit > 0)) {
			if (version > current) {
				throw new ApiError(504, "Timeout", "Too large resource version: " + version + ", current: " + current,
						null);
			}
			return version;
		}
		if (version > current) {
			throw new ApiError(504, "Timeout", "Too large resource version: " + version + ", current: " + current,
					null);
		}
		return 0;
	}

	private static void writeList(Response response, ResourceType type, ObjectStore.ListPage page)
			throws IOException {
		String continueToken = (page.continueAfter() != null)
				? ContinueToken.encode(page.resourceVersion(), page.continueAfter()) : null;
		byte[] head = ("{\"kind\":\"" + type.listKind() + "\",\"apiVersion\":\"" + type.apiVersion()
				+ "\",\"metadata\":{\"resourceVersion\":\"" + page.resourceVersion() + "\""
				+ ((continueToken != null) ? ",\"continue\":\"" + continueToken + "\"" : "") + "},\"items\":[")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = { ']', '}' };
		List<StoredObject> items = page.items();
		long length = head.length + tail.length + Math.max(0, items.size() - 1);
		for (StoredObject item : items) {
			length += item.json().length;
		}
		try (OutputStream out = new BufferedOutputStream(response.fixed(200, length), 1 << 16)) {
			out.write(head);
			for (int i = 0; i < items.size(); i++) {
				if (i > 0) {
					out.write(COMMA);
				}
				out.write(items.get(i).json());
			}
			out.write(tail);
		}
	}

}
