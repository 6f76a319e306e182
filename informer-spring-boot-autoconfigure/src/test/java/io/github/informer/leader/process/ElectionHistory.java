package io.github.informer.leader.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jspecify.annotations.Nullable;

/**
 * The server's own record of an election run: every write to the Lease and to the ConfigMaps of namespace
 * {@code election}, in resourceVersion order (one counter for all objects, like etcd's), replayed by watches from
 * the start of the history. A write by a replica is a ConfigMap change of {@code writer} or {@code seen}; the ticker
 * only changes {@code tick}.
 */
final class ElectionHistory {

	private final List<LeaseWrite> leaseWrites;

	private final List<ObjectWrite> replicaWrites;

	private ElectionHistory(List<LeaseWrite> leaseWrites, List<ObjectWrite> replicaWrites) {
		this.leaseWrites = leaseWrites;
		this.replicaWrites = replicaWrites;
	}

	static ElectionHistory read(String serverUrl) {
		List<LeaseWrite> leases = new ArrayList<>();
		for (JsonObject object : replay(serverUrl + "/apis/coordination.k8s.io/v1/namespaces/election/leases")) {
			JsonObject spec = object.getAsJsonObject("spec");
			leases.add(new LeaseWrite(version(object), string(spec, "holderIdentity"), instant(spec, "acquireTime"),
					instant(spec, "renewTime"), spec.has("leaseTransitions") ? spec.get("leaseTransitions").getAsInt()
							: 0, spec.has("leaseDurationSeconds") ? spec.get("leaseDurationSeconds").getAsInt() : 0));
		}
		List<ObjectWrite> writes = new ArrayList<>();
		Map<String, JsonObject> previous = new HashMap<>();
		for (JsonObject object : replay(serverUrl + "/api/v1/namespaces/election/configmaps")) {
			String name = object.getAsJsonObject("metadata").get("name").getAsString();
			JsonObject data = object.has("data") ? object.getAsJsonObject("data") : new JsonObject();
			JsonObject before = previous.put(name, data);
			String writer = string(data, "writer");
			String seen = string(data, "seen");
			if (!writer.isEmpty() && (before == null || !writer.equals(string(before, "writer"))
					|| !seen.equals(string(before, "seen")))) {
				writes.add(new ObjectWrite(version(object), name, writer, seen));
			}
		}
		leases.sort(Comparator.comparingLong(LeaseWrite::resourceVersion));
		writes.sort(Comparator.comparingLong(ObjectWrite::resourceVersion));
		return new ElectionHistory(leases, writes);
	}

	List<LeaseWrite> leaseWrites() {
		return this.leaseWrites;
	}

	List<ObjectWrite> replicaWrites() {
		return this.replicaWrites;
	}

	/** The holder of the Lease just before a resourceVersion: empty when none. */
	String holderAt(long resourceVersion) {
		String holder = "";
		for (LeaseWrite write : this.leaseWrites) {
			if (write.resourceVersion() > resourceVersion) {
				break;
			}
			holder = write.holder();
		}
		return holder;
	}

	/** Every replica write made while the Lease did not name that replica: must be none. */
	List<String> writesOutsideTenure() {
		return this.replicaWrites.stream()
			.filter((write) -> !write.writer().equals(holderAt(write.resourceVersion())))
			.map((write) -> write + " while the Lease named '" + holderAt(write.resourceVersion()) + "'")
			.toList();
	}

	/** The first Lease write naming {@code holder} after {@code afterVersion}. */
	@Nullable LeaseWrite acquisition(String holder, long afterVersion) {
		String before = holderAt(afterVersion);
		for (LeaseWrite write : this.leaseWrites) {
			if (write.resourceVersion() > afterVersion && write.holder().equals(holder) && !before.equals(holder)) {
				return write;
			}
			if (write.resourceVersion() > afterVersion) {
				before = write.holder();
			}
		}
		return null;
	}

	/** The last Lease write by {@code holder} (a renewal or the acquisition) before {@code beforeVersion}. */
	@Nullable LeaseWrite lastRenewal(String holder, long beforeVersion) {
		LeaseWrite last = null;
		for (LeaseWrite write : this.leaseWrites) {
			if (write.resourceVersion() < beforeVersion && write.holder().equals(holder)) {
				last = write;
			}
		}
		return last;
	}

	private static List<JsonObject> replay(String collection) {
		// From resourceVersion 1: the whole (large) history, then the stream ends after timeoutSeconds.
		URI uri = URI.create(collection + "?watch=true&resourceVersion=1&timeoutSeconds=3");
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		List<JsonObject> objects = new ArrayList<>();
		try {
			HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(uri).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("watch " + uri + " answered " + response.statusCode());
			}
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (line.isBlank()) {
						continue;
					}
					JsonObject event = JsonParser.parseString(line).getAsJsonObject();
					String type = event.get("type").getAsString();
					if (type.equals("ADDED") || type.equals("MODIFIED")) {
						objects.add(event.getAsJsonObject("object"));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return objects;
	}

	private static long version(JsonObject object) {
		return Long.parseLong(object.getAsJsonObject("metadata").get("resourceVersion").getAsString());
	}

	private static String string(@Nullable JsonObject object, String field) {
		if (object == null) {
			return "";
		}
		JsonElement value = object.get(field);
		return (value != null && !value.isJsonNull()) ? value.getAsString() : "";
	}

	private static @Nullable Instant instant(JsonObject object, String field) {
		String value = string(object, field);
		return value.isEmpty() ? null : Instant.parse(value);
	}

	record LeaseWrite(long resourceVersion, String holder, @Nullable Instant acquireTime, @Nullable Instant renewTime,
			int transitions, int durationSeconds) {
	}

	record ObjectWrite(long resourceVersion, String name, String writer, String seen) {

		@Override
		public String toString() {
			return "write of " + this.name + " (seen " + this.seen + ") by " + this.writer + " at resourceVersion "
					+ this.resourceVersion;
		}

	}

}
