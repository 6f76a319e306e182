package io.github.informer.aot;

import io.github.informer.client.ObjectList;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Watch;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * The hints every application using the starter needs, whatever it declares: the resources the starter reads, and
 * the response types the list/watch loop and the leader election decode with Gson besides the cached objects (a list
 * page, a watch event, a {@code Status}, API discovery, the {@code Lease}). Registered in
 * {@code META-INF/spring/aot.factories}.
 */
class InformerRuntimeHints implements RuntimeHintsRegistrar {

	/** The table of built-in kinds {@code io.github.informer.client.BuiltInKinds} loads. */
	static final String BUILT_IN_KINDS = "io/github/informer/client/built-in-kinds.txt";

	/** Decoded by every informer (and the leader election's Lease), whatever it caches. */
	static final Class<?>[] RESPONSE_TYPES = { ObjectList.class, Watch.Response.class, V1Status.class,
			V1APIResourceList.class, V1Lease.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(BUILT_IN_KINDS);
		for (Class<?> type : RESPONSE_TYPES) {
			KubernetesModelHints.register(hints.reflection(), type);
		}
	}

}
