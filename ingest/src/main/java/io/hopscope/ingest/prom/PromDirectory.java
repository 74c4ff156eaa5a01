package io.hopscope.ingest.prom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.error.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Prometheus inputs a {@code --prom} argument names: one file, or a directory of query results
 * with an optional {@code manifest.json} ({@code {"queries": [{"id", "query", "start", "end",
 * "step"}]}}) saying which PromQL each file (named by its id) holds.
 */
public final class PromDirectory {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One input file and, for query results, its id and PromQL. */
  public record Input(Path file, String queryId, String promql, boolean json) {}

  private PromDirectory() {}

  public static List<Input> inputs(Path arg) {
    if (!Files.isDirectory(arg)) {
      return List.of(input(arg, Map.of()));
    }
    Map<String, String> queries = manifest(arg.resolve("manifest.json"));
    try (Stream<Path> s = Files.list(arg)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("manifest.json"))
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .map(p -> input(p, queries))
          .toList();
    } catch (IOException e) {
      throw Problems.badFile(arg, "cannot list: " + e.getMessage(), "check the directory", e);
    }
  }

  private static Input input(Path file, Map<String, String> queries) {
    String name = file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    String stem = name.replaceFirst("(\\.json|\\.prom|\\.txt|\\.om)?(\\.gz)?$", "");
    boolean json = lower.endsWith(".json") || lower.endsWith(".json.gz");
    return new Input(file, stem, queries.get(stem), json);
  }

  private static Map<String, String> manifest(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      JsonNode root = JSON.readTree(file.toFile());
      for (JsonNode q : root.path("queries")) {
        if (q.hasNonNull("id")) {
          out.put(q.get("id").asText(), q.path("query").asText(null));
        }
      }
      return out;
    } catch (IOException e) {
      throw Problems.badFile(
          file, "is not a readable manifest: " + e.getMessage(), "fix or remove it", e);
    }
  }
}
