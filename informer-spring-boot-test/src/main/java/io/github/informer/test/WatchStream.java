package io.github.informer.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Serves one watch as kube-apiserver does: a chunked JSON stream of {@code {"type":..,"object":..}} lines, flushed
 * per batch of events, with BOOKMARKs when asked for, ending at {@code timeoutSeconds}, when the watch is closed, or
 * when the server stops.
 */
final class WatchStream {

	private static final byte[] NEWLINE = { '\n' };

	private final ObjectStore store;

	private final Watcher watcher;

	private final ResourceType type;

	private final Function<StoredObject, byte[]> render;

	/** {@code render} writes each event's object: its stored JSON, or a Table row for {@code as=Table}. */
	WatchStream(ObjectStore store, Watcher watcher, ResourceType type, Function<StoredObject, byte[]> render) {
		this.store = store;
		this.watcher = watcher;
		this.type = type;
		this.render = render;
	}

	/**
	 * Streams until the end ({@code timeoutMillis}, a closed watch, or {@code running} turning false when the server
	 * stops): first the initial events when {@code initial} asks for them, ending with the bookmark a watch-list
	 * client waits for when bookmarks are allowed; else from {@code from} (0: from now). A {@code fault} (a watch kind
	 * of {@link ResponseFault}) replaces or cuts the stream.
	 */
	void serve(Response response, @Nullable String namespace, long from, InitialEvents initial, long timeoutMillis,
			BooleanSupplier running, @Nullable ResponseFault fault) throws IOException {
		if (fault != null && fault.kind() == ResponseFault.Kind.WATCH_ERROR_EVENT) {
			ApiError error = new ApiError(fault.code(), ApiError.reasonFor(fault.code()),
					"injected watch ERROR event with code " + fault.code(), null);
			try (OutputStream out = response.stream()) {
				out.write(frame("ERROR", Json.bytes(error.toStatus())));
			}
			return;
		}
		if (fault != null && fault.kind() == ResponseFault.Kind.WATCH_EMPTY) {
			response.stream().close();
			return;
		}
		boolean oneEvent = fault != null && fault.kind() == ResponseFault.Kind.WATCH_ONE_EVENT;
		try {
			this.store.watch(this.watcher, namespace, from, initial.send());
		}
		catch (ApiError expired) {
			try (OutputStream out = response.stream()) {
				out.write(frame("ERROR", Json.bytes(expired.toStatus())));
			}
			return;
		}
		long deadline = (timeoutMillis > 0) ? System.currentTimeMillis() + timeoutMillis : Long.MAX_VALUE;
		int initialSent = 0;
		boolean initialPhase = initial.send();
		try (OutputStream out = response.stream()) {
			Object entry = oneEvent ? this.watcher.pollNow() : null;
			if (entry == null && oneEvent && this.watcher.allowsBookmarks()) {
				out.write(frame("BOOKMARK", bookmark(this.store.resourceVersion(), false)));
				return;
			}
			while (running.getAsBoolean()) {
				if (entry == null) {
					long left = deadline - System.currentTimeMillis();
					if (left <= 0) {
						return;
					}
					entry = this.watcher.poll(Math.min(left, 500));
				}
				int written = 0;
				while (entry != null) {
					if (entry == Watcher.CLOSE) {
						out.flush();
						return;
					}
					if (entry instanceof Watcher.ErrorEvent error) {
						out.write(frame("ERROR", error.status()));
						return;
					}
					if (initialPhase && initialSent == initial.closeAfter()) {
						// injected: the stream ends in the middle of the initial events, before their bookmark
						out.flush();
						return;
					}
					if (entry instanceof Watcher.InitialEventsEnd end) {
						initialPhase = false;
						if (this.watcher.allowsBookmarks()) {
							out.write(frame("BOOKMARK", bookmark(end.resourceVersion(), initial.annotateEnd())));
							written++;
						}
					}
					else {
						int sent = write(out, entry);
						written += sent;
						initialSent += initialPhase ? sent : 0;
					}
					if (oneEvent && written > 0) {
						return;
					}
					entry = (written < 256) ? this.watcher.pollNow() : null;
				}
				if (written > 0) {
					out.flush();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.store.unwatch(this.watcher);
		}
	}

	private int write(OutputStream out, Object entry) throws IOException {
		if (entry instanceof Long resourceVersion) {
			out.write(frame("BOOKMARK", bookmark(resourceVersion, false)));
			return 1;
		}
		StoreEvent event = (StoreEvent) entry;
		StoreEvent.Type visible = this.watcher.visibleAs(event);
		if (visible == null) {
			return 0;
		}
		out.write(("{\"type\":\"" + visible.name() + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
		out.write(this.render.apply(event.object()));
		out.write('}');
		out.write(NEWLINE);
		return 1;
	}

	/** A BOOKMARK object; the one ending a watch-list's initial events carries the annotation clients wait for. */
	private byte[] bookmark(long resourceVersion, boolean initialEventsEnd) {
		return ("{\"kind\":\"" + this.type.kind() + "\",\"apiVersion\":\"" + this.type.apiVersion()
				+ "\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\""
				+ (initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "") + "}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] frame(String type, byte[] object) {
		byte[] head = ("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8);
		byte[] frame = new byte[head.length + object.length + 2];
		System.arraycopy(head, 0, frame, 0, head.length);
		System.arraycopy(object, 0, frame, head.length, object.length);
		frame[frame.length - 2] = '}';
		frame[frame.length - 1] = '\n';
		return frame;
	}

	/**
	 * How a watch starts: whether it sends the current state first, whether the bookmark ending that state carries
	 * the {@code k8s.io/initial-events-end} annotation, and after how many initial events it is cut short (-1:
	 * never).
	 *
	 * @param send whether initial events are sent
	 * @param annotateEnd whether the closing bookmark is annotated (false: a server that never ends the phase)
	 * @param closeAfter how many initial events are sent before the stream ends, or -1
	 */
	record InitialEvents(boolean send, boolean annotateEnd, int closeAfter) {

		static final InitialEvents NONE = new InitialEvents(false, true, -1);

	}

}
