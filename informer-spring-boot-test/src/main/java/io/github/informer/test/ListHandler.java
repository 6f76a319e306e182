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

	private final ResourceTypes types;

	ListHandler(ObjectStore store, ResourceTypes types) {
		this.store = store;
		this.types = types;
	}

	void respond(Response response, ResourceType type, ApiRoute route, Map<String, String> query)
			throws IOException {
		writeList(response, type, page(type, route, query), !this.types.builtIn(type));
	}

	/** The page a list request asks for (also what a Table of the list shows). */
	ObjectStore.ListPage page(ResourceType type, ApiRoute route, Map<String, String> query) {
		ListOptions options = ListOptions.parse(query, false);
		LabelSelector labels = LabelSelector.parse(query.get("labelSelector"));
		FieldSelector fields = FieldSelector.parse(query.get("fieldSelector"),
				SelectableFields.of(type, this.types, this.store));
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
			snapshot = listSnapshot(requested, options.resourceVersionMatch(), limit);
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
	private long listSnapshot(@Nullable String requested, String match, int limit) {
		if (requested == null || requested.isEmpty() || requested.equals("0")) {
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
		if (version > current) {
			throw ApiError.tooLargeResourceVersion(version, current);
		}
		if (ListOptions.EXACT.equals(match) || (match.isEmpty() && limit > 0)) {
			return version;
		}
		return 0;
	}

	/**
	 * Writes a list body (also the answer of a deletecollection). Items of built-in kinds carry no {@code kind} and
	 * {@code apiVersion}, as kube-apiserver writes them (its typed lists leave the items' TypeMeta empty); custom
	 * resources' items keep theirs.
	 */
	static void writeList(Response response, ResourceType type, ObjectStore.ListPage page,
			boolean itemTypeMeta) throws IOException {
		String continueToken = (page.continueAfter() != null)
				? ContinueToken.encode(page.resourceVersion(), page.continueAfter()) : null;
		byte[] head = ("{\"kind\":\"" + type.listKind() + "\",\"apiVersion\":\"" + type.apiVersion()
				+ "\",\"metadata\":{\"resourceVersion\":\"" + page.resourceVersion() + "\""
				+ ((continueToken != null) ? ",\"continue\":\"" + continueToken + "\"" : "")
				+ ((page.remainingItemCount() != null) ? ",\"remainingItemCount\":" + page.remainingItemCount() : "")
				+ "},\"items\":[")
			.getBytes(StandardCharsets.UTF_8);
		byte[] tail = { ']', '}' };
		List<StoredObject> items = page.items();
		long length = head.length + tail.length + Math.max(0, items.size() - 1);
		for (StoredObject item : items) {
			length += item.listItemLength(itemTypeMeta);
		}
		try (OutputStream out = new BufferedOutputStream(response.fixed(200, length), 1 << 16)) {
			out.write(head);
			for (int i = 0; i < items.size(); i++) {
				if (i > 0) {
					out.write(COMMA);
				}
				items.get(i).writeListItem(out, itemTypeMeta);
			}
			out.write(tail);
		}
	}

}
