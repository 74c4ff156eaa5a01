package io.hopscope.ingest.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a YAML document sits: JSON pointer → line number. Lets messages about a wrong
 * value name its line, which a parsed tree no longer knows.
 */
final class SpecLines {
  private final Map<String, Integer> lines;

  private SpecLines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  static SpecLines none() {
    return new SpecLines(Map.of());
  }

  static SpecLines of(byte[] yaml) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          continue;
        }
        String pointer = p.getParsingContext().pathAsPointer().toString();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          // A container's own pointer is its parent's entry; record where it opens.
          pointer =
              p.getParsingContext().getParent() == null
                  ? ""
                  : p.getParsingContext().getParent().pathAsPointer().toString();
        }
        lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
      }
    }
    return new SpecLines(lines);
  }

  /** The line of a dotted field path such as {@code test_run.scenario.stages[2].rps}, or 0. */
  int lineOf(String dottedPath) {
    String pointer = "/" + dottedPath.replace("[", ".").replace("]", "").replace('.', '/');
    for (String p = pointer; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
    }
    return 0;
  }
}
