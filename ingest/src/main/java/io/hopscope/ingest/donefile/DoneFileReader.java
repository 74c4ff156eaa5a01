package io.hopscope.ingest.donefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.error.Problems;
import io.hopscope.ingest.io.Inputs;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.JobBatch;
import io.hopscope.ingest.jobs.JobSink;
import io.hopscope.ingest.jobs.Reject;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a done-stream export: NDJSON, one stream entry per line, {@code {"id": "<ms>-<seq>",
 * "fields": {"run": "…", "enq_ns": "…", …}}} (fields may also be a flat {@code [k, v, k, v …]}
 * array, as XRANGE replies are). An optional first line {@code {"hopscope_export": "done-stream",
 * …}} describes the file. Optionally gzip-compressed. Bad lines go to rejects; a file whose first
 * record is not an entry stops with exit code 2.
 */
public final class DoneFileReader {
  /** The header line's marker key. */
  public static final String HEADER_KEY = "hopscope_export";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What the read saw.
   *
   * @param header the header line, or null
   */
  public record Result(
      long lines,
      long jobs,
      long rejected,
      long otherRuns,
      java.util.Set<String> otherRunIds,
      JsonNode header) {}

  private static final int MAX_RUNS_NOTED = 20;
  private static final int BATCH = 4096;

  private DoneFileReader() {}

  public static Result read(Path file, DoneEntryParser parser, JobSink sink) {
    long lineNo = 0;
    long jobs = 0;
    long rejected = 0;
    long others = 0;
    boolean sawEntry = false;
    JsonNode header = null;
    java.util.Set<String> otherRunIds = new java.util.TreeSet<>();
    DoneEntryParser.Entry entry = parser.entry();
    JobBatch batch = new JobBatch();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(Inputs.open(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = readLine(in, file, lineNo)) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          node = null;
        }
        if (!sawEntry && header == null && node != null && node.has(HEADER_KEY)) {
          header = node;
          continue;
        }
        String problem = node == null ? "not valid JSON" : shapeProblem(node);
        if (problem != null) {
          if (!sawEntry) {
            throw Problems.badValue(
                file,
                lineNo,
                "id/fields",
                "is not a done-stream entry (" + problem + ")",
                "pass an NDJSON done-stream export: {\"id\": …, \"fields\": {…}} per line");
          }
          sink.reject(
              parser.runForUnattributed(),
              new Reject(file.toString(), "line " + lineNo, problem + truncation(in), line));
          rejected++;
          continue;
        }
        sawEntry = true;
        fields(node.get("fields"), entry);
        String run = entry.run();
        switch (entry.finish(node.get("id").asText(), batch, sink)) {
          case JOB -> {
            jobs++;
            if (batch.size() == BATCH) {
              sink.jobs(batch);
              batch.clear();
            }
          }
          case REJECTED -> rejected++;
          case OTHER_RUN -> {
            others++;
            if (otherRunIds.size() < MAX_RUNS_NOTED) {
              otherRunIds.add(run == null ? "(none)" : run);
            }
          }
        }
      }
      if (!batch.isEmpty()) {
        sink.jobs(batch);
      }
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read: " + e.getMessage(), "check the file", e);
    } catch (UncheckedIOException e) {
      throw Problems.badFile(
          file, "cannot read: " + e.getCause().getMessage(), "check the file", e);
    }
    return new Result(lineNo, jobs, rejected, others, otherRunIds, header);
  }

  private static String readLine(BufferedReader in, Path file, long lineNo) throws IOException {
    try {
      return in.readLine();
    } catch (EOFException e) {
      // A truncated gzip member: what was read so far stands, the rest is gone.
      throw Problems.badFile(
          file,
          "ends unexpectedly after line " + lineNo + " (truncated gzip)",
          "copy the file again",
          e);
    }
  }

  private static String truncation(BufferedReader in) throws IOException {
    in.mark(1);
    int next = in.read();
    if (next < 0) {
      return " (last line, probably truncated)";
    }
    in.reset();
    return "";
  }

  private static String shapeProblem(JsonNode node) {
    if (!node.isObject()) {
      return "not a JSON object";
    }
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      return "no text 'id'";
    }
    JsonNode f = node.get("fields");
    if (f == null || !(f.isObject() || (f.isArray() && f.size() % 2 == 0))) {
      return "no 'fields' object (or even-length array)";
    }
    return null;
  }

  private static void fields(JsonNode f, DoneEntryParser.Entry entry) {
    if (f.isObject()) {
      for (Map.Entry<String, JsonNode> e : f.properties()) {
        entry.field(utf8(e.getKey()), value(e.getValue()));
      }
    } else {
      for (int i = 0; i + 1 < f.size(); i += 2) {
        entry.field(utf8(f.get(i).asText()), value(f.get(i + 1)));
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(JsonNode v) {
    String s = v.isValueNode() ? v.asText() : v.toString();
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
