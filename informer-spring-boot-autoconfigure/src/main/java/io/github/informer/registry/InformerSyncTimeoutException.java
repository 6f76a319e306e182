package io.github.informer.registry;

import java.time.Duration;
import java.util.List;

/**
 * Informers did not sync within {@code kubernetes.informers.startup.sync-timeout} and
 * {@code kubernetes.informers.startup.fail-on-timeout} is {@code true}.
 */
public class InformerSyncTimeoutException extends IllegalStateException {

	private final String apiServer;

	private final Duration timeout;

	private final List<String> unsynced;

	/**
	 * Create an exception.
	 * @param apiServer the API server URL the informers used
	 * @param timeout the timeout that passed
	 * @param unsynced a description of each informer that had not synced
	 */
	public InformerSyncTimeoutException(String apiServer, Duration timeout, List<String> unsynced) {
		super(unsynced.size() + " informer(s) did not sync within " + timeout + " from API server " + apiServer
				+ ": " + String.join("; ", unsynced));
		this.apiServer = apiServer;
		this.timeout = timeout;
		this.unsynced = List.copyOf(unsynced);
	}

	public String getApiServer() {
		return this.apiServer;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public List<String> getUnsynced() {
		return this.unsynced;
	}

}
