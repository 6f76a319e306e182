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

	/** Streams until the end; {@code running} turns false when the server stops. */
	void serve(Response response, @Nullable String namespace, long from, long timeoutMillis, BooleanSupplier running)
			throws IOException {
		try {
			this.store.watch(this.watcher, namespace, from);
		}
		catch (ApiError expired) {
			try (OutputStream out = response.stream()) {
				out.write(frame("ERROR", Json.bytes(expired.toStatus())));
			}
			return;
		}
		long deadline = (timeoutMillis > 0) ? System.currentTimeMillis() + timeoutMillis : Long.MAX_VALUE;
		try (OutputStream out = response.stream()) {
			while (running.getAsBoolean()) {
				long left = deadline - System.currentTimeMillis();
				if (left <= 0) {
					return;
				}
				Object entry = this.watcher.poll(Math.min(left, 500));
				int written = 0;
				while (entry != null) {
					if (entry == Watcher.CLOSE) {
						out.flush();
						return;
					}
					written += write(out, entry);
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
			out.write(frame("BOOKMARK", bookmark(resourceVersion)));
			return 1;
		}
		if (entry instanceof Watcher.GoZeroValueBookmark bookmark) {
			out.write(frame("BOOKMARK", GoZeroValues.bookmark(this.type, bookmark.resourceVersion())));
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

	private byte[] bookmark(long resourceVersion) {
		return ("{\"kind\":\"" + this.type.kind() + "\",\"apiVersion\":\"" + this.type.apiVersion()
				+ "\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}")
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

}
