package io.hopscope.ingest.valkey;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away valkey-server (or Debian's redis-server) that a test owns: started on a free
 * loopback port with an append-only file in a temp directory, so it can be stopped and started
 * again with its data.
 */
final class ValkeyServer implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final String binary;
  private final List<String> extra;
  private final int tlsPort;
  private Process process;

  private ValkeyServer(Path dir, int port, String binary, int tlsPort, List<String> extra) {
    this.dir = dir;
    this.port = port;
    this.binary = binary;
    this.tlsPort = tlsPort;
    this.extra = extra;
  }

  /** The server binary on PATH, or null. */
  static String binary() {
    for (String name : List.of("valkey-server", "redis-server")) {
      for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (Files.isExecutable(Path.of(p, name))) {
          return Path.of(p, name).toString();
        }
      }
    }
    return Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static ValkeyServer start(Path dir) throws IOException, InterruptedException {
    ValkeyServer v = new ValkeyServer(dir, freePort(), binary(), -1, List.of());
    v.startProcess();
    return v;
  }

  /**
   * A server that also listens with TLS on a second port, with this certificate and key (PEM);
   * clients are not asked for certificates.
   */
  static ValkeyServer startTls(Path dir, Path cert, Path key, Path ca)
      throws IOException, InterruptedException {
    int tls = freePort();
    ValkeyServer v =
        new ValkeyServer(
            dir,
            freePort(),
            binary(),
            tls,
            List.of(
                "--tls-port",
                Integer.toString(tls),
                "--tls-cert-file",
                cert.toString(),
                "--tls-key-file",
                key.toString(),
                "--tls-ca-cert-file",
                ca.toString(),
                "--tls-auth-clients",
                "no"));
    v.startProcess();
    return v;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The TLS address, for a server started with {@link #startTls}. */
  String tlsUri() {
    return "rediss://127.0.0.1:" + tlsPort;
  }

  void startProcess() throws IOException, InterruptedException {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                binary,
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always"));
    cmd.addAll(extra);
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] b = new byte[7];
        if (s.getInputStream().read(b) > 0
            && new String(b, java.nio.charset.StandardCharsets.US_ASCII).startsWith("+PONG")) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(50);
    }
    throw new IOException("server did not start on port " + port);
  }

  /** Stops the server abruptly (its append-only file keeps the data). */
  void kill() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
