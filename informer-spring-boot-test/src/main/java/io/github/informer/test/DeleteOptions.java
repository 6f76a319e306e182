package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The options of a DELETE or DELETECOLLECTION, read as kube-apiserver reads them: from the {@code DeleteOptions}
 * body when there is one (kubectl and client-java send it), else from the query parameters, never merged; checked
 * by {@code ValidateDeleteOptions} with the real 422.
 *
 * @param dryRun the dry-run values ({@code All} is the only valid one)
 * @param gracePeriodSeconds the requested grace period, or null for the object's default
 * @param propagationPolicy {@code Foreground}, {@code Background} or {@code Orphan}, or null for the kind's default
 * @param orphanDependents the deprecated form of the policy, or null
 * @param uid the uid precondition, or null
 * @param resourceVersion the resourceVersion precondition, or null
 */
record DeleteOptions(List<String> dryRun, @Nullable Long gracePeriodSeconds, @Nullable String propagationPolicy,
		@Nullable Boolean orphanDependents, @Nullable String uid, @Nullable String resourceVersion) {

	static final String FOREGROUND = "Foreground";

	static final String BACKGROUND = "Background";

	static final String ORPHAN = "Orphan";

	/** Delete at once with the kind's defaults: what the Java API and an empty request do. */
	static final DeleteOptions DEFAULT = new DeleteOptions(List.of(), null, null, null, null, null);

	static DeleteOptions preconditions(@Nullable String uid, @Nullable String resourceVersion) {
		return new DeleteOptions(List.of(), null, null, null, uid, resourceVersion);
	}

	/** The body's options when it has any bytes, else the query's. */
	static DeleteOptions read(byte[] body, Map<String, String> query) {
		if (body.length > 0) {
			JsonObject options = Json.parseObject(body);
			List<String> dryRun = new ArrayList<>();
			JsonElement values = options.get("dryRun");
			if (values != null && values.isJsonArray()) {
				values.getAsJsonArray().forEach((value) -> dryRun.add(value.isJsonNull() ? "" : value.getAsString()));
			}
			JsonObject preconditions = Json.object(options, "preconditions");
			return new DeleteOptions(dryRun, number(options.get("gracePeriodSeconds")),
					Json.string(options, "propagationPolicy"), bool(options.get("orphanDependents")),
					(preconditions != null) ? Json.string(preconditions, "uid") : null,
					(preconditions != null) ? Json.string(preconditions, "resourceVersion") : null);
		}
		String grace = query.get("gracePeriodSeconds");
		Long gracePeriod = null;
		if (grace != null) {
			try {
				gracePeriod = Long.parseLong(grace);
			}
			catch (NumberFormatException ex) {
				throw ApiError.badRequest("invalid gracePeriodSeconds \"" + grace + "\": not a number");
			}
		}
		return new DeleteOptions(query.containsKey("dryRun") ? List.of(query.get("dryRun")) : List.of(), gracePeriod,
				query.get("propagationPolicy"),
				query.containsKey("orphanDependents") ? ListOptions.bool(query, "orphanDependents") : null, null, null);
	}

	private static @Nullable Long number(@Nullable JsonElement value) {
		return (value == null || value.isJsonNull()) ? null : value.getAsLong();
	}

	private static @Nullable Boolean bool(@Nullable JsonElement value) {
		return (value == null || value.isJsonNull()) ? null : value.getAsBoolean();
	}

	/** {@code ValidateDeleteOptions}: one policy form, a known policy, and dryRun values of {@code All}. */
	void validate() {
		List<FieldError> errors = new ArrayList<>();
		if (this.orphanDependents != null && this.propagationPolicy != null) {
			errors.add(FieldError.invalid("propagationPolicy", this.propagationPolicy,
					"orphanDependents and deletionPropagation cannot be both set"));
		}
		if (this.propagationPolicy != null && !List.of(FOREGROUND, BACKGROUND, ORPHAN).contains(this.propagationPolicy)) {
			errors.add(FieldError.notSupported("propagationPolicy", FieldError.quote(this.propagationPolicy),
					List.of(FOREGROUND, BACKGROUND, ORPHAN, "nil")));
		}
		WriteOptions.checkDryRun(this.dryRun, errors);
		if (!errors.isEmpty()) {
			throw ApiError.invalidOptions("DeleteOptions", errors);
		}
	}

	boolean isDryRun() {
		return !this.dryRun.isEmpty();
	}

}
