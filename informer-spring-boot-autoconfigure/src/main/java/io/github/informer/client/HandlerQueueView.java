package io.github.informer.client;

import java.time.Duration;

/**
 * Read-only view of one handler's queue in a {@link KubernetesInformer}, for the endpoint and metrics.
 */
public interface HandlerQueueView {

	/**
	 * Events waiting for the handler, including the one it is processing.
	 * @return the queue depth
	 */
	int queued();

	/**
	 * How long the oldest unfinished event has been waiting; zero when idle.
	 * @return the lag
	 */
	Duration lag();

	/**
	 * Resync rounds the handler has completed.
	 * @return the count
	 */
	long resyncRounds();

}
