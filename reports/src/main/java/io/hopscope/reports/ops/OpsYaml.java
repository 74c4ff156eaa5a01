package io.hopscope.reports.ops;

import io.hopscope.analytics.core.Autoscaling;
import io.hopscope.reports.OutputFile;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * The bundle's YAML: Prometheus recording and alerting rules, a KEDA ScaledObject and a plain HPA.
 * Written as text (Jackson's YAML writer cannot write comments): every number carries a comment
 * that says where it came from, and every string is single-quoted with its quotes doubled.
 */
public final class OpsYaml {
  private OpsYaml() {}

  /** {@code prometheus-rules.yml}: the playbook's recording rules and the envelope's alerts. */
  public static OutputFile rules(OpsPlan plan, String version) {
    return OutputFile.of(
        "prometheus-rules.yml",
        w -> {
          header(w, plan, version, "Prometheus rules: promtool check rules prometheus-rules.yml");
          w.write("groups:\n");
          if (!plan.recording().isEmpty()) {
            w.write("  - name: " + q("hopscope-" + plan.slug() + "-recording") + "\n");
            w.write("    rules:\n");
            for (Map.Entry<String, String> r : plan.recording().entrySet()) {
              w.write("      - record: " + r.getKey() + "\n");
              w.write("        expr: " + q(r.getValue()) + "\n");
            }
          }
          if (!plan.alerts().isEmpty()) {
            w.write("  - name: " + q("hopscope-" + plan.slug() + "-alerts") + "\n");
            w.write("    rules:\n");
            for (OpsPlan.Alert a : plan.alerts()) {
              comment(w, "      ", "threshold " + PromQl.number(a.threshold()) + ": " + a.basis());
              w.write("      - alert: " + a.name() + "\n");
              w.write("        expr: " + q(a.expr()) + "\n");
              if (a.forSeconds() > 0) {
                w.write("        for: " + duration(a.forSeconds()) + "\n");
              }
              w.write("        labels:\n");
              w.write("          severity: " + a.severity() + "\n");
              w.write("          scenario: " + q(plan.scenario()) + "\n");
              w.write("        annotations:\n");
              w.write("          summary: " + q(a.summary()) + "\n");
              w.write("          threshold_basis: " + q(a.basis()) + "\n");
              w.write("          measured_in_run: " + q(plan.run()) + "\n");
            }
          }
          if (plan.recording().isEmpty() && plan.alerts().isEmpty()) {
            w.write("  []\n");
          }
        });
  }

  /**
   * {@code keda-scaledobject.yaml}: scale the workers on the jobs stream's consumer-group lag, and
   * on CPU (lag alone is near 0 whenever the workers keep up, so KEDA would shrink them to the
   * minimum under full load and oscillate).
   */
  public static OutputFile keda(OpsPlan plan, Autoscaling s, String version) {
    return OutputFile.of(
        "keda-scaledobject.yaml",
        w -> {
          header(
              w,
              plan,
              version,
              "KEDA ScaledObject (keda.sh/v1alpha1), Redis Streams scaler. Apply this or hpa.yaml,"
                  + " not both: two autoscalers on one Deployment fight.");
          OpsPlan.Target t = plan.target();
          w.write("apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n");
          w.write("  name: " + q(plan.slug() + "-workers") + "\n");
          namespace(w, t);
          w.write("spec:\n  scaleTargetRef:\n    name: " + q(t.deployment()) + "\n");
          comment(w, "  ", "polled every 15 s (KEDA's default is 30 s): a backlog grows fast");
          w.write("  pollingInterval: 15\n");
          comment(w, "  ", s.replicasBasis());
          w.write("  minReplicaCount: " + s.minReplicas() + "\n");
          w.write("  maxReplicaCount: " + s.maxReplicas() + "\n");
          w.write("  advanced:\n    horizontalPodAutoscalerConfig:\n      behavior:\n");
          w.write("        scaleDown:\n");
          comment(
              w,
              "          ",
              "hold the count for the drain budget (backlog_must_drain_seconds, at most the 3600 s"
                  + " Kubernetes allows) before scaling down");
          w.write("          stabilizationWindowSeconds: " + window(s) + "\n");
          w.write("  triggers:\n    - type: redis-streams\n      metadata:\n");
          w.write("        address: " + q(t.valkeyAddress()) + "\n");
          w.write("        stream: " + q(t.stream()) + "\n");
          w.write("        consumerGroup: " + q(t.group()) + "\n");
          comment(
              w,
              "        ",
              "jobs waiting per worker (XINFO GROUPS lag; Valkey/Redis 7+): " + s.lagBasis());
          w.write("        lagCount: " + q(Long.toString(s.lagPerReplica())) + "\n");
          comment(
              w,
              "        ",
              "credentials: an authenticationRef (TriggerAuthentication) or passwordFromEnv");
          comment(
              w,
              "    ",
              "secondary: worker CPU at the playbook's "
                  + Math.round(s.cpuTarget() * 100)
                  + "% utilisation; needs CPU requests on the workers");
          w.write("    - type: cpu\n      metricType: Utilization\n      metadata:\n");
          w.write("        value: " + q(Long.toString(Math.round(s.cpuTarget() * 100))) + "\n");
        });
  }

  /** The scale-down hold: the drain budget, within Kubernetes' 0..3600 s. */
  private static long window(Autoscaling s) {
    return Math.max(0, Math.min(3600, Math.round(s.drainBudgetSeconds())));
  }

  /**
   * {@code hpa.yaml}: the same policy without KEDA, on the queue depth as an external metric (via
   * prometheus-adapter) and on CPU.
   */
  public static OutputFile hpa(OpsPlan plan, Autoscaling s, String depthMetric, String version) {
    return OutputFile.of(
        "hpa.yaml",
        w -> {
          header(
              w,
              plan,
              version,
              "HorizontalPodAutoscaler (autoscaling/v2). The external metric needs"
                  + " prometheus-adapter (or another external metrics API) serving "
                  + depthMetric
                  + ", exported once (not once per pod: AverageValue divides the sum). Apply"
                  + " this or keda-scaledobject.yaml, not both.");
          OpsPlan.Target t = plan.target();
          w.write("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n");
          w.write("  name: " + q(plan.slug() + "-workers") + "\n");
          namespace(w, t);
          w.write("spec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n");
          w.write("    name: " + q(t.deployment()) + "\n");
          comment(w, "  ", s.replicasBasis());
          w.write("  minReplicas: " + s.minReplicas() + "\n");
          w.write("  maxReplicas: " + s.maxReplicas() + "\n");
          w.write("  metrics:\n");
          comment(w, "    ", "primary: jobs waiting per worker, " + s.lagBasis());
          w.write("    - type: External\n      external:\n        metric:\n");
          w.write("          name: " + q(depthMetric) + "\n");
          if (!plan.depthLabels().isEmpty()) {
            w.write("          selector:\n            matchLabels:\n");
            for (Map.Entry<String, String> e : plan.depthLabels().entrySet()) {
              w.write("              " + e.getKey() + ": " + q(e.getValue()) + "\n");
            }
          }
          w.write("        target:\n          type: AverageValue\n");
          w.write("          averageValue: " + q(Long.toString(s.lagPerReplica())) + "\n");
          comment(
              w,
              "    ",
              "secondary: worker CPU at the playbook's "
                  + Math.round(s.cpuTarget() * 100)
                  + "% utilisation (headroom for bursts)");
          w.write("    - type: Resource\n      resource:\n        name: cpu\n");
          w.write("        target:\n          type: Utilization\n");
          w.write("          averageUtilization: " + Math.round(s.cpuTarget() * 100) + "\n");
          w.write("  behavior:\n    scaleDown:\n");
          comment(w, "      ", "hold the count for the drain budget before scaling down");
          w.write("      stabilizationWindowSeconds: " + Math.round(s.drainBudgetSeconds()) + "\n");
          w.write("    scaleUp:\n      stabilizationWindowSeconds: 0\n");
        });
  }

  private static void namespace(Writer w, OpsPlan.Target t) throws IOException {
    if (t.namespace() != null) {
      w.write("  namespace: " + q(t.namespace()) + "\n");
    }
    w.write("  labels:\n    app.kubernetes.io/managed-by: hopscope\n");
  }

  private static void header(Writer w, OpsPlan plan, String version, String what)
      throws IOException {
    comment(w, "", what);
    comment(
        w,
        "",
        "Generated by hopscope "
            + version
            + " (hopscope ops) from run "
            + plan.run()
            + ", scenario "
            + plan.scenario()
            + ": every threshold is that run's measurement; re-run hopscope ops after the next"
            + " capacity test.");
  }

  /** A comment, one line per sentence-ish chunk, never breaking the YAML. */
  static void comment(Writer w, String indent, String text) throws IOException {
    for (String line : wrap(flat(text), 96 - indent.length())) {
      w.write(indent + "# " + line + "\n");
    }
  }

  private static java.util.List<String> wrap(String text, int width) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  /** A YAML single-quoted scalar. */
  public static String q(String s) {
    return "'" + flat(s).replace("'", "''") + "'";
  }

  /** Text on one line: every control character and YAML line break (NEL, LS, PS) a space. */
  public static String flat(String s) {
    return s.replaceAll(PromQl.LINE_BREAKS, " ");
  }

  /**
   * A name for files and Kubernetes objects: lower case, runs of anything else one dash, at most
   * {@code max} characters, {@code fallback} when nothing is left.
   */
  public static String slug(String text, String fallback, int max) {
    String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    s = s.replaceAll("^-+|-+$", "");
    return s.isEmpty() ? fallback : s.length() > max ? s.substring(0, max) : s;
  }

  private static String duration(long seconds) {
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }
}
