package io.github.informer.client;

import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Canonical instances for the short strings that repeat across cached objects (label keys and values, namespaces,
 * node names, images), so a cache of many similar objects holds each distinct string once. Bounded: past
 * {@code maxEntries} distinct strings the table starts over, which only costs sharing, never correctness; long strings
 * are never interned because they rarely repeat.
 */
final class StringInterner {

	/** Strings longer than this are returned as they are. */
	static final int MAX_LENGTH = 256;

	private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();

	private final int maxEntries;

	/**
	 * Create an interner.
	 * @param maxEntries the number of distinct strings kept before the table starts over
	 */
	StringInterner(int maxEntries) {
		this.maxEntries = maxEntries;
	}

	/**
	 * Return the canonical instance of a string.
	 * @param value the string
	 * @return an equal string, shared with every other caller that interned an equal one
	 */
	@Nullable String intern(@Nullable String value) {
		if (value == null || value.length() > MAX_LENGTH) {
			return value;
		}
		String existing = this.strings.get(value);
		if (existing != null) {
			return existing;
		}
		if (this.strings.size() >= this.maxEntries) {
			this.strings.clear();
		}
		existing = this.strings.putIfAbsent(value, value);
		return (existing != null) ? existing : value;
	}

}
