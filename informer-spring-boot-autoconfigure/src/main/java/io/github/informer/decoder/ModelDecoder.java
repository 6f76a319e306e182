package io.github.informer.decoder;

import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonSyntaxException;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Watchable;
import okhttp3.Call;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Decodes list pages, single objects and watch events of one model type.
 * <p>
 * {@link DecoderType#STREAMING} reads each object straight from the stream into the model classes, field by field by
 * their serialized names, with the conversions client-java's adapters apply (see {@code ValueReaders}); the result is
 * {@code equals} to what client-java's {@code JSON} yields for the same bytes. It differs from client-java only where
 * client-java breaks informers: fields the models do not know are skipped, required fields may be missing (or
 * {@code null}). Classes that cannot be streamed ({@code DynamicKubernetesObject}, which is a JSON tree, classes with
 * their own Gson adapter) and {@link DecoderType#CLIENT_JAVA} use client-java's adapters, with unknown fields removed
 * first. Either way a watch BOOKMARK is read as its resourceVersion only, never through the model.
 * <p>
 * Malformed input fails with the exception client-java's {@code JSON} throws for it: {@code JsonSyntaxException}
 * for broken JSON or a value of the wrong type (as {@code Gson.fromJson} wraps it), {@code IllegalArgumentException}
 * where client-java's generated validation rejects a field.
 *
 * @param <T> the model type
 */
public final class ModelDecoder<T> {

	private final Class<T> type;

	private final DecoderType decoderType;

	private final ObjectReader<T> reader;

	private final ObjectReader<V1ListMeta> listMetaReader;

	private final ObjectReader<V1Status> statusReader = new ClientJavaReader<>(V1Status.class);

	private ModelDecoder(Class<T> type, DecoderType decoderType, ObjectReader<T> reader,
			ObjectReader<V1ListMeta> listMetaReader) {
		this.type = type;
		this.decoderType = decoderType;
		this.reader = reader;
		this.listMetaReader = listMetaReader;
	}

	/**
	 * Create a decoder.
	 * @param type the model class
	 * @param requested the configured decoder; {@link DecoderType#STREAMING} falls back to client-java's adapters
	 * for classes that cannot be streamed
	 * @param <T> the model type
	 * @return the decoder
	 */
	@SuppressWarnings("unchecked")
	public static <T> ModelDecoder<T> of(Class<T> type, DecoderType requested) {
		if (requested == DecoderType.STREAMING && ModelSchema.streamable(type)) {
			ObjectReader<T> reader = (ObjectReader<T>) new ValueReaders.ModelReader(type, false);
			ObjectReader<V1ListMeta> listMeta = (ObjectReader<V1ListMeta>) (ObjectReader<?>) new ValueReaders.ModelReader(
					V1ListMeta.class, false);
			return new ModelDecoder<>(type, DecoderType.STREAMING, reader, listMeta);
		}
		return new ModelDecoder<>(type, DecoderType.CLIENT_JAVA, new ClientJavaReader<>(type),
				new ClientJavaReader<>(V1ListMeta.class));
	}

	/**
	 * Return the decoder in effect: {@link DecoderType#CLIENT_JAVA} when that was asked for or the class cannot be
	 * streamed.
	 * @return the decoder type
	 */
	public DecoderType type() {
		return this.decoderType;
	}

	/**
	 * Decode one JSON document holding one object, failing as {@code JSON.getGson().fromJson(reader, type)} fails.
	 * @param json the document
	 * @return the object, {@code null} for an empty document or a JSON {@code null}
	 */
	public @Nullable T decode(Reader json) {
		return parse(json, this.reader);
	}

	/**
	 * Decode a list response ({@code {"apiVersion", "kind", "metadata", "items"}}), item by item from the stream.
	 * @param json the response body
	 * @return the list, or {@code null} for an empty body
	 */
	public @Nullable DecodedList<T> decodeList(Reader json) {
		return parse(json, this::readList);
	}

	/**
	 * Read the events of a watch response, one JSON object per event.
	 * @param call the call, cancelled on close
	 * @param body the response body
	 * @return the events
	 */
	public Watchable<T> watch(Call call, ResponseBody body) {
		return new DecodingWatch<>(call, body, this.reader, this.statusReader, new Bookmarks<>(this.type));
	}

	private DecodedList<T> readList(JsonReader in) throws IOException {
		String apiVersion = null;
		String kind = null;
		V1ListMeta metadata = null;
		List<T> items = new ArrayList<>();
		in.beginObject();
		while (in.hasNext()) {
			switch (in.nextName()) {
				case "apiVersion" -> apiVersion = ValueReaders.STRING.read(in);
				case "kind" -> kind = ValueReaders.STRING.read(in);
				case "metadata" -> metadata = this.listMetaReader.read(in);
				case "items" -> readItems(in, items);
				default -> in.skipValue();
			}
		}
		in.endObject();
		return new DecodedList<>(apiVersion, kind, (metadata != null) ? metadata : new V1ListMeta(), items);
	}

	private void readItems(JsonReader in, List<T> items) throws IOException {
		if (in.peek() == JsonToken.NULL) {
			in.nextNull();
			return;
		}
		in.beginArray();
		while (in.hasNext()) {
			T item = this.reader.read(in);
			if (item != null) {
				items.add(item);
			}
		}
		in.endArray();
	}

	/**
	 * Run a read as {@code Gson.fromJson(JsonReader, type)} does: lenient, an empty document is {@code null}, and
	 * malformed JSON or a token of the wrong type is a {@link JsonSyntaxException}.
	 */
	static <R> @Nullable R parse(Reader json, ObjectReader<R> read) {
		JsonReader in = new JsonReader(json);
		in.setStrictness(Strictness.LENIENT);
		boolean empty = true;
		try {
			in.peek();
			empty = false;
			return read.read(in);
		}
		catch (EOFException ex) {
			if (empty) {
				return null;
			}
			throw new JsonSyntaxException(ex);
		}
		catch (IllegalStateException | IOException ex) {
			throw new JsonSyntaxException(ex);
		}
	}

}
