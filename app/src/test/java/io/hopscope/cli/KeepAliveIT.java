package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hopscope.ingest.valkey.ValkeyTarget;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Valkey connections carry TCP keep-alive as the kernel sees it ({@code ss -o}), on the class
 * path the commands run with: Spark's Netty brings io_uring beside epoll, and Lettuce used to ask
 * the epoll channel for io_uring's keep-alive options, so the connection ran without keep-alive
 * (Netty's "Unknown channel option" warning was under the log level).
 */
class KeepAliveIT {
  @Test
  void theKernelShowsTheKeepAliveTimer() throws Exception {
    String uri = System.getenv("HOPSCOPE_TEST_VALKEY");
    assumeTrue(uri != null, "HOPSCOPE_TEST_VALKEY is not set: run through scripts/test");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ss")), "needs ss (iproute2)");
    assertThat(Class.forName("io.netty.channel.uring.IoUring")).as("io_uring on the class path");
    ValkeyTarget target = ValkeyTarget.parse(uri);
    RedisClient client = target.newClient();
    try (StatefulRedisConnection<String, String> c = client.connect(target.uri())) {
      assertThat(c.sync().ping()).isEqualTo("PONG");
      Process ss =
          new ProcessBuilder(
                  "/usr/bin/ss",
                  "-tnoH",
                  "state",
                  "established",
                  "dport = :" + target.uri().getPort())
              .redirectErrorStream(true)
              .start();
      String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ss.waitFor();
      // e.g. "0 0 127.0.0.1:51234 127.0.0.1:6379 timer:(keepalive,29sec,0)": hopscope's 30 s
      // idle time, not the kernel's default two hours ("119min") that SO_KEEPALIVE alone gives.
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("timer:\\(keepalive,([0-9.]+)(ms|sec),").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      double seconds = Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
      assertThat(seconds).as(out).isLessThanOrEqualTo(30);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
