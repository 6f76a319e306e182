package io.github.informer.decoder;

import java.io.IOException;

import com.google.gson.stream.JsonReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON value of a known Java type from a reader positioned on it.
 *
 * @param <T> the value type
 */
@FunctionalInterface
interface ObjectReader<T> {

	@Nullable T read(JsonReader in) throws IOException;

}
