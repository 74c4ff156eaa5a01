package io.hopscope.ingest.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.error.HopscopeException;
import io.hopscope.error.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Prometheus's HTTP API, read-only: {@code /api/v1/query_range} over a window split into requests
 * of at most {@link #MAX_POINTS} points per series (the API refuses more than 11,000), and {@code
 * /api/v1/status/buildinfo}. Responses stream into a reader; a request that fails on the server's
 * side (5xx, a dropped connection) is retried; a refused query stops with exit code 2 naming it, an
 * unreachable server or refused credentials with exit code 3.
 */
public final class PromApi {
  /** Points per series per request: under the API's 11,000 with room for its rounding. */
  public static final int MAX_POINTS = 10_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ATTEMPTS = 3;

  private final PromTarget target;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxPoints;

  public PromApi(PromTarget target, Duration timeout) {
    this(target, timeout, MAX_POINTS);
  }

  /** With a smaller split, for tests of the split itself. */
  PromApi(PromTarget target, Duration timeout, int maxPoints) {
    this.target = target;
    this.timeout = timeout;
    this.maxPoints = maxPoints;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            // Never: a redirect would carry the credentials to wherever it points.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * A query window: the points at {@code startNs + k · stepNs} up to {@code endNs}.
   *
   * @param startNs aligned to the step by {@link #aligned}
   */
  public record Range(long startNs, long endNs, long stepNs) {
    public Range {
      if (stepNs <= 0 || endNs < startNs) {
        throw new IllegalArgumentException("bad range " + startNs + ".." + endNs + "/" + stepNs);
      }
    }

    /** The window widened to whole steps: start down, end up, on multiples of the step. */
    public static Range aligned(long fromNs, long toNs, long stepNs) {
      long start = Math.floorDiv(fromNs, stepNs) * stepNs;
      long end = -Math.floorDiv(-toNs, stepNs) * stepNs;
      return new Range(start, end, stepNs);
    }

    public long points() {
      return (endNs - startNs) / stepNs + 1;
    }

    /** Consecutive sub-ranges of at most {@code maxPoints} points each, none overlapping. */
    public List<Range> split(int maxPoints) {
      List<Range> out = new ArrayList<>();
      long span = (long) (maxPoints - 1) * stepNs;
      for (long s = startNs; s <= endNs; s += span + stepNs) {
        out.add(new Range(s, Math.min(endNs, s + span), stepNs));
      }
      return out;
    }
  }

  /** Reads one response body. */
  public interface BodyReader {
    /**
     * @param body the whole response, in a file deleted afterwards
     * @param source names the server, the query and the part, for messages and rejects
     */
    void read(Path body, String source);
  }

  /** What a query's requests returned, in bytes and checksum, for the manifest. */
  public record Fetched(int requests, long bytes, String sha256) {}

  /**
   * Runs {@code query} over {@code range}, split as the API requires; each response goes to {@code
   * reader} in time order.
   */
  public Fetched queryRange(PromQuery query, Range range, BodyReader reader) {
    MessageDigest digest = sha256();
    long bytes = 0;
    // One digest over every part's body in order: equal responses, equal checksums.
    List<Range> parts = range.split(maxPoints);
    for (Range part : parts) {
      String form =
          "query="
              + enc(query.query())
              + "&start="
              + seconds(part.startNs())
              + "&end="
              + seconds(part.endNs())
              + "&step="
              + seconds(part.stepNs());
      String source =
          "prometheus "
              + target.display()
              + " query "
              + query.id()
              + " @"
              + seconds(part.startNs());
      HttpRequest.Builder req =
          request("/api/v1/query_range")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
      bytes += send(req.build(), query, source, digest, reader);
    }
    return new Fetched(parts.size(), bytes, HexFormat.of().formatHex(digest.digest()));
  }

  /** The server's version from {@code /api/v1/status/buildinfo}, or null where it has none. */
  public String version() {
    HttpRequest req = request("/api/v1/status/buildinfo").GET().build();
    try {
      HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      refusedCredentials(r.statusCode());
      redirected(r);
      if (r.statusCode() != 200) {
        return null;
      }
      JsonNode v = JSON.readTree(r.body()).path("data").path("version");
      return v.isTextual() ? v.asText() : null;
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target.endpoint(path))
            .timeout(timeout)
            .header("Accept", "application/json");
    if (target.authorization() != null) {
      b.header("Authorization", target.authorization());
    }
    return b;
  }

  private long send(
      HttpRequest req, PromQuery query, String source, MessageDigest digest, BodyReader reader) {
    // The body goes to a file first: a connection dropped mid-body is retried whole, and the
    // reader never sees half a response (whose rows could not be taken back).
    Path body;
    try {
      body = Files.createTempFile("hopscope-prom-", ".json");
    } catch (IOException e) {
      throw Problems.storage("a temporary file", "cannot be created", e);
    }
    try {
      for (int attempt = 1; ; attempt++) {
        HttpResponse<Path> r;
        try {
          r =
              http.send(
                  req,
                  HttpResponse.BodyHandlers.ofFile(
                      body,
                      java.nio.file.StandardOpenOption.CREATE,
                      java.nio.file.StandardOpenOption.WRITE,
                      java.nio.file.StandardOpenOption.TRUNCATE_EXISTING));
        } catch (HttpTimeoutException e) {
          throw Problems.prometheus(
              target.display(),
              "did not answer query '" + query.id() + "' within " + timeout.toSeconds() + " s",
              e);
        } catch (ConnectException e) {
          throw unreachable(e);
        } catch (IOException e) {
          if (attempt >= ATTEMPTS) {
            throw unreachable(e);
          }
          pause(attempt);
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw unreachable(e);
        }
        int code = r.statusCode();
        refusedCredentials(code);
        redirected(r);
        if (code == 400 || code == 422) {
          throw refused(query, code, body);
        }
        if (code >= 500 && attempt < ATTEMPTS) {
          pause(attempt);
          continue;
        }
        if (code != 200) {
          throw Problems.prometheus(
              target.display(),
              "answered HTTP " + code + " to query '" + query.id() + "'" + detail(body),
              null);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(body), digest)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        reader.read(body, source);
        return Files.size(body);
      }
    } catch (IOException e) {
      throw Problems.storage(body, "cannot read the response of query '" + query.id() + "'", e);
    } finally {
      try {
        Files.deleteIfExists(body);
      } catch (IOException e) {
        body.toFile().deleteOnExit();
      }
    }
  }

  /** A redirect is not followed (it would carry the credentials): it is reported. */
  private void redirected(HttpResponse<?> r) {
    if (r.statusCode() >= 300 && r.statusCode() < 400) {
      throw Problems.prometheus(
          target.display(),
          "answered HTTP "
              + r.statusCode()
              + ", a redirect to "
              + PromTarget.display(r.headers().firstValue("Location").orElse("(no Location)"))
              + ", which is not followed (it would carry the credentials)",
          null);
    }
  }

  private void refusedCredentials(int code) {
    if (code == 401 || code == 403) {
      throw Problems.prometheus(
          target.display(),
          "refused the request (HTTP "
              + code
              + ", authentication "
              + target.auth()
              + "): set "
              + PromTarget.TOKEN_ENV
              + " or "
              + PromTarget.USER_ENV
              + "/"
              + PromTarget.PASSWORD_ENV
              + " (or --prom-token-file / --prom-password-file)",
          null);
    }
  }

  private HopscopeException refused(PromQuery query, int code, Path body) {
    return Problems.usage(
        "Prometheus at "
            + target.display()
            + " refused query '"
            + query.id()
            + "' ("
            + query.query()
            + "), HTTP "
            + code
            + detail(body),
        "fix the query (spec test_run.prometheus.queries or --prom-queries), or the window");
  }

  /** The API's error type and message from an error body, when it has them. */
  private static String detail(Path body) {
    try (InputStream in = Files.newInputStream(body)) {
      byte[] b = in.readNBytes(8192);
      JsonNode n = JSON.readTree(b);
      if (n != null && n.hasNonNull("error")) {
        return ": " + n.path("errorType").asText("error") + ": " + n.get("error").asText();
      }
      String text = new String(b, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : ": " + text.lines().findFirst().orElse("");
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private HopscopeException unreachable(Exception e) {
    return Problems.prometheus(
        target.display(),
        "cannot be reached ("
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage())
            + ")",
        e);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(250L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Unix seconds with the ns exact, as the API reads them. */
  public static String seconds(long ns) {
    return BigDecimal.valueOf(ns, 9).stripTrailingZeros().toPlainString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
