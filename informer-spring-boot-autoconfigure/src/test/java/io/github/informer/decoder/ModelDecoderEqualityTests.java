package io.github.informer.decoder;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.Gson;
import io.kubernetes.client.openapi.JSON;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming decoder against client-java's {@code JSON}, for every model class of client-java-api: instances
 * filled with generated values for every field are serialised with client-java's {@code JSON}, decoded with both
 * decoders, and must be {@code equals} and re-serialise to the same JSON.
 */
class ModelDecoderEqualityTests {

	private static final int VARIANTS = 4;

	@Test
	void everyModelClassDecodesEqualToClientJava() throws Exception {
		List<Class<?>> classes = ModelValues.modelClasses();
		assertThat(classes).hasSizeGreaterThan(700);
		Gson withNulls = JSON.getGson().newBuilder().serializeNulls().create();
		List<String> failures = new ArrayList<>();
		int compared = 0;
		for (Class<?> type : classes) {
			for (int variant = 0; variant < VARIANTS; variant++) {
				ModelValues values = new ModelValues(type.getName().hashCode() * 31L + variant);
				Object original = values.fill(type, 0);
				String json = (variant % 2 == 0) ? JSON.serialize(original) : withNulls.toJson(original);
				compared += compare(type, json, failures);
			}
			compared += compare(type, "{}", failures);
		}
		assertThat(failures).isEmpty();
		assertThat(compared).isGreaterThan(classes.size() * VARIANTS);
	}

	/** Decode with client-java and both of the starter's decoders; record any difference. */
	static int compare(Class<?> type, String json, List<String> failures) {
		Object expected;
		try {
			expected = JSON.getGson().fromJson(json, type);
		}
		catch (RuntimeException ex) {
			// client-java rejects it (a required field missing): the streaming decoder must still decode it
			Object streamed = ModelDecoder.of(type, DecoderType.STREAMING).decode(new StringReader(json));
			if (streamed == null) {
				failures.add(type.getSimpleName() + ": streaming decoded nothing from " + json);
			}
			return 0;
		}
		Object again = JSON.getGson().fromJson(json, type);
		for (DecoderType decoder : DecoderType.values()) {
			ModelDecoder<?> modelDecoder = ModelDecoder.of(type, decoder);
			Object actual;
			try {
				actual = modelDecoder.decode(new StringReader(json));
			}
			catch (RuntimeException ex) {
				failures.add(type.getSimpleName() + " (" + decoder.value() + "): " + ex + " for " + json);
				continue;
			}
			if (!JSON.serialize(actual).equals(JSON.serialize(expected))) {
				failures.add(type.getSimpleName() + " (" + decoder.value() + "): " + JSON.serialize(actual)
						+ " is not " + JSON.serialize(expected));
			}
			// byte[] fields compare by identity in the generated equals: only where client-java equals itself
			if (expected.equals(again) && !expected.equals(actual)) {
				failures.add(type.getSimpleName() + " (" + decoder.value() + "): not equals for " + json);
			}
		}
		return 1;
	}

}
