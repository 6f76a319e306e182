package io.github.informer.leader;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import okhttp3.Call;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Guards the requests of {@link LeaderOnlyWork} threads on the auto-configured {@code ApiClient}, as an OkHttp
 * network interceptor (the last step before a request goes on the wire): a write (POST, PUT, PATCH, DELETE) fails
 * with an {@link IOException} (an {@code ApiException} to the caller) while this replica does not lead, and every
 * request in flight is cancelled when leadership is lost, since a thread blocked reading a response does not notice
 * an interrupt. The elector attaches itself once it exists (it needs the client this guard is installed on).
 */
public final class LeaderOnlyWriteGuard implements Interceptor {

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();

	private volatile @Nullable LeaderElection election;

	void attach(LeaderElection election) {
		this.election = election;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		if (!LeaderOnlyWork.isCurrentThreadMarked()) {
			return chain.proceed(chain.request());
		}
		LeaderElection current = this.election;
		if (WRITES.contains(chain.request().method()) && (current == null || !current.isLeader())) {
			String lease = (current != null) ? current.leaseNamespace() + "/" + current.leaseName() : "(none yet)";
			throw new IOException("Leader-only write refused: this replica does not lead Lease " + lease + " ("
					+ chain.request().method() + " " + chain.request().url().encodedPath() + ")");
		}
		Call call = chain.call();
		this.inFlight.add(call);
		try {
			return chain.proceed(chain.request());
		}
		finally {
			this.inFlight.remove(call);
		}
	}

	/** Cancel every request of a leader-only thread still waiting for its response. */
	void cancelInFlight() {
		for (Call call : this.inFlight) {
			call.cancel();
		}
	}

}
