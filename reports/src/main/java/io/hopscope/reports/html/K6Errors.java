package io.hopscope.reports.html;

import io.hopscope.analytics.core.RouteStats;
import java.util.List;
import java.util.Map;

/** k6's failures in words: error codes, HTTP statuses, a route's kinds of failure. */
public final class K6Errors {
  private K6Errors() {}

  /** What k6's error codes mean (k6's lib/netext/httpext/error_codes.go). */
  public static String errorCodeMeaning(String code) {
    int c;
    try {
      c = Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return "";
    }
    return switch (c) {
      case 1000 -> "unknown error";
      case 1010 -> "non-TCP network error";
      case 1020 -> "invalid URL";
      case 1050 -> "request timeout";
      case 1100 -> "DNS error";
      case 1101 -> "no IP for the host name";
      case 1110 -> "blacklisted IP";
      case 1111 -> "blocked host name";
      case 1200 -> "TCP error";
      case 1201 -> "broken pipe on write";
      case 1202 -> "unknown errno on write";
      case 1210 -> "TCP dial error";
      case 1211 -> "TCP dial timeout";
      case 1212 -> "connection refused";
      case 1213 -> "unknown errno on dial";
      case 1220 -> "connection reset by peer";
      case 1300 -> "TLS error";
      case 1301 -> "TLS header error";
      case 1310 -> "unknown certificate authority";
      case 1311 -> "certificate host name mismatch";
      default ->
          c >= 1400 && c < 1500
              ? "HTTP " + (c - 1000) + " (client error)"
              : c >= 1500 && c < 1600
                  ? "HTTP " + (c - 1000) + " (server error)"
                  : c >= 1610 && c < 1630
                      ? "HTTP/2 GoAway"
                      : c >= 1630 && c < 1650
                          ? "HTTP/2 stream error"
                          : c >= 1650 && c < 1670 ? "HTTP/2 connection error" : "";
    };
  }

  /**
   * A kind of failure in words: the status for an HTTP error (k6's error code 1xxx then only
   * repeats it), else the error code and its meaning.
   */
  public static String failureKind(RouteStats.Failure f) {
    String kind;
    if (f.status().isEmpty() && f.errorCode().isEmpty() && f.message().startsWith("(")) {
      return f.message(); // the route's other kinds, summed
    }
    boolean responded = !f.status().isEmpty() && !f.status().equals("0");
    if (responded) {
      kind = "HTTP " + f.status();
    } else if (f.errorCode().isEmpty()) {
      kind = "no response";
    } else {
      String meaning = errorCodeMeaning(f.errorCode());
      kind = "error " + f.errorCode() + (meaning.isEmpty() ? "" : " " + meaning);
    }
    if (f.message().isEmpty()) {
      return kind;
    }
    String m = f.message().length() > 90 ? f.message().substring(0, 89) + "…" : f.message();
    return kind + " (\u201c" + m + "\u201d)";
  }

  /** A route's failure kinds, most first, at most four: "HTTP 503 ×20, error 1211 … ×5". */
  static String failedAs(Map<String, Long> kinds) {
    List<Map.Entry<String, Long>> sorted =
        kinds.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < Math.min(4, sorted.size()); i++) {
      b.append(i == 0 ? "" : ", ")
          .append(sorted.get(i).getKey())
          .append(" \u00d7")
          .append(sorted.get(i).getValue());
    }
    if (sorted.size() > 4) {
      b.append(", ").append(sorted.size() - 4).append(" more kinds");
    }
    return b.toString();
  }

  /** How a status counts when k6 recorded no http_req_failed (k6's default expected_response). */
  static String statusMeaning(String status) {
    if (status.isEmpty() || status.equals("0")) {
      return "no response (network error): failed";
    }
    char c = status.charAt(0);
    return switch (c) {
      case '1', '2' -> "success";
      case '3' -> "redirect: not a failure";
      case '4' -> "client error: failed";
      case '5' -> "server error: failed";
      default -> "";
    };
  }
}
