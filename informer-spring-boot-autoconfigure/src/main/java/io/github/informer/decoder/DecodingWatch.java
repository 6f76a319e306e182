package io.github.informer.decoder;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import com.google.gson.JsonElement;
import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.internal.bind.JsonTreeReader;
import com.google.gson.internal.bind.TypeAdapters;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import okhttp3.Call;
import okhttp3.ResponseBody;

/**
 * The events of one watch response, read from the body as a sequence of JSON objects
 * ({@code {"type": ..., "object": ...}}, one per line), each envelope and object in one pass. Failures are those of
 * client-java's {@code Watch}: an I/O failure is a {@code RuntimeException} with the I/O exception as cause, a
 * malformed event a {@code JsonSyntaxException}.
 *
 * @param <T> the model type
 */
final class DecodingWatch<T> implements Watchable<T> {

	private final Call call;

	private final ResponseBody body;

	private final JsonReader in;

	private final ObjectReader<T> objects;

	private final ObjectReader<V1Status> statuses;

	private final Bookmarks<T> bookmarks;

	DecodingWatch(Call call, ResponseBody body, ObjectReader<T> objects, ObjectReader<V1Status> statuses,
			Bookmarks<T> bookmarks) {
		this.call = call;
		this.body = body;
		this.objects = objects;
		this.statuses = statuses;
		this.bookmarks = bookmarks;
		this.in = new JsonReader(new InputStreamReader(body.byteStream(), StandardCharsets.UTF_8));
		// one JSON value after the other
		this.in.setStrictness(Strictness.LENIENT);
	}

	@Override
	public boolean hasNext() {
		try {
			return this.in.peek() != JsonToken.END_DOCUMENT;
		}
		catch (EOFException ex) {
			// a body without any event: Gson's reader says so only with an exception
			return false;
		}
		catch (MalformedJsonException ex) {
			throw new JsonSyntaxException(ex);
		}
		catch (IOException ex) {
			throw new RuntimeException("IO Exception during hasNext method.", ex);
		}
	}

	@Override
	public Watch.Response<T> next() {
		try {
			return readEvent();
		}
		catch (EOFException | MalformedJsonException | IllegalStateException ex) {
			throw new JsonSyntaxException(ex);
		}
		catch (IOException ex) {
			throw new RuntimeException("IO Exception during next method.", ex);
		}
	}

	private Watch.Response<T> readEvent() throws IOException {
		String type = null;
		JsonElement objectBeforeType = null;
		Watch.Response<T> response = null;
		this.in.beginObject();
		while (this.in.hasNext()) {
			String name = this.in.nextName();
			if (name.equals("type")) {
				type = ValueReaders.STRING.read(this.in);
			}
			else if (name.equals("object")) {
				if (type != null) {
					response = readObject(type, this.in);
				}
				else {
					// the type decides how the object is read: keep it until the type has been seen
					objectBeforeType = TypeAdapters.JSON_ELEMENT.read(this.in);
				}
			}
			else {
				this.in.skipValue();
			}
		}
		this.in.endObject();
		if (objectBeforeType != null) {
			response = readObject(String.valueOf(type), new JsonTreeReader(objectBeforeType));
		}
		return (response != null) ? response : new Watch.Response<>(type, (T) null);
	}

	private Watch.Response<T> readObject(String type, JsonReader reader) throws IOException {
		return switch (type) {
			case "BOOKMARK" -> new Watch.Response<>(type, this.bookmarks.read(reader));
			case "ERROR" -> new Watch.Response<>(type, this.statuses.read(reader));
			default -> new Watch.Response<>(type, this.objects.read(reader));
		};
	}

	@Override
	public Iterator<Watch.Response<T>> iterator() {
		return this;
	}

	@Override
	public void remove() {
		throw new UnsupportedOperationException("remove");
	}

	@Override
	public void close() throws IOException {
		this.call.cancel();
		this.body.close();
	}

}
