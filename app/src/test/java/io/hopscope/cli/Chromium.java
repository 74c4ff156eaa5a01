package io.hopscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium (Debian's package, installed by scripts/test) driven over the DevTools
 * protocol: loads a page, records console errors, exceptions and every network request, decodes
 * each image and measures how much of it is drawn, and saves a full-page screenshot.
 */
final class Chromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** One image of the page as the browser decoded it. */
  record Image(String alt, int width, int height, double inkShare, int colours, String error) {}

  /** What loading a page showed. */
  record Page(
      String title,
      List<String> errors,
      List<String> requests,
      List<Image> images,
      List<String> tooWide) {}

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<JsonNode> events = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger ids = new AtomicInteger();
  private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

  /** Starts the browser; skips the test, visibly, when scripts/test did not provide one. */
  static Chromium start(Path work) throws Exception {
    String bin = System.getenv("HOPSCOPE_TEST_CHROMIUM");
    Assumptions.assumeTrue(
        bin != null && !bin.isBlank(),
        "HOPSCOPE_TEST_CHROMIUM is not set: run through scripts/test, which installs Chromium");
    return new Chromium(bin, work);
  }

  private Chromium(String bin, Path work) throws Exception {
    profile = Files.createTempDirectory(work, "chromium-profile");
    process =
        new ProcessBuilder(
                bin,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1280,900",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile,
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("chromium.log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Chromium did not start: " + Files.readString(work.resolve("chromium.log")));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
    HttpClient http = HttpClient.newHttpClient();
    JsonNode targets =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                        .timeout(TIMEOUT)
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    String ws = null;
    for (JsonNode t : targets) {
      if (t.path("type").asText().equals("page")) {
        ws = t.path("webSocketDebuggerUrl").asText();
      }
    }
    if (ws == null) {
      throw new IllegalStateException("Chromium has no page target: " + targets);
    }
    socket =
        http.newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create(ws), new Listener())
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    send("Page.enable", null);
    send("Runtime.enable", null);
    send("Log.enable", null);
    send("Network.enable", null);
  }

  /** Loads a file, checks its images and saves a full-page screenshot. */
  Page open(Path html, Path screenshot) throws Exception {
    events.clear();
    loaded = new CompletableFuture<>();
    ObjectNode nav = JSON.createObjectNode().put("url", html.toUri().toString());
    send("Page.navigate", nav);
    loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    String js =
        """
        (async () => {
          const images = [];
          for (const img of Array.from(document.images)) {
            try { await img.decode(); } catch (e) {
              images.push({alt: img.alt, width: 0, height: 0, ink: 0, colours: 0, error: String(e)});
              continue;
            }
            const c = document.createElement('canvas');
            c.width = img.naturalWidth; c.height = img.naturalHeight;
            const g = c.getContext('2d');
            g.drawImage(img, 0, 0);
            const d = g.getImageData(0, 0, c.width, c.height).data;
            let ink = 0, n = 0; const colours = new Set();
            for (let i = 0; i < d.length; i += 4 * 3) {
              n++;
              if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) ink++;
              if (colours.size < 256) colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            }
            images.push({alt: img.alt, width: c.width, height: c.height,
                         ink: n ? ink / n : 0, colours: colours.size, error: null});
          }
          const wide = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1) {
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              let clipped = false;
              for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible') { clipped = true; break; }
              }
              if (!clipped && r.right > window.innerWidth + 1 && wide.length < 5) {
                wide.push(el.tagName + (el.id ? '#' + el.id : '') +
                  (el.className ? '.' + el.className : '') + ' right=' + Math.round(r.right) +
                  ' ' + (el.textContent || '').slice(0, 60));
              }
            }
          }
          return JSON.stringify({title: document.title, images, overflow: wide});
        })()
        """;
    JsonNode r =
        send(
            "Runtime.evaluate",
            JSON.createObjectNode()
                .put("expression", js)
                .put("awaitPromise", true)
                .put("returnByValue", true));
    if (r.path("result").has("exceptionDetails")) {
      throw new IllegalStateException("page check failed: " + r.path("result"));
    }
    JsonNode v = JSON.readTree(r.path("result").path("result").path("value").asText());
    List<Image> images = new ArrayList<>();
    for (JsonNode i : v.path("images")) {
      images.add(
          new Image(
              i.path("alt").asText(),
              i.path("width").asInt(),
              i.path("height").asInt(),
              i.path("ink").asDouble(),
              i.path("colours").asInt(),
              i.path("error").isNull() ? null : i.path("error").asText()));
    }
    screenshot(screenshot);
    List<String> errors = new ArrayList<>();
    List<String> requests = new ArrayList<>();
    synchronized (events) {
      for (JsonNode e : events) {
        String m = e.path("method").asText();
        JsonNode p = e.path("params");
        switch (m) {
          case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
          case "Runtime.consoleAPICalled" -> {
            if (p.path("type").asText().matches("error|assert|warning")) {
              errors.add("console " + p.path("type").asText() + ": " + p.path("args"));
            }
          }
          case "Log.entryAdded" -> {
            if (p.path("entry").path("level").asText().matches("error|warning")) {
              errors.add("log: " + p.path("entry").path("text").asText());
            }
          }
          case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
          default -> {}
        }
      }
    }
    List<String> wide = new ArrayList<>();
    v.path("overflow").forEach(w -> wide.add(w.asText()));
    return new Page(v.path("title").asText(), errors, requests, images, wide);
  }

  private void screenshot(Path file) throws Exception {
    JsonNode m = send("Page.getLayoutMetrics", null).path("result").path("cssContentSize");
    ObjectNode clip =
        JSON.createObjectNode()
            .put("x", 0)
            .put("y", 0)
            .put("width", m.path("width").asDouble())
            .put("height", Math.min(m.path("height").asDouble(), 16_000))
            .put("scale", 1);
    ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
    p.set("clip", clip);
    JsonNode r = send("Page.captureScreenshot", p);
    Files.write(file, Base64.getDecoder().decode(r.path("result").path("data").asText()));
  }

  private JsonNode send(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
    if (params != null) {
      msg.set("params", params);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    JsonNode r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (r.has("error")) {
      throw new IllegalStateException(method + " failed: " + r.path("error"));
    }
    return r;
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the browser goes anyway
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder buf = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      buf.append(data);
      if (last) {
        try {
          JsonNode m = JSON.readTree(buf.toString());
          if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.path("id").asInt());
            if (f != null) {
              f.complete(m);
            }
          } else {
            events.add(m);
            if (m.path("method").asText().equals("Page.loadEventFired")) {
              loaded.complete(null);
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        buf.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
