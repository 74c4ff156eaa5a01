package io.hopscope.reports;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.ingest.spec.RunSpec;
import java.time.Instant;
import java.util.Objects;

/**
 * What a report needs besides the analysis: the spec, the run's sources as recorded at ingest, the
 * gate limits, the hopscope version and the generation time (injected, never {@code now()}).
 *
 * @param sourcesJson the manifest's sources (a JSON array), shown in the environment section
 */
public record ReportContext(
    RunSpec spec,
    GateConfig gates,
    String sourcesJson,
    String hopscopeVersion,
    Instant generatedAt) {
  public ReportContext {
    Objects.requireNonNull(spec);
    Objects.requireNonNull(gates);
    Objects.requireNonNull(sourcesJson);
    Objects.requireNonNull(hopscopeVersion);
    Objects.requireNonNull(generatedAt);
  }
}
