package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.jspecify.annotations.Nullable;

/**
 * Server-side printing: answers get, list and watch with a {@code meta.k8s.io} Table when the client asks for one
 * ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}, what {@code kubectl get} sends), with
 * kube-apiserver's columns for built-in kinds ({@link TableColumns}) and a custom resource's
 * {@code additionalPrinterColumns} (JSONPath; an Age column when it declares none). Rows carry the object as
 * {@code includeObject} asks: PartialObjectMetadata by default, the whole object, or none.
 */
final class TableConverter {

	private final ResourceFeatures features;

	TableConverter(ResourceFeatures features) {
		this.features = features;
	}

	/**
	 * The Table version ({@code v1} or {@code v1beta1}) the Accept header asks for first, or null when it accepts
	 * plain JSON before any Table.
	 */
	static @Nullable String requestedVersion(@Nullable String accept) {
		if (accept == null) {
			return null;
		}
		for (String range : accept.split(",")) {
			String[] parts = range.split(";");
			String mediaType = parts[0].trim();
			String as = null;
			String group = null;
			String version = null;
			for (int i = 1; i < parts.length; i++) {
				String[] parameter = parts[i].trim().split("=", 2);
				if (parameter.length == 2) {
					switch (parameter[0].trim()) {
						case "as" -> as = parameter[1].trim();
						case "g" -> group = parameter[1].trim();
						case "v" -> version = parameter[1].trim();
						default -> {
						}
					}
				}
			}
			if ("Table".equals(as) && "meta.k8s.io".equals(group)
					&& ("v1".equals(version) || "v1beta1".equals(version))
					&& (mediaType.equals("application/json") || mediaType.equals("*/*"))) {
				return version;
			}
			if (as == null && !mediaType.isEmpty()) {
				return null;
			}
		}
		return null;
	}

	/** A Table of a list page. */
	JsonObject list(ResourceType type, ObjectStore.ListPage page, String version, @Nullable String includeObject) {
		TableColumns.Printer printer = printer(type);
		JsonObject table = table(version, printer, true);
		JsonObject metadata = new JsonObject();
		metadata.addProperty("resourceVersion", Long.toString(page.resourceVersion()));
		if (page.continueAfter() != null) {
			metadata.addProperty("continue", ContinueToken.encode(page.resourceVersion(), page.continueAfter()));
		}
		table.add("metadata", metadata);
		JsonArray rows = new JsonArray();
		for (StoredObject object : page.items()) {
			rows.add(row(printer, object.parse(), version, includeObject));
		}
		table.add("rows", rows);
		return table;
	}

	/** A Table with the one row of a single object (GET of a name, each watch event). */
	JsonObject single(ResourceType type, JsonObject object, String version, @Nullable String includeObject,
			boolean headers) {
		TableColumns.Printer printer = printer(type);
		JsonObject table = table(version, printer, headers);
		JsonObject metadata = new JsonObject();
		String resourceVersion = TableColumns.string(object, "metadata", "resourceVersion");
		if (!resourceVersion.isEmpty()) {
			metadata.addProperty("resourceVersion", resourceVersion);
		}
		table.add("metadata", metadata);
		JsonArray rows = new JsonArray();
		rows.add(row(printer, object, version, includeObject));
		table.add("rows", rows);
		return table;
	}

	/**
	 * How a watch asking for Tables renders each event's object: column definitions in the first only, as
	 * kube-apiserver saves bandwidth (kubectl reuses the last definitions it saw).
	 */
	Function<StoredObject, byte[]> watchRenderer(ResourceType type, String version, @Nullable String includeObject) {
		boolean[] first = { true };
		return (object) -> {
			JsonObject table = single(type, object.parse(), version, includeObject, first[0]);
			first[0] = false;
			return Json.bytes(table);
		};
	}

	private static JsonObject table(String version, TableColumns.Printer printer, boolean headers) {
		JsonObject table = new JsonObject();
		table.addProperty("kind", "Table");
		table.addProperty("apiVersion", "meta.k8s.io/" + version);
		JsonArray columns = new JsonArray();
		if (headers) {
			printer.columns().forEach((column) -> columns.add(column.toJson()));
		}
		table.add("columnDefinitions", columns);
		return table;
	}

	private static JsonObject row(TableColumns.Printer printer, JsonObject object, String version,
			@Nullable String includeObject) {
		JsonObject row = new JsonObject();
		JsonArray cells = new JsonArray();
		printer.cells().apply(object).forEach(cells::add);
		row.add("cells", cells);
		if ("Object".equals(includeObject)) {
			row.add("object", object);
		}
		else if (!"None".equals(includeObject)) {
			JsonObject partial = new JsonObject();
			partial.addProperty("kind", "PartialObjectMetadata");
			partial.addProperty("apiVersion", "meta.k8s.io/" + version);
			partial.add("metadata", Json.metadata(object));
			row.add("object", partial);
		}
		return row;
	}

	/** The printer of a kind: its definition's columns for a custom resource, kube-apiserver's otherwise. */
	TableColumns.Printer printer(ResourceType type) {
		JsonObject definition = this.features.definition(type);
		if (definition == null && ProtobufBodies.descriptor(type.group(), type.version(), type.kind()) != null) {
			return TableColumns.builtIn(type);
		}
		JsonArray declared = null;
		if (definition != null) {
			for (JsonElement version : array(Json.object(definition, "spec"), "versions")) {
				if (version.isJsonObject()
						&& type.version().equals(Json.string(version.getAsJsonObject(), "name"))) {
					JsonElement columns = version.getAsJsonObject().get("additionalPrinterColumns");
					declared = (columns != null && columns.isJsonArray()) ? columns.getAsJsonArray() : null;
				}
			}
		}
		return customPrinter(declared);
	}

	private static TableColumns.Printer customPrinter(@Nullable JsonArray declared) {
		List<TableColumns.Column> columns = new ArrayList<>();
		List<String> paths = new ArrayList<>();
		columns.add(TableColumns.Column.nameColumn());
		if (declared == null || declared.isEmpty()) {
			columns.add(new TableColumns.Column("Age", "date", "", "Custom resource definition column (in JSONPath"
					+ " format): .metadata.creationTimestamp", 0));
			paths.add(".metadata.creationTimestamp");
		}
		else {
			for (JsonElement element : declared) {
				JsonObject column = element.getAsJsonObject();
				String path = Json.string(column, "jsonPath");
				String description = Json.string(column, "description");
				JsonElement priority = column.get("priority");
				columns.add(new TableColumns.Column(String.valueOf(Json.string(column, "name")),
						String.valueOf(Json.string(column, "type")),
						(Json.string(column, "format") != null) ? Json.string(column, "format") : "",
						(description != null && !description.isEmpty()) ? description
								: "Custom resource definition column (in JSONPath format): " + path,
						(priority != null && priority.isJsonPrimitive()) ? priority.getAsInt() : 0));
				paths.add((path != null) ? path : "");
			}
		}
		return new TableColumns.Printer(List.copyOf(columns), (object) -> {
			List<JsonElement> cells = new ArrayList<>();
			cells.add(new JsonPrimitive(TableColumns.string(object, "metadata", "name")));
			for (int i = 0; i < paths.size(); i++) {
				cells.add(cell(columns.get(i + 1).type(), object, paths.get(i)));
			}
			return cells;
		});
	}

	/** One custom column's cell, typed as the apiextensions table convertor types it (null when absent). */
	private static JsonElement cell(String type, JsonObject object, String path) {
		List<JsonElement> found;
		try {
			found = JsonPaths.find(object, path);
		}
		catch (RuntimeException ex) {
			return JsonNull.INSTANCE;
		}
		if (found.isEmpty() || found.get(0).isJsonNull()) {
			return JsonNull.INSTANCE;
		}
		JsonElement value = found.get(0);
		return switch (type) {
			case "string" -> new JsonPrimitive(JsonPaths.text(value));
			case "integer" -> JsonPaths.isNumber(value) ? new JsonPrimitive(value.getAsLong()) : JsonNull.INSTANCE;
			case "number" -> JsonPaths.isNumber(value) ? new JsonPrimitive(value.getAsDouble()) : JsonNull.INSTANCE;
			case "boolean" -> (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) ? value
					: JsonNull.INSTANCE;
			case "date" -> (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString())
					? new JsonPrimitive((TableColumns.instant(value.getAsString()) != null)
							? TableColumns.sinceOrUnknown(value.getAsString()) : "<invalid>")
					: JsonNull.INSTANCE;
			default -> JsonNull.INSTANCE;
		};
	}

	private static JsonArray array(@Nullable JsonObject object, String member) {
		JsonElement value = (object != null) ? object.get(member) : null;
		return (value != null && value.isJsonArray()) ? value.getAsJsonArray() : new JsonArray();
	}

}
