package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The list and watch parameters of one request, read as kube-apiserver reads them: booleans as
 * {@code Convert_Slice_string_To_bool} does (absent, {@code 0} or {@code false} in any case are false, anything else,
 * the empty value included, is true), the watch-list defaults of {@code SetListOptionsDefaults} (a watch from
 * {@code ""} or {@code "0"} streams its initial events and ends them with a bookmark), and the checks of
 * {@code ValidateListOptions} answered with the real 422.
 */
final class ListOptions {

	static final String NOT_OLDER_THAN = "NotOlderThan";

	static final String EXACT = "Exact";

	private final boolean watch;

	private final String resourceVersion;

	private final String resourceVersionMatch;

	private final @Nullable Boolean sendInitialEvents;

	private final boolean allowWatchBookmarks;

	private final String continueToken;

	private ListOptions(boolean watch, String resourceVersion, String resourceVersionMatch,
			@Nullable Boolean sendInitialEvents, boolean allowWatchBookmarks, String continueToken) {
		this.watch = watch;
		this.resourceVersion = resourceVersion;
		this.resourceVersionMatch = resourceVersionMatch;
		this.sendInitialEvents = sendInitialEvents;
		this.allowWatchBookmarks = allowWatchBookmarks;
		this.continueToken = continueToken;
	}

	/** Parses, defaults and validates; {@code watch} is whether the request is a watch (query or legacy path). */
	static ListOptions parse(Map<String, String> query, boolean watch) {
		String resourceVersion = string(query, "resourceVersion");
		String match = string(query, "resourceVersionMatch");
		Boolean sendInitialEvents = query.containsKey("sendInitialEvents") ? bool(query, "sendInitialEvents") : null;
		if (watch && sendInitialEvents == null && match.isEmpty()
				&& (resourceVersion.isEmpty() || resourceVersion.equals("0"))) {
			// SetListOptionsDefaults with the WatchList feature on (the default since 1.32)
			sendInitialEvents = true;
			match = NOT_OLDER_THAN;
		}
		ListOptions options = new ListOptions(watch, resourceVersion, match, sendInitialEvents,
				bool(query, "allowWatchBookmarks"), string(query, "continue"));
		List<FieldError> errors = options.validate();
		if (!errors.isEmpty()) {
			throw ApiError.invalidOptions("ListOptions", errors);
		}
		return options;
	}

	/** A boolean query parameter as kube-apiserver's parameter codec reads it. */
	static boolean bool(Map<String, String> query, String name) {
		String value = query.get(name);
		if (value == null) {
			return false;
		}
		String lower = value.toLowerCase(Locale.ROOT);
		return !lower.equals("false") && !lower.equals("0");
	}

	private static String string(Map<String, String> query, String name) {
		String value = query.get(name);
		return (value != null) ? value : "";
	}

	private List<FieldError> validate() {
		List<FieldError> errors = new ArrayList<>();
		String match = this.resourceVersionMatch;
		if (this.watch) {
			if (this.sendInitialEvents != null && !match.equals(NOT_OLDER_THAN)) {
				errors.add(FieldError.forbidden("resourceVersionMatch",
						"sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
			}
			if (!match.isEmpty()) {
				if (this.sendInitialEvents == null) {
					errors.add(FieldError.forbidden("resourceVersionMatch",
							"resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
				}
				if (!match.equals(NOT_OLDER_THAN)) {
					errors.add(FieldError.notSupported("resourceVersionMatch", FieldError.quote(match),
							List.of(NOT_OLDER_THAN)));
				}
				if (!this.continueToken.isEmpty()) {
					errors.add(FieldError.forbidden("resourceVersionMatch",
							"resourceVersionMatch is forbidden when continue is provided"));
				}
			}
			return errors;
		}
		if (!match.isEmpty()) {
			if (this.resourceVersion.isEmpty()) {
				errors.add(FieldError.forbidden("resourceVersionMatch",
						"resourceVersionMatch is forbidden unless resourceVersion is provided"));
			}
			if (!this.continueToken.isEmpty()) {
				errors.add(FieldError.forbidden("resourceVersionMatch",
						"resourceVersionMatch is forbidden when continue is provided"));
			}
			if (!match.equals(EXACT) && !match.equals(NOT_OLDER_THAN)) {
				errors.add(FieldError.notSupported("resourceVersionMatch", FieldError.quote(match),
						List.of(EXACT, NOT_OLDER_THAN, "")));
			}
			if (match.equals(EXACT) && this.resourceVersion.equals("0")) {
				errors.add(FieldError.forbidden("resourceVersionMatch",
						"resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
			}
		}
		if (this.sendInitialEvents != null) {
			errors.add(FieldError.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
		}
		return errors;
	}

	/** The requested resourceVersion, empty when unset. */
	String resourceVersion() {
		return this.resourceVersion;
	}

	/** The resourceVersionMatch after defaulting, empty when unset. */
	String resourceVersionMatch() {
		return this.resourceVersionMatch;
	}

	/** Whether this watch streams the current state first (explicitly, or by the watch-list default). */
	boolean sendInitialEvents() {
		return Boolean.TRUE.equals(this.sendInitialEvents);
	}

	/** Whether the client asked for sendInitialEvents=true itself (a watch-list request, not a defaulted one). */
	static boolean isWatchList(Map<String, String> query) {
		return query.containsKey("sendInitialEvents") && bool(query, "sendInitialEvents");
	}

	boolean allowWatchBookmarks() {
		return this.allowWatchBookmarks;
	}

}
