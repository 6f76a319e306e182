package io.github.informer.test;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.util.Watch;
import okhttp3.Call;

/** Reads a client-java {@link Watch} on a background thread, recording "TYPE name rv" lines, for watch tests. */
final class WatchRecorder implements AutoCloseable {

	private static final Type CONFIG_MAP_EVENT = new TypeToken<Watch.Response<V1ConfigMap>>() {
	}.getType();

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	private final List<Watch.Response<V1ConfigMap>> responses = Collections.synchronizedList(new ArrayList<>());

	private final Watch<? extends KubernetesObject> watch;

	private final Thread thread;

	private volatile boolean ended;

	WatchRecorder(ApiClient client, Call call) throws ApiException {
		this(client, call, CONFIG_MAP_EVENT);
	}

	/** A recorder of another kind: {@code eventType} is the {@code Watch.Response<Kind>} type to read. */
	WatchRecorder(ApiClient client, Call call, Type eventType) throws ApiException {
		this.watch = Watch.createWatch(client, call, eventType);
		this.thread = new Thread(this::read, "watch-recorder");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@SuppressWarnings("unchecked")
	private void read() {
		try {
			for (Watch.Response<? extends KubernetesObject> response : this.watch) {
				this.responses.add((Watch.Response<V1ConfigMap>) response);
				if (response.object != null) {
					this.events.add(response.type + " " + response.object.getMetadata().getName() + " "
							+ response.object.getMetadata().getResourceVersion());
				}
				else {
					this.events.add(response.type + " " + response.status.getCode() + " " + response.status.getReason());
				}
			}
		}
		catch (RuntimeException ex) {
			// closed
		}
		finally {
			this.ended = true;
		}
	}

	List<String> events() {
		synchronized (this.events) {
			return new ArrayList<>(this.events);
		}
	}

	List<String> types() {
		return events().stream().map((event) -> event.split(" ")[0] + " " + event.split(" ")[1]).toList();
	}

	List<Watch.Response<V1ConfigMap>> responses() {
		synchronized (this.responses) {
			return new ArrayList<>(this.responses);
		}
	}

	boolean ended() {
		return this.ended;
	}

	@Override
	public void close() throws IOException {
		this.watch.close();
	}

}
