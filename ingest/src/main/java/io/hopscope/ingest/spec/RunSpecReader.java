package io.hopscope.ingest.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hopscope.error.HopscopeException;
import io.hopscope.error.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads the run spec YAML. Wrong types and impossible values stop with exit code 2 and a message
 * naming the file, line (where the YAML parser knows it) and field.
 */
public final class RunSpecReader {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

  private RunSpecReader() {}

  public static RunSpec read(Path file) {
    JsonNode root;
    SpecLines lines;
    try {
      byte[] bytes = Files.readAllBytes(file);
      root = YAML.readTree(bytes);
      lines = SpecLines.of(bytes);
    } catch (NoSuchFileException e) {
      throw Problems.badFile(file, "run spec not found", "pass an existing file with --spec");
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : ":" + loc.getLineNr();
      throw Problems.badFile(
          file + where,
          "not valid YAML (" + e.getOriginalMessage() + ")",
          "fix the YAML syntax",
          e);
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read run spec: " + e.getMessage(), "check the path", e);
    }
    return parse(new Ctx(file.toString(), lines), root);
  }

  /**
   * Reads a gates file: a YAML mapping of gate keys (as in the spec's {@code gates} block), bare or
   * under {@code gates:} or {@code test_run: gates:}. Its keys override the spec's.
   */
  public static JsonNode readGates(Path file) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw Problems.badFile(file, "gates file not found", "pass an existing file with --gates");
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw Problems.badFile(
          file + (loc == null ? "" : ":" + loc.getLineNr()),
          "not valid YAML (" + e.getOriginalMessage() + ")",
          "fix the YAML syntax",
          e);
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read the gates file: " + e.getMessage(), "check it", e);
    }
    JsonNode g = root;
    if (g != null && g.has("test_run")) {
      g = g.path("test_run");
    }
    if (g != null && g.has("gates")) {
      g = g.get("gates");
    }
    if (g == null || !g.isObject()) {
      throw Problems.badFile(
          file,
          "is not a mapping of gates",
          "write gate keys as in the spec's gates block, e.g. 'max_error_rate: 0.001'");
    }
    return g;
  }

  /** Parses an already loaded YAML/JSON tree; {@code source} names it in messages. */
  public static RunSpec parse(String source, JsonNode root) {
    return parse(new Ctx(source, SpecLines.none()), root);
  }

  /** The spec being read and where its values sit, for messages. */
  private record Ctx(String source, SpecLines lines) {
    HopscopeException fail(String field, String problem, String fix) {
      return Problems.badValue(source, lines.lineOf(field), field, problem, fix);
    }
  }

  private static RunSpec parse(Ctx source, JsonNode root) {
    if (root == null || !root.isObject() || !root.path("test_run").isObject()) {
      throw source.fail("test_run", "is missing", "start the spec with a 'test_run:' block");
    }
    JsonNode run = root.get("test_run");
    JsonNode scenario = run.path("scenario");
    if (!scenario.isObject()) {
      throw source.fail("test_run.scenario", "is missing", "add a scenario block with stages");
    }
    String name = text(source, scenario, "test_run.scenario.name", "name", "unnamed");
    String mode = text(source, scenario, "test_run.scenario.mode", "mode", "open_loop");
    double warmup =
        number(
            source,
            scenario,
            "test_run.scenario.warmup_seconds",
            "warmup_seconds",
            0,
            0,
            MAX_STAGE_SECONDS);
    OptionalLong startNs = OptionalLong.empty();
    JsonNode start = scenario.get("start_ns");
    if (start != null && !start.isNull()) {
      if (!start.canConvertToLong() || start.asLong() <= 0) {
        throw source.fail(
            "test_run.scenario.start_ns",
            "must be a positive integer (Unix epoch nanoseconds), got '" + start.asText() + "'",
            "write the schedule start as epoch ns, or leave it out");
      }
      if (start.asLong() < MIN_START_NS || start.asLong() > MAX_START_NS) {
        throw source.fail(
            "test_run.scenario.start_ns",
            "is "
                + start.asText()
                + ", outside 2000-01-01 .. 2200-01-01 in Unix epoch nanoseconds (seconds or"
                + " milliseconds given by mistake?)",
            "write the schedule start as epoch ns, e.g. 1767225600000000000, or leave it out");
      }
      startNs = OptionalLong.of(start.asLong());
    }
    List<StageSpec> stages = stages(source, scenario.get("stages"));
    OptionalInt workers = OptionalInt.empty();
    JsonNode w = run.path("environment").get("workers");
    if (w != null && !w.isNull()) {
      if (!w.canConvertToInt() || w.asInt() < 1) {
        throw source.fail(
            "test_run.environment.workers",
            "must be a positive integer, got '" + w.asText() + "'",
            "write the number of worker replicas");
      }
      workers = OptionalInt.of(w.asInt());
    }
    JsonNode gates = run.path("gates");
    if (!gates.isMissingNode() && !gates.isNull() && !gates.isObject()) {
      throw source.fail("test_run.gates", "must be a mapping", "write gates as key: value lines");
    }
    if (!gates.isObject()) {
      gates = YAML.createObjectNode();
    }
    return new RunSpec(source.source(), name, mode, warmup, startNs, stages, workers, gates, run);
  }

  /** Ranges checked up front, so that no later arithmetic on the schedule can overflow. */
  static final int MAX_STAGES = 10_000;

  static final double MAX_STAGE_SECONDS = 31 * 86_400;
  static final double MAX_SCHEDULE_SECONDS = 90 * 86_400;
  static final double MAX_RPS = 1e9;
  static final long MIN_START_NS = 946_684_800_000_000_000L; // 2000-01-01
  static final long MAX_START_NS = 7_258_118_400_000_000_000L; // 2200-01-01

  private static List<StageSpec> stages(Ctx source, JsonNode node) {
    String field = "test_run.scenario.stages";
    if (node == null || !node.isArray() || node.isEmpty()) {
      throw source.fail(
          field,
          "must be a non-empty list",
          "list the stages as '- rps: 50' + 'duration_seconds: 120'");
    }
    if (node.size() > MAX_STAGES) {
      throw source.fail(
          field,
          "has " + node.size() + " stages, more than the " + MAX_STAGES + " a run can have",
          "describe the load with fewer, longer stages (a ramp is one stage)");
    }
    List<StageSpec> out = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < node.size(); i++) {
      JsonNode s = node.get(i);
      String at = field + "[" + i + "]";
      if (!s.isObject()) {
        throw source.fail(at, "must be a mapping", "write rps and duration_seconds");
      }
      double duration =
          number(
              source, s, at + ".duration_seconds", "duration_seconds", -1, 1e-9, MAX_STAGE_SECONDS);
      total += duration;
      if (total > MAX_SCHEDULE_SECONDS) {
        throw source.fail(
            at + ".duration_seconds",
            "brings the schedule to " + (long) total + " s, more than 90 days",
            "check the unit: durations are in seconds");
      }
      if (s.has("rps")) {
        double rps = number(source, s, at + ".rps", "rps", -1, 0, MAX_RPS);
        out.add(StageSpec.constant(rps, duration));
      } else if (s.has("start_rps") && s.has("end_rps")) {
        double from = number(source, s, at + ".start_rps", "start_rps", -1, 0, MAX_RPS);
        double to = number(source, s, at + ".end_rps", "end_rps", -1, 0, MAX_RPS);
        out.add(new StageSpec(from, to, duration));
      } else {
        throw source.fail(
            at,
            "needs 'rps' (a plateau) or 'start_rps' and 'end_rps' (a ramp)",
            "add the stage's rate");
      }
    }
    return out;
  }

  private static String text(Ctx source, JsonNode parent, String path, String key, String dflt) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isValueNode()) {
      throw source.fail(path, "must be text", "write a plain value");
    }
    return n.asText();
  }

  /**
   * A number at {@code parent.key}; {@code dflt < 0} means required. Values outside {@code [min,
   * max]} are rejected.
   */
  private static double number(
      Ctx source, JsonNode parent, String path, String key, double dflt, double min, double max) {
    JsonNode n = parent.get(key);
    if (n == null || n.isNull()) {
      if (dflt < 0) {
        throw source.fail(path, "is missing", "add it");
      }
      return dflt;
    }
    double v;
    if (n.isNumber()) {
      v = n.asDouble();
    } else if (n.getNodeType() == JsonNodeType.STRING) {
      try {
        v = Double.parseDouble(n.asText().trim());
      } catch (NumberFormatException e) {
        throw source.fail(path, "must be a number, got '" + n.asText() + "'", "write a number");
      }
    } else {
      throw source.fail(path, "must be a number", "write a number");
    }
    if (!Double.isFinite(v) || v < min) {
      throw source.fail(
          path, "must be a finite number >= " + min + ", got " + n.asText(), "fix it");
    }
    if (v > max) {
      throw source.fail(
          path,
          "is " + n.asText() + ", above the largest value hopscope takes here (" + (long) max + ")",
          "check the value and its unit (seconds, requests per second)");
    }
    return v;
  }
}
