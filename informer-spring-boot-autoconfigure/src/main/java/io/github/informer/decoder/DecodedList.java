package io.github.informer.decoder;

import java.util.List;

import io.kubernetes.client.openapi.models.V1ListMeta;
import org.jspecify.annotations.Nullable;

/**
 * A decoded list response: its envelope and its items.
 *
 * @param apiVersion the list's apiVersion, or {@code null}
 * @param kind the list's kind, or {@code null}
 * @param metadata the list metadata (resourceVersion, continue token)
 * @param items the items, in order
 * @param <T> the item type
 */
public record DecodedList<T>(@Nullable String apiVersion, @Nullable String kind, V1ListMeta metadata, List<T> items) {

}
