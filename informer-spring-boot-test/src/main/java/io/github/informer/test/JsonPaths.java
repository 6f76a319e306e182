package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The JSONPath subset a CRD's {@code additionalPrinterColumns} use ({@code .spec.replicas},
 * {@code .status.conditions[?(@.type=="Ready")].status}, {@code .items[0]}, {@code [*]}, {@code ['a.b']},
 * {@code .metadata.labels.app\.kubernetes\.io/name}), evaluated as client-go's jsonpath does with missing keys
 * allowed: a path that finds nothing gives no result.
 */
final class JsonPaths {

	private JsonPaths() {
	}

	/** Every value the path selects, in document order. */
	static List<JsonElement> find(JsonElement root, String path) {
		String expression = path.trim();
		if (expression.startsWith("{") && expression.endsWith("}")) {
			expression = expression.substring(1, expression.length() - 1);
		}
		if (expression.startsWith("$")) {
			expression = expression.substring(1);
		}
		List<JsonElement> current = new ArrayList<>(List.of(root));
		int i = 0;
		while (i < expression.length() && !current.isEmpty()) {
			char c = expression.charAt(i);
			if (c == '.') {
				int start = ++i;
				StringBuilder name = new StringBuilder();
				while (i < expression.length() && expression.charAt(i) != '.' && expression.charAt(i) != '[') {
					if (expression.charAt(i) == '\\' && i + 1 < expression.length()) {
						i++;
					}
					name.append(expression.charAt(i++));
				}
				if (i == start) {
					continue;
				}
				current = name.toString().equals("*") ? children(current) : members(current, name.toString());
			}
			else if (c == '[') {
				int end = closing(expression, i);
				String inside = expression.substring(i + 1, end).trim();
				i = end + 1;
				current = bracket(current, inside);
			}
			else {
				throw new IllegalArgumentException("unexpected '" + c + "' in JSONPath " + path);
			}
		}
		return current;
	}

	/** How a string column prints a value: strings as they are, everything else as JSON. */
	static String text(JsonElement value) {
		if (value.isJsonPrimitive()) {
			return value.getAsString();
		}
		return Json.GSON.toJson(value);
	}

	private static int closing(String expression, int open) {
		int depth = 0;
		char quote = 0;
		for (int i = open; i < expression.length(); i++) {
			char c = expression.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == '[') {
				depth++;
			}
			else if (c == ']' && --depth == 0) {
				return i;
			}
		}
		throw new IllegalArgumentException("unclosed [ in JSONPath " + expression);
	}

	private static List<JsonElement> bracket(List<JsonElement> current, String inside) {
		if (inside.equals("*")) {
			return children(current);
		}
		if (inside.startsWith("'") || inside.startsWith("\"")) {
			return members(current, inside.substring(1, inside.length() - 1));
		}
		if (inside.startsWith("?(") && inside.endsWith(")")) {
			return filter(current, inside.substring(2, inside.length() - 1).trim());
		}
		List<JsonElement> selected = new ArrayList<>();
		int index = Integer.parseInt(inside);
		for (JsonElement element : current) {
			if (element instanceof JsonArray array) {
				int at = (index < 0) ? array.size() + index : index;
				if (at >= 0 && at < array.size()) {
					selected.add(array.get(at));
				}
			}
		}
		return selected;
	}

	private static List<JsonElement> filter(List<JsonElement> current, String condition) {
		String operator = condition.contains("!=") ? "!=" : condition.contains("==") ? "==" : null;
		String left = (operator != null) ? condition.substring(0, condition.indexOf(operator)).trim() : condition;
		String right = (operator != null) ? condition.substring(condition.indexOf(operator) + 2).trim() : null;
		if (!left.startsWith("@")) {
			throw new IllegalArgumentException("a JSONPath filter must start with @: " + condition);
		}
		List<JsonElement> selected = new ArrayList<>();
		for (JsonElement candidate : children(current)) {
			List<JsonElement> found = find(candidate, left.substring(1));
			boolean keep;
			if (operator == null) {
				keep = !found.isEmpty();
			}
			else {
				String expected = (right.startsWith("'") || right.startsWith("\""))
						? right.substring(1, right.length() - 1) : right;
				boolean equal = !found.isEmpty() && found.get(0).isJsonPrimitive()
						&& found.get(0).getAsString().equals(expected);
				keep = operator.equals("==") == equal;
			}
			if (keep) {
				selected.add(candidate);
			}
		}
		return selected;
	}

	private static List<JsonElement> members(List<JsonElement> current, String name) {
		List<JsonElement> selected = new ArrayList<>();
		for (JsonElement element : current) {
			if (element instanceof JsonObject object && object.has(name) && !object.get(name).isJsonNull()) {
				selected.add(object.get(name));
			}
		}
		return selected;
	}

	private static List<JsonElement> children(List<JsonElement> current) {
		List<JsonElement> selected = new ArrayList<>();
		for (JsonElement element : current) {
			if (element instanceof JsonArray array) {
				array.forEach(selected::add);
			}
			else if (element instanceof JsonObject object) {
				object.entrySet().forEach((entry) -> selected.add(entry.getValue()));
			}
		}
		return selected;
	}

	/** A JSON number as the Go decoder sees it, for integer and number columns. */
	static boolean isNumber(JsonElement value) {
		return value instanceof JsonPrimitive primitive && primitive.isNumber();
	}

}
