package io.github.informer.leader;

import java.io.IOException;
import java.util.Set;
import java.util.function.Supplier;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp network interceptor (the last step before the request goes on the wire) that fails a write from a
 * {@link LeaderOnlyWork} thread while this replica is not the leader, with an {@link IOException} that the caller
 * sees as an {@code ApiException}. The election is looked up at the first such write, since the elector itself needs
 * the client this guard is installed on.
 */
final class LeaderOnlyWriteGuard implements Interceptor {

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final Supplier<LeaderElection> provider;

	private volatile @Nullable LeaderElection election;

	LeaderOnlyWriteGuard(Supplier<LeaderElection> provider) {
		this.provider = provider;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		if (LeaderOnlyWork.isCurrentThreadMarked() && WRITES.contains(chain.request().method())) {
			LeaderElection current = election();
			if (!current.isLeader()) {
				throw new IOException("Leader-only write refused: this replica (" + current.identity()
						+ ") does not lead Lease " + current.leaseNamespace() + "/" + current.leaseName() + " ("
						+ chain.request().method() + " " + chain.request().url().encodedPath() + ")");
			}
		}
		return chain.proceed(chain.request());
	}

	private LeaderElection election() {
		LeaderElection current = this.election;
		if (current == null) {
			current = this.provider.get();
			this.election = current;
		}
		return current;
	}

}
