package io.github.informer.test;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Writes the first {@code after} bytes, flushes them, then writes nothing for {@code stall} before going on: a response
 * that stops mid-body, as over a half-open connection. A client without a read timeout waits the whole stall.
 */
final class StallingOutputStream extends FilterOutputStream {

	private final long after;

	private final Duration stall;

	private long written;

	private boolean stalled;

	StallingOutputStream(OutputStream out, long after, Duration stall) {
		super(out);
		this.after = after;
		this.stall = stall;
	}

	@Override
	public void write(int b) throws IOException {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] bytes, int offset, int length) throws IOException {
		int now = length;
		if (!this.stalled && this.written + length >= this.after) {
			now = (int) Math.max(0, this.after - this.written);
		}
		this.out.write(bytes, offset, now);
		this.written += now;
		if (now < length) {
			stallOnce();
			this.out.write(bytes, offset + now, length - now);
			this.written += length - now;
		}
	}

	private void stallOnce() throws IOException {
		this.stalled = true;
		this.out.flush();
		try {
			Thread.sleep(this.stall.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("server stopped while the response stalled");
		}
	}

}
