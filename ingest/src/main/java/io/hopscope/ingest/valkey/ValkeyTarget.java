package io.hopscope.ingest.valkey;

import io.hopscope.error.Problems;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A Valkey (or Redis) server as given by {@code --valkey}: {@code
 * redis://[user:pass@]host:port[/db]} or {@code rediss://} for TLS (the server's certificate
 * checked against the JVM's trust store, or against {@code --valkey-ca}).
 */
public final class ValkeyTarget {
  private final String text;
  private final RedisURI uri;
  private final Path caFile;

  private ValkeyTarget(String text, RedisURI uri, Path caFile) {
    this.text = text;
    this.uri = uri;
    this.caFile = caFile;
  }

  /**
   * The same server, its TLS certificate checked against the CA certificates (PEM) in {@code
   * pemFile} instead of the JVM's trust store: for a server whose certificate a private CA signed.
   */
  public ValkeyTarget withCa(Path pemFile) {
    if (!Files.isReadable(pemFile)) {
      throw Problems.usage(
          "--valkey-ca " + pemFile + " cannot be read", "pass the CA certificate file (PEM)");
    }
    if (!text.startsWith("rediss://")) {
      throw Problems.usage(
          "--valkey-ca is given but --valkey '" + display() + "' is not TLS",
          "write the URI as rediss://host:port");
    }
    return new ValkeyTarget(text, uri, pemFile);
  }

  private static final String IOURING = "io.lettuce.core.iouring";

  static {
    // Spark brings Netty's io_uring transport beside epoll. Lettuce then runs the channel on epoll
    // but asks for io_uring's keep-alive options, which epoll refuses (Netty says so at WARN, under
    // our log level): no keep-alive at all. Keep Lettuce on epoll alone so the options below apply;
    // a -Dio.lettuce.core.iouring given by the user wins.
    if (System.getProperty(IOURING) == null) {
      System.setProperty(IOURING, "false");
    }
  }

  /** TCP keep-alive: a server that vanished mid-drain is noticed in about a minute. */
  static final SocketOptions.KeepAliveOptions KEEP_ALIVE =
      SocketOptions.KeepAliveOptions.builder()
          .enable()
          .idle(Duration.ofSeconds(30))
          .interval(Duration.ofSeconds(10))
          .count(3)
          .build();

  /**
   * The client options every connection to this server uses: TCP keep-alive, and TLS trust when a
   * CA is given.
   */
  public ClientOptions.Builder clientOptions() {
    ClientOptions.Builder b =
        ClientOptions.builder()
            .socketOptions(SocketOptions.builder().keepAlive(KEEP_ALIVE).build());
    if (caFile != null) {
      b.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(caFile.toFile()).build());
    }
    return b;
  }

  /** A client for this server. */
  public RedisClient newClient() {
    RedisClient c = RedisClient.create();
    c.setOptions(clientOptions().build());
    return c;
  }

  /** A client for this server on the given resources. */
  public RedisClient newClient(ClientResources resources) {
    RedisClient c = RedisClient.create(resources);
    c.setOptions(clientOptions().build());
    return c;
  }

  /** Parses the URI; a malformed one is a usage error (exit 2). */
  public static ValkeyTarget parse(String text) {
    Objects.requireNonNull(text);
    if (!text.startsWith("redis://") && !text.startsWith("rediss://")) {
      throw Problems.usage(
          "--valkey '" + redacted(text) + "' is not a redis:// or rediss:// URI",
          "write it as redis://[user:pass@]host:port[/db]");
    }
    try {
      RedisURI uri = RedisURI.create(text);
      uri.setTimeout(Duration.ofSeconds(30));
      return new ValkeyTarget(text, uri, null);
    } catch (IllegalArgumentException e) {
      throw Problems.usage(
          "--valkey '"
              + redacted(text)
              + "' is not a valid URI: "
              + hide(String.valueOf(e.getMessage()), text),
          "write it as redis://[user:pass@]host:port[/db]");
    }
  }

  public RedisURI uri() {
    return uri;
  }

  /** The URI without its password, for messages and the run manifest. */
  public String display() {
    return redacted(text);
  }

  /**
   * The one redaction of a server URI, for every form Lettuce takes ({@code redis}, {@code rediss},
   * {@code redis-sentinel}, {@code redis-socket}, with {@code user:password@}, {@code :password@}
   * or a bare {@code password@}): the password becomes {@code ***}, a user name stays; a {@code
   * password=} query parameter is redacted too. Text that is no URI at all is redacted as a whole
   * when it holds an {@code @}.
   */
  public static String redacted(String text) {
    if (text == null) {
      return null;
    }
    String out = text.replaceAll("(?i)([?&;]password=)[^&;#]*", "$1***");
    int scheme = out.indexOf("://");
    if (scheme < 0) {
      return out.indexOf('@') >= 0 ? "***" : out;
    }
    int from = scheme + 3;
    int end = out.length();
    for (int i = from; i < out.length(); i++) {
      char c = out.charAt(i);
      if (c == '?' || c == '#') { // not '/': a password may hold one, unencoded
        end = i;
        break;
      }
    }
    int at = out.lastIndexOf('@', end - 1);
    if (at < from) {
      return out;
    }
    String userinfo = out.substring(from, at);
    int colon = userinfo.indexOf(':');
    String kept = colon >= 0 ? userinfo.substring(0, colon + 1) + "***" : "***";
    return out.substring(0, from) + kept + out.substring(at);
  }

  /** A message that may quote the URI, with the URI's password taken out wherever it appears. */
  static String hide(String message, String uriText) {
    String r = redacted(uriText);
    int star = r.indexOf("***@");
    String out = redacted(message);
    if (star >= 0) {
      // redacted() keeps the text before the secret as it is: the secret starts at the same index.
      int at = uriText.lastIndexOf('@');
      if (at > star) {
        out = out.replace(uriText.substring(star, at), "***");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return display();
  }
}
