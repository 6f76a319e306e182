package io.github.informer.decoder;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.annotations.SerializedName;

/** The JSON names of a model class's fields. */
final class ModelSchemaNames {

	private ModelSchemaNames() {
	}

	static List<String> of(Class<?> type) {
		List<String> names = new ArrayList<>();
		for (Field field : type.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				names.add(field.getAnnotation(SerializedName.class).value());
			}
		}
		return names;
	}

}
