package io.github.informer.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names the threads of one informer {@code informer-<name>-<role>[-<n>]}, so thread dumps show whose thread it is and
 * tests can check that none is left after shutdown. Daemon threads: they never keep the JVM alive. A thread that dies
 * of an uncaught {@link Throwable} says so at ERROR with its name, never silently.
 */
public final class InformerThreads implements ThreadFactory {

	private static final Logger logger = LoggerFactory.getLogger(InformerThreads.class);

	private final String prefix;

	private final AtomicInteger counter = new AtomicInteger();

	/**
	 * Create a factory for one informer role.
	 * @param informerName the informer's name
	 * @param role what the threads do ({@code watch}, {@code handler})
	 */
	public InformerThreads(String informerName, String role) {
		this.prefix = "informer-" + informerName + "-" + role;
	}

	@Override
	public Thread newThread(Runnable runnable) {
		return named(this.prefix + "-" + this.counter.incrementAndGet(), runnable);
	}

	/**
	 * Create a daemon thread with an exact name.
	 * @param name the thread name
	 * @param runnable what it runs
	 * @return the (unstarted) thread
	 */
	public static Thread named(String name, Runnable runnable) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		thread.setUncaughtExceptionHandler((dead, failure) -> logger.error("Thread {} ended by an uncaught {}",
				dead.getName(), failure.getClass().getName(), failure));
		return thread;
	}

}
