package io.github.informer.leader;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoordinationV1Api;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the election record on one Lease, as client-go's {@code resourcelock.LeaseLock}: every update
 * sends the resourceVersion last read or written, so a write based on a stale view fails with 409 (optimistic
 * concurrency). Every call is bounded by a deadline on the monotonic clock (OkHttp's per-call timeout), so that a
 * hanging API server cannot keep the elector from stopping leader-only work in time.
 */
final class LeaseLock {

	private final ApiClient apiClient;

	private final CoordinationV1Api api;

	private final String namespace;

	private final String name;

	private @Nullable V1Lease lease;

	LeaseLock(ApiClient apiClient, String namespace, String name) {
		this.apiClient = apiClient;
		this.api = new CoordinationV1Api(apiClient);
		this.namespace = namespace;
		this.name = name;
	}

	String describe() {
		return this.namespace + "/" + this.name;
	}

	/** Whether a Lease was read or written, so that {@link #update} has a resourceVersion to send. */
	boolean hasLease() {
		return this.lease != null;
	}

	/**
	 * Read the record.
	 * @param deadlineNanos when the call must have ended ({@link System#nanoTime()})
	 * @return the record, or {@code null} when the Lease does not exist
	 * @throws ApiException any other failure (code 0 for I/O failures and timeouts)
	 */
	@Nullable LeaderElectionRecord get(long deadlineNanos) throws ApiException {
		try {
			V1Lease read = execute(this.api.readNamespacedLease(this.name, this.namespace).buildCall(null),
					deadlineNanos);
			this.lease = read;
			return LeaderElectionRecord.of(read.getSpec());
		}
		catch (ApiException ex) {
			if (ex.getCode() == 404) {
				return null;
			}
			throw ex;
		}
	}

	/**
	 * Create the Lease with a record; 409 when another replica created it first.
	 * @param record the record
	 * @param deadlineNanos when the call must have ended
	 * @throws ApiException on failure
	 */
	void create(LeaderElectionRecord record, long deadlineNanos) throws ApiException {
		V1Lease body = new V1Lease().apiVersion("coordination.k8s.io/v1")
			.kind("Lease")
			.metadata(new V1ObjectMeta().name(this.name).namespace(this.namespace))
			.spec(record.toSpec());
		this.lease = execute(this.api.createNamespacedLease(this.namespace, body).buildCall(null), deadlineNanos);
	}

	/**
	 * Replace the record, sending the resourceVersion last seen; 409 when the Lease changed since.
	 * @param record the record
	 * @param deadlineNanos when the call must have ended
	 * @throws ApiException on failure
	 */
	void update(LeaderElectionRecord record, long deadlineNanos) throws ApiException {
		V1Lease current = this.lease;
		if (current == null) {
			throw new IllegalStateException("Lease " + describe() + " not read yet: call get or create first");
		}
		V1ObjectMeta metadata = current.getMetadata();
		V1Lease body = new V1Lease().apiVersion("coordination.k8s.io/v1")
			.kind("Lease")
			.metadata(metadata)
			.spec(record.toSpec());
		this.lease = execute(this.api.replaceNamespacedLease(this.name, this.namespace, body).buildCall(null),
				deadlineNanos);
	}

	private V1Lease execute(Call call, long deadlineNanos) throws ApiException {
		long remaining = deadlineNanos - System.nanoTime();
		if (remaining <= 0) {
			throw new ApiException(new SocketTimeoutException("no time left before the elector's deadline"));
		}
		call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
		return this.apiClient.<V1Lease>execute(call, V1Lease.class).getData();
	}

}
