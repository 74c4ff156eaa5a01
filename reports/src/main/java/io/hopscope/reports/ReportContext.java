package io.hopscope.reports;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.ingest.SourceRecord;
import io.hopscope.ingest.spec.RunSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a report needs besides the analysis: the spec, the run's sources as recorded at ingest, the
 * gate limits, the hopscope version and the generation time (injected, never {@code now()}).
 *
 * @param sources the run's inputs as recorded at ingest, shown in the environment section
 */
public record ReportContext(
    RunSpec spec,
    GateConfig gates,
    List<SourceRecord> sources,
    String hopscopeVersion,
    Instant generatedAt) {
  public ReportContext {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(gates);
    sources = List.copyOf(sources);
    Objects.requireNonNull(hopscopeVersion);
    Objects.requireNonNull(generatedAt);
  }
}
