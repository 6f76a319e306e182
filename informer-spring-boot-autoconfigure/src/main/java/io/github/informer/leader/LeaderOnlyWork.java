package io.github.informer.leader;

/**
 * Marks threads that do leader-only work. With leader election on, the auto-configured {@code ApiClient} refuses a
 * write (POST, PUT, PATCH, DELETE) from a marked thread while this replica is not the leader, checked when the
 * request is about to go out, not when the work started: a replica that was frozen (a long GC pause, SIGSTOP) wakes
 * up with its leader-only threads mid-call, and its elector may only notice a moment later. The threads of
 * {@code @InformerHandler(leaderOnly = true)} methods are marked; a thread that leader-only code starts itself can
 * mark itself with {@link #markCurrentThread()}.
 */
public final class LeaderOnlyWork {

	private static final ThreadLocal<Boolean> marked = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private LeaderOnlyWork() {
	}

	/**
	 * Mark the current thread as doing leader-only work, for the rest of its life.
	 */
	public static void markCurrentThread() {
		marked.set(Boolean.TRUE);
	}

	/**
	 * Whether the current thread was marked.
	 * @return whether it does leader-only work
	 */
	public static boolean isCurrentThreadMarked() {
		return marked.get();
	}

}
