package io.hopscope.ingest.valkey;

import io.hopscope.error.Problems;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;

/**
 * A Valkey (or Redis) server as given by {@code --valkey}: {@code
 * redis://[user:pass@]host:port[/db]} or {@code rediss://} for TLS.
 */
public final class ValkeyTarget {
  private final String text;
  private final RedisURI uri;

  private ValkeyTarget(String text, RedisURI uri) {
    this.text = text;
    this.uri = uri;
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
      return new ValkeyTarget(text, uri);
    } catch (IllegalArgumentException e) {
      throw Problems.usage(
          "--valkey '" + redacted(text) + "' is not a valid URI: " + e.getMessage(),
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

  static String redacted(String text) {
    return text.replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
  }

  @Override
  public String toString() {
    return display();
  }
}
