package io.github.informer.client;

import java.time.Duration;

/**
 * Ends a watch-list's initial events that went quiet: the loop's thread is blocked reading the stream, so a thread
 * of its own, alive only during the initial events, closes the stream once no event has arrived for the bound. The
 * loop then sees the stream end and asks {@link #expired()} why.
 */
final class InitialEventsDeadline implements AutoCloseable {

	private final long idleNanos;

	private final Runnable closeStream;

	private final Thread thread;

	private volatile long lastEventNanos = System.nanoTime();

	private volatile boolean expired;

	private volatile boolean done;

	private InitialEventsDeadline(String threadName, Duration idle, Runnable closeStream) {
		this.idleNanos = idle.toNanos();
		this.closeStream = closeStream;
		this.thread = InformerThreads.named(threadName, this::watchOver);
	}

	/**
	 * Start watching over a stream.
	 * @param threadName the deadline thread's name ({@code informer-<name>-watch[-<namespace>]-deadline})
	 * @param idle how long the stream may send nothing
	 * @param closeStream closes the stream, so that the blocked read returns
	 * @return the running deadline; {@link #close()} it when the initial events end
	 */
	static InitialEventsDeadline start(String threadName, Duration idle, Runnable closeStream) {
		InitialEventsDeadline deadline = new InitialEventsDeadline(threadName, idle, closeStream);
		deadline.thread.start();
		return deadline;
	}

	/** An event arrived. */
	void observed() {
		this.lastEventNanos = System.nanoTime();
	}

	/** Whether the stream was closed because it went quiet. */
	boolean expired() {
		return this.expired;
	}

	private void watchOver() {
		while (!this.done) {
			long left = this.lastEventNanos + this.idleNanos - System.nanoTime();
			if (left <= 0) {
				this.expired = true;
				this.closeStream.run();
				return;
			}
			try {
				Thread.sleep(Math.max(1, left / 1_000_000));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** The initial events ended (or failed): stop watching and wait for the thread to end. */
	@Override
	public void close() {
		this.done = true;
		this.thread.interrupt();
		try {
			this.thread.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
