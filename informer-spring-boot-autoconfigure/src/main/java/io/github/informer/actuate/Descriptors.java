package io.github.informer.actuate;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Formats times for the endpoint as ISO-8601 strings, whatever the JSON mapper's date settings.
 */
final class Descriptors {

	private Descriptors() {
	}

	static @Nullable String format(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	static @Nullable String format(@Nullable Duration duration) {
		return (duration != null) ? duration.toString() : null;
	}

}
