package io.github.informer.decoder;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input fails with client-java's exception class; what client-java decodes, the streaming decoder decodes
 * to an equal object. Every field of every model class gets a value of each wrong JSON type (and huge numbers);
 * objects are truncated at every position of a realistic Pod.
 */
class ModelDecoderMalformedInputTests {

	private static final List<String> WRONG_VALUES = List.of("\"text\"", "1.5", "-7", "1e400", "99999999999999999999",
			"123456789012345678901234567890.5", "{}", "[]", "[1]", "[{}]", "[null]", "{\"k\":1}", "true", "null",
			"\"NaN\"", "\"2026-13-01T00:00:00Z\"", "\"!!notbase64\"");

	@Test
	void everyFieldOfTheWrongJsonTypeFailsAsClientJavaFails() throws Exception {
		List<String> failures = new ArrayList<>();
		int failedAlike = 0;
		for (Class<?> type : ModelValues.modelClasses()) {
			JsonObject valid = JsonParser.parseString(JSON.serialize(new ModelValues(type.getName().hashCode())
				.fill(type, 2))).getAsJsonObject();
			for (String field : ModelSchemaNames.of(type)) {
				boolean required = ModelValues.requiredFields(type).contains(field);
				for (String wrong : WRONG_VALUES) {
					JsonObject mutated = valid.deepCopy();
					mutated.add(field, JsonParser.parseString(wrong));
					failedAlike += compare(type, mutated.toString(), field, required && wrong.equals("null"),
							failures);
				}
			}
		}
		assertThat(failures).isEmpty();
		assertThat(failedAlike).isGreaterThan(10_000);
	}

	@Test
	void nestedFieldsOfTheWrongJsonTypeFailAsClientJavaFails() throws Exception {
		List<String> failures = new ArrayList<>();
		JsonObject pod = JsonParser.parseString(JSON.serialize(new ModelValues(7).fill(V1Pod.class, 0)))
			.getAsJsonObject();
		int paths = 0;
		for (String path : List.of("metadata", "spec", "status", "spec.containers", "spec.affinity",
				"spec.securityContext")) {
			JsonElement parent = at(pod, path);
			if (parent == null || parent.isJsonNull()) {
				continue;
			}
			paths++;
			List<JsonObject> objects = new ArrayList<>();
			if (parent.isJsonArray()) {
				parent.getAsJsonArray().forEach((element) -> objects.add(element.getAsJsonObject()));
			}
			else {
				objects.add(parent.getAsJsonObject());
			}
			for (int index = 0; index < objects.size(); index++) {
				for (String field : objects.get(index).keySet()) {
					for (String wrong : WRONG_VALUES) {
						JsonObject mutated = pod.deepCopy();
						JsonElement mutatedParent = at(mutated, path);
						JsonObject target = mutatedParent.isJsonArray()
								? mutatedParent.getAsJsonArray().get(index).getAsJsonObject()
								: mutatedParent.getAsJsonObject();
						target.add(field, JsonParser.parseString(wrong));
						compare(V1Pod.class, mutated.toString(), path + "." + field, false, failures);
					}
				}
			}
		}
		assertThat(failures).isEmpty();
		assertThat(paths).isGreaterThanOrEqualTo(4);
	}

	@Test
	void truncatedObjectsFailAsClientJavaFails() throws Exception {
		List<String> failures = new ArrayList<>();
		String json = JSON.serialize(new ModelValues(11).fill(V1Pod.class, 0));
		for (int length = 1; length < json.length(); length++) {
			compare(V1Pod.class, json.substring(0, length), "truncated at " + length, false, failures);
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void unknownFieldsAtEveryLevelDecodeAsClientJavaDecodesTheObjectWithoutThem() throws Exception {
		V1Pod pod = (V1Pod) new ModelValues(3).fill(V1Pod.class, 0);
		String json = JSON.serialize(pod);
		JsonObject withUnknown = JsonParser.parseString(json).getAsJsonObject();
		int added = addUnknownEverywhere(withUnknown, V1Pod.class);
		assertThat(added).isGreaterThan(20);
		V1Pod expected = JSON.getGson().fromJson(json, V1Pod.class);
		for (DecoderType decoder : DecoderType.values()) {
			V1Pod actual = ModelDecoder.of(V1Pod.class, decoder).decode(new StringReader(withUnknown.toString()));
			assertThat(JSON.serialize(actual)).as(decoder.value()).isEqualTo(JSON.serialize(expected));
			assertThat(actual).as(decoder.value()).isEqualTo(expected);
		}
	}

	@Test
	void unknownEnumLikeValuesAndMissingRequiredFieldsDecodeToWhatIsThere() {
		String json = "{\"spec\":{\"restartPolicy\":\"SometimesMaybe\",\"containers\":[{\"imagePullPolicy\":"
				+ "\"Eventually\"}]},\"status\":{\"phase\":\"Hibernating\"}}";
		for (DecoderType decoder : List.of(DecoderType.STREAMING)) {
			V1Pod pod = ModelDecoder.of(V1Pod.class, decoder).decode(new StringReader(json));
			assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("SometimesMaybe");
			assertThat(pod.getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Eventually");
			assertThat(pod.getSpec().getContainers().get(0).getName()).isNull();
			assertThat(pod.getStatus().getPhase()).isEqualTo("Hibernating");
		}
	}

	/** Add an unknown field to every model object of the tree (not to maps, where any key is known). */
	static int addUnknownEverywhere(JsonElement element, Type type) {
		Class<?> raw = ValueReaders.rawType(type);
		int added = 0;
		if (element.isJsonArray() && List.class.isAssignableFrom(raw)) {
			for (JsonElement item : element.getAsJsonArray()) {
				added += addUnknownEverywhere(item, ValueReaders.typeArgument(type, 0));
			}
		}
		else if (element.isJsonObject() && raw.getName().startsWith(ModelSchema.MODELS_PACKAGE)) {
			JsonObject object = element.getAsJsonObject();
			for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
				added += addUnknownEverywhere(entry.getValue(), ModelSchema.of(raw).fieldType(entry.getKey()));
			}
			object.add("futureField", JsonParser.parseString("{\"nested\":[1,{\"deep\":true}]}"));
			added++;
		}
		return added;
	}

	private static @Nullable JsonElement at(JsonObject root, String path) {
		JsonElement current = root;
		for (String part : path.split("\\.")) {
			if (current == null || !current.isJsonObject()) {
				return null;
			}
			current = current.getAsJsonObject().get(part);
		}
		return current;
	}

	/**
	 * Decode with client-java and the streaming decoder: equal results, or the same exception class; client-java's
	 * rejections for unknown fields and required fields (missing, or null) are the deliberate differences.
	 * @param requiredNull whether the JSON sets a required field to {@code null}, which client-java rejects and the
	 * streaming decoder takes as missing
	 * @return 1 when both failed alike
	 */
	private static int compare(Class<?> type, String json, String what, boolean requiredNull,
			List<String> failures) {
		Object expected = null;
		RuntimeException expectedFailure = null;
		try {
			expected = JSON.getGson().fromJson(json, type);
		}
		catch (RuntimeException ex) {
			expectedFailure = ex;
		}
		Object actual = null;
		RuntimeException actualFailure = null;
		try {
			actual = ModelDecoder.of(type, DecoderType.STREAMING).decode(new StringReader(json));
		}
		catch (RuntimeException ex) {
			actualFailure = ex;
		}
		if (expectedFailure != null && (requiredNull || isDeliberate(expectedFailure))) {
			if (requiredNull && actualFailure != null) {
				failures.add(type.getSimpleName() + " " + what + ": a required field set to null must decode, got "
						+ actualFailure);
			}
			return 0;
		}
		if (expectedFailure != null) {
			if (actualFailure == null) {
				failures.add(type.getSimpleName() + " " + what + ": client-java threw " + expectedFailure
						+ ", streaming decoded " + JSON.serialize(actual));
			}
			else if (actualFailure.getClass() != expectedFailure.getClass()) {
				failures.add(type.getSimpleName() + " " + what + ": client-java threw " + expectedFailure
						+ ", streaming threw " + actualFailure);
			}
			return 1;
		}
		if (actualFailure != null) {
			failures.add(type.getSimpleName() + " " + what + ": client-java decoded, streaming threw " + actualFailure);
		}
		else if (!JSON.serialize(actual).equals(JSON.serialize(expected))) {
			failures.add(type.getSimpleName() + " " + what + ": " + JSON.serialize(actual) + " is not "
					+ JSON.serialize(expected));
		}
		return 0;
	}

	private static boolean isDeliberate(RuntimeException failure) {
		String message = String.valueOf(failure.getMessage());
		return failure instanceof IllegalArgumentException && (message.contains("is not found in the JSON string")
				|| message.contains("is not defined in the")
				|| (message.contains("to be a primitive type") && message.endsWith("got `null`"))
				|| (message.contains("to be an array") && message.endsWith("got `null`")));
	}

}
