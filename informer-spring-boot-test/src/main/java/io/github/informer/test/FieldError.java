package io.github.informer.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * One validation error as apimachinery's {@code field.Error} renders it: {@code <field>: <Type>[: <value>][:
 * <detail>]}, and as a {@code StatusCause} in a 422 Invalid. Kept apart so every 422 the server sends has the real
 * message and {@code details.causes}, which kubectl prints and clients match on.
 *
 * @param field the field path, e.g. {@code metadata.name}
 * @param type the error type
 * @param value the rendered bad value ({@code "x"} quoted for strings), or null for types that show none
 * @param detail the explanation, or empty
 */
record FieldError(String field, Type type, @Nullable String value, String detail) {

	static FieldError forbidden(String field, String detail) {
		return new FieldError(field, Type.FORBIDDEN, null, detail);
	}

	static FieldError invalid(String field, String value, String detail) {
		return new FieldError(field, Type.INVALID, quote(value), detail);
	}

	/** {@code Unsupported value: "x": supported values: "a", "b"}. */
	static FieldError notSupported(String field, String value, List<String> supported) {
		List<String> quoted = new ArrayList<>();
		for (String option : supported) {
			quoted.add(quote(option));
		}
		return new FieldError(field, Type.NOT_SUPPORTED, value, "supported values: " + String.join(", ", quoted));
	}

	/**
	 * Reads a message in the rendered form ({@code metadata.name: Required value: why}) back into an error, so
	 * callers can keep writing the message kube-apiserver prints.
	 */
	static FieldError parse(String message) {
		int colon = message.indexOf(": ");
		if (colon < 0) {
			return new FieldError("", Type.INVALID, null, message);
		}
		String field = message.substring(0, colon);
		String body = message.substring(colon + 2);
		for (Type type : Type.values()) {
			if (body.equals(type.text)) {
				return new FieldError(field, type, null, "");
			}
			if (body.startsWith(type.text + ": ")) {
				return new FieldError(field, type, null, body.substring(type.text.length() + 2));
			}
		}
		return new FieldError(field, Type.INVALID, null, body);
	}

	static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** What follows the field: {@code Required value: why}, {@code Invalid value: "x": why}. */
	String body() {
		String body = this.type.text;
		if (this.value != null) {
			body += ": " + this.value;
		}
		return this.detail.isEmpty() ? body : body + ": " + this.detail;
	}

	@Override
	public String toString() {
		return this.field.isEmpty() ? body() : this.field + ": " + body();
	}

	/** apimachinery's {@code ErrorList.ToAggregate().Error()}: one message, or {@code [a, b]} without duplicates. */
	static String aggregate(List<FieldError> errors) {
		Set<String> messages = new LinkedHashSet<>();
		for (FieldError error : errors) {
			messages.add(error.toString());
		}
		return (messages.size() == 1) ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
	}

	static JsonArray causes(List<FieldError> errors) {
		JsonArray causes = new JsonArray();
		for (FieldError error : errors) {
			JsonObject cause = new JsonObject();
			cause.addProperty("reason", error.type.reason);
			cause.addProperty("message", error.body());
			cause.addProperty("field", error.field);
			causes.add(cause);
		}
		return causes;
	}

	/** The error types of apimachinery's {@code field} package: their text and their cause reason. */
	enum Type {

		REQUIRED("Required value", "FieldValueRequired"), FORBIDDEN("Forbidden", "FieldValueForbidden"),
		NOT_SUPPORTED("Unsupported value", "FieldValueNotSupported"), DUPLICATE("Duplicate value",
				"FieldValueDuplicate"), TOO_LONG("Too long", "FieldValueTooLong"), TOO_MANY("Too many",
						"FieldValueTooMany"), INTERNAL("Internal error", "InternalError"), INVALID("Invalid value",
								"FieldValueInvalid");

		private final String text;

		private final String reason;

		Type(String text, String reason) {
			this.text = text;
			this.reason = reason;
		}

	}

}
