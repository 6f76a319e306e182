package io.github.informer.test;

import io.github.informer.selector.SelectorSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code fieldSelector} parameter: kube-apiserver's own parser (the shared
 * {@link io.github.informer.selector.FieldSelector}), then each field converted by the kind's {@link SelectableFields}
 * (an unsupported one is the real 400), matched against the values the kind exposes.
 */
final class FieldSelector {

	static final FieldSelector EVERYTHING = new FieldSelector(io.github.informer.selector.FieldSelector.everything(),
			SelectableFields.METADATA);

	private final io.github.informer.selector.FieldSelector selector;

	private final SelectableFields fields;

	private FieldSelector(io.github.informer.selector.FieldSelector selector, SelectableFields fields) {
		this.selector = selector;
		this.fields = fields;
	}

	/** Parses a selector for a kind; 400 BadRequest when malformed or when a field is not selectable there. */
	static FieldSelector parse(@Nullable String selector, SelectableFields fields) {
		if (selector == null || selector.isEmpty()) {
			return EVERYTHING;
		}
		io.github.informer.selector.FieldSelector parsed;
		try {
			parsed = io.github.informer.selector.FieldSelector.parse(selector);
		}
		catch (SelectorSyntaxException ex) {
			throw ApiError.badRequest(ex.getMessage());
		}
		return new FieldSelector(parsed.withFields(fields::canonical), fields);
	}

	boolean matchesEverything() {
		return this.selector.isEmpty();
	}

	boolean matches(StoredObject object) {
		return this.selector.matches((field) -> this.fields.value(object, field));
	}

}
