package io.hopscope.ingest.prom;

import io.hopscope.error.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * A Prometheus server (or any server with its HTTP API: Thanos, Mimir, VictoriaMetrics …) and how
 * to authenticate to it. Credentials come from the environment or a file, or (for basic auth) from
 * the URL's user info; they are sent only in the {@code Authorization} header, never in the URL, a
 * message, the manifest or a report.
 *
 * <p>Basic auth: the user from the URL ({@code https://user@host}) or {@code HOPSCOPE_PROM_USER},
 * the password from the URL, a password file or {@code HOPSCOPE_PROM_PASSWORD}. Bearer: a token
 * file or {@code HOPSCOPE_PROM_TOKEN}. Not both.
 */
public final class PromTarget {
  /** The environment variables read for credentials. */
  public static final String USER_ENV = "HOPSCOPE_PROM_USER";

  public static final String PASSWORD_ENV = "HOPSCOPE_PROM_PASSWORD";
  public static final String TOKEN_ENV = "HOPSCOPE_PROM_TOKEN";

  private final URI base;
  private final String authorization;
  private final String auth;

  private PromTarget(URI base, String authorization, String auth) {
    this.base = base;
    this.authorization = authorization;
    this.auth = auth;
  }

  /**
   * @param url {@code http(s)://[user[:password]@]host[:port][/path-prefix]}
   * @param env the process environment (credentials)
   * @param tokenFile a file holding the bearer token, or null
   * @param passwordFile a file holding the basic-auth password, or null
   */
  public static PromTarget parse(
      String url, Map<String, String> env, Path tokenFile, Path passwordFile) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw Problems.usage(
          "--prom-url '" + display(url) + "' is not a URL (" + e.getReason() + ")",
          "give the server as http://host:9090 or https://host/prefix");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw Problems.usage(
          "--prom-url '" + display(url) + "' is not an http:// or https:// URL with a host",
          "give the server as http://host:9090 or https://host/prefix");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw Problems.usage(
          "--prom-url '" + display(url) + "' has a query or fragment",
          "give only the server and its path prefix, e.g. https://host/prometheus");
    }
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    if (user == null) {
      user = env.get(USER_ENV);
    }
    if (password == null && passwordFile != null) {
      password = secret(passwordFile, "--prom-password-file");
    }
    if (password == null) {
      password = env.get(PASSWORD_ENV);
    }
    String token = tokenFile != null ? secret(tokenFile, "--prom-token-file") : env.get(TOKEN_ENV);
    if (token != null) {
      token = token.strip();
      if (token.isEmpty()) {
        token = null;
      } else if (!token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
        // An HTTP header cannot hold it, and the JDK's refusal would quote it.
        throw Problems.usage(
            "the bearer token ("
                + (tokenFile != null ? "--prom-token-file" : TOKEN_ENV)
                + ") holds a space, a line break or a character outside printable ASCII",
            "give the token alone, on one line");
      }
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
    URI clean;
    try {
      clean = new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
      clean = URI.create(clean + path);
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw Problems.usage(
          "--prom-url '" + display(url) + "' is not a usable URL",
          "give the server as http://host:9090 or https://host/prefix");
    }
    if (token != null && (password != null || uri.getRawUserInfo() != null)) {
      throw Problems.usage(
          "both a bearer token and basic-auth credentials are given for --prom-url",
          "use one: " + TOKEN_ENV + " (or --prom-token-file), or a user and password");
    }
    if (token != null) {
      return new PromTarget(clean, "Bearer " + token, "bearer");
    }
    if (user != null && password != null) {
      String pair = user + ":" + password;
      return new PromTarget(
          clean,
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
          "basic");
    }
    if (password != null || uri.getRawUserInfo() != null) {
      throw Problems.usage(
          "--prom-url has "
              + (password != null ? "a password but no user" : "a user but no password"),
          "give both: the user in the URL or "
              + USER_ENV
              + ", the password in --prom-password-file or "
              + PASSWORD_ENV);
    }
    return new PromTarget(clean, null, "none");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String secret(Path file, String option) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (s.isEmpty()) {
        throw Problems.badFile(file, "is empty", "write the secret into " + option + "'s file");
      }
      return s;
    } catch (IOException e) {
      throw Problems.badFile(
          file, "cannot be read (" + e.getClass().getSimpleName() + ")", "check " + option);
    }
  }

  /** A URL as it may be shown: the user info dropped whole. */
  public static String display(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (scheme >= 0 && at > scheme) {
      return url.substring(0, scheme + 3) + url.substring(at + 1);
    }
    return at >= 0 ? "***" : url;
  }

  /** The server's base URL, without credentials: safe for messages and the manifest. */
  public String display() {
    return base.toString();
  }

  /** {@code none}, {@code basic} or {@code bearer}: recorded, the secret never is. */
  public String auth() {
    return auth;
  }

  URI endpoint(String path) {
    return URI.create(base + path);
  }

  /** The {@code Authorization} header value, or null. */
  String authorization() {
    return authorization;
  }

  @Override
  public String toString() {
    return display();
  }
}
