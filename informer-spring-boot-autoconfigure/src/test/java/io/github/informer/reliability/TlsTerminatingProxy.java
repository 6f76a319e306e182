package io.github.informer.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * HTTPS in front of the (HTTP-only) in-JVM API server, with a self-signed certificate made by the JDK's
 * {@code keytool} at test time: decrypts each connection and pipes its bytes to the API server and back, so lists and
 * streamed watches work unchanged.
 */
final class TlsTerminatingProxy implements AutoCloseable {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final SSLServerSocket serverSocket;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final Thread acceptor;

	private volatile boolean running = true;

	TlsTerminatingProxy(Path directory, int targetPort) {
		this.targetPort = targetPort;
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(selfSignedKeyStore(directory), PASSWORD);
			context.init(keys.getKeyManagers(), null, null);
			this.serverSocket = (SSLServerSocket) context.getServerSocketFactory()
				.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		this.acceptor = new Thread(this::accept, "tls-proxy-accept");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	String url() {
		return "https://127.0.0.1:" + this.serverSocket.getLocalPort();
	}

	private void accept() {
		while (this.running) {
			try {
				Socket client = this.serverSocket.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				this.sockets.add(client);
				this.sockets.add(target);
				pipe(client, target);
				pipe(target, client);
			}
			catch (IOException ex) {
				// closed, or one failed handshake: keep accepting while running
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// the other side went away
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tls-proxy-pipe");
		thread.setDaemon(true);
		thread.start();
	}

	private static KeyStore selfSignedKeyStore(Path directory) throws IOException, GeneralSecurityException {
		Path file = directory.resolve("self-signed.p12");
		if (!Files.exists(file)) {
			generate(file);
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, PASSWORD);
		}
		return store;
	}

	private static void generate(Path file) throws IOException {
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "fake-apiserver",
				"-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass",
				new String(PASSWORD), "-keypass", new String(PASSWORD)))
			.redirectErrorStream(true)
			.start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				String out = new String(process.getInputStream().readAllBytes());
				throw new IllegalStateException("keytool failed: " + out);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.sockets.forEach(TlsTerminatingProxy::closeQuietly);
	}

}
