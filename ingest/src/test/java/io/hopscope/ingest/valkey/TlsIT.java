package io.hopscope.ingest.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.jobs.CollectingSink;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.DoneFields;
import io.hopscope.ingest.spec.StageSpec;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import io.hopscope.sim.ValkeyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drain over TLS ({@code rediss://}) against a real server with TLS on, whose certificate a CA
 * made by this test signed: trusted through {@code --valkey-ca}, refused without it.
 */
class TlsIT {
  private static final String STREAM = "tls:done";
  @TempDir static Path dir;
  static ValkeyServer server;
  static Path ca;
  static SimRun sim;

  static void openssl(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
  }

  @BeforeAll
  static void caCertificateAndServer() throws Exception {
    assumeTrue(
        ValkeyServer.binary() != null,
        "no valkey-server or redis-server: scripts/test installs one");
    assumeTrue(
        new ProcessBuilder("openssl", "version").start().waitFor() == 0,
        "no openssl to make the test CA: scripts/test installs it");
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=hopscope test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "server.key",
        "-out",
        "server.csr");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        "-out",
        "server.pem");
    ca = dir.resolve("ca.pem");
    Path data = Files.createDirectories(dir.resolve("data"));
    server = ValkeyServer.startTls(data, dir.resolve("server.pem"), dir.resolve("server.key"), ca);
    sim =
        Simulator.run(
            new SimConfig(
                "tls-run",
                11,
                1_767_225_600_000_000_000L,
                5,
                List.of(StageSpec.constant(200, 30)),
                4,
                ServiceTimes.lognormal(20, 0.5),
                0.2));
    // Loaded over TLS too, trusting the test CA.
    ValkeyLoader.load(sim, ValkeyTarget.parse(server.tlsUri()).withCa(ca), STREAM);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static DoneStreamDrain drain(ValkeyTarget t) {
    return new DoneStreamDrain(
        t, STREAM, new DoneStreamDrain.Options(500, 3, Duration.ofSeconds(5)), Progress.quiet());
  }

  @Test
  void theDrainOverTlsReadsEveryEntryWithTheGivenCa() {
    CollectingSink sink = new CollectingSink();
    DoneStreamDrain.Result r =
        drain(ValkeyTarget.parse(server.tlsUri()).withCa(ca))
            .drain(new DoneEntryParser(DoneFields.DEFAULT, "tls-run", "s"), sink);
    assertThat(r.scanned()).isEqualTo(sim.size());
    assertThat(sink.jobs).hasSize(sim.size());
  }

  @Test
  void aServerCertificateNoTrustedCaSignedIsRefused() {
    assertThatThrownBy(
            () ->
                drain(ValkeyTarget.parse(server.tlsUri()))
                    .drain(
                        new DoneEntryParser(DoneFields.DEFAULT, "tls-run", "s"),
                        new CollectingSink()))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.EXTERNAL);
              assertThat(e.getMessage()).contains("rediss://127.0.0.1:");
            });
  }

  @Test
  void tlsToAPlainPortFailsCleanly() {
    String plainAsTls = server.uri().replace("redis://", "rediss://");
    assertThatThrownBy(
            () ->
                drain(ValkeyTarget.parse(plainAsTls).withCa(ca))
                    .drain(
                        new DoneEntryParser(DoneFields.DEFAULT, "tls-run", "s"),
                        new CollectingSink()))
        .isInstanceOfSatisfying(
            HopscopeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.EXTERNAL));
  }

  @Test
  void aCaForAPlainUriIsAUsageError() {
    assertThatThrownBy(() -> ValkeyTarget.parse(server.uri()).withCa(ca))
        .isInstanceOfSatisfying(
            HopscopeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
  }
}
