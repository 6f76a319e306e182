package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * YAML documents as JSON trees (apply patches, seed files). Timestamps stay strings, as Kubernetes' YAML reader
 * keeps them.
 */
final class Yamls {

	private Yamls() {
	}

	static List<JsonObject> objects(String text) {
		LoaderOptions options = new LoaderOptions();
		options.setCodePointLimit(Integer.MAX_VALUE);
		Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
				options, new NoTimestampResolver());
		List<JsonObject> objects = new ArrayList<>();
		try {
			for (Object document : yaml.loadAll(text)) {
				if (document == null) {
					continue;
				}
				if (!(document instanceof Map<?, ?>)) {
					throw ApiError.badRequest("a YAML document must be a mapping, got: " + document);
				}
				JsonElement tree = Json.GSON.toJsonTree(document);
				JsonObject object = tree.getAsJsonObject();
				if ("List".equals(Json.string(object, "kind")) && object.has("items")) {
					object.getAsJsonArray("items").forEach((item) -> objects.add(item.getAsJsonObject()));
				}
				else {
					objects.add(object);
				}
			}
		}
		catch (YAMLException ex) {
			throw ApiError.badRequest("the YAML is invalid: " + ex.getMessage());
		}
		return objects;
	}

	private static final class NoTimestampResolver extends Resolver {

		@Override
		public void addImplicitResolver(Tag tag, Pattern regexp, String first) {
			if (!Tag.TIMESTAMP.equals(tag)) {
				super.addImplicitResolver(tag, regexp, first);
			}
		}

		@Override
		public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
			if (!Tag.TIMESTAMP.equals(tag)) {
				super.addImplicitResolver(tag, regexp, first, limit);
			}
		}

	}

}
