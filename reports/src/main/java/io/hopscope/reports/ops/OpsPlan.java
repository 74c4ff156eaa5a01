package io.hopscope.reports.ops;

import io.hopscope.analytics.core.Autoscaling;
import io.hopscope.reports.ops.MetricCatalog.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operations bundle holds for one run, before any file is written: the dashboard's panels,
 * the recording and alerting rules, and the autoscaling numbers, each expression built on the
 * metric names the run had ({@link MetricCatalog}) and each threshold on the run's measured
 * envelope ({@link Autoscaling}). The file writers only lay this out.
 *
 * @param run the run the numbers come from
 * @param scenario its scenario (names the dashboard and the rule group)
 * @param kneeRps the measured knee, when found
 * @param recording the playbook's recording rules, by record name
 * @param missing each role no metric filled, with what it left out
 */
public record OpsPlan(
    String run,
    String scenario,
    Optional<Double> kneeRps,
    Optional<Autoscaling> scaling,
    MetricCatalog catalog,
    Target target,
    List<Panel> panels,
    Map<String, String> recording,
    List<Alert> alerts,
    Map<Role, String> missing) {

  /**
   * Where the config acts: the worker Deployment and the jobs stream its group reads, and the
   * window rates are taken over.
   *
   * @param rateWindow the range of every {@code rate()}, e.g. {@code 2m}: at least four scrape
   *     intervals, or a rate has too few samples to return anything
   */
  public record Target(
      String namespace,
      String deployment,
      String valkeyAddress,
      String stream,
      String group,
      String rateWindow) {
    public Target {
      Objects.requireNonNull(deployment);
      Objects.requireNonNull(valkeyAddress);
      Objects.requireNonNull(stream);
      Objects.requireNonNull(group);
      if (rateWindow == null || !rateWindow.matches("[1-9][0-9]{0,5}[smh]")) {
        throw new IllegalArgumentException("rate window " + rateWindow);
      }
    }
  }

  /** One query of a panel, with its legend. */
  public record Query(String expr, String legend) {}

  /** A threshold line on a panel: its value in the panel's unit and where it came from. */
  public record Threshold(double value, String label) {}

  /**
   * One dashboard panel.
   *
   * @param unit Grafana's unit id: {@code s}, {@code reqps}, {@code short}, {@code bytes}, {@code
   *     percentunit}
   */
  public record Panel(
      String title, String unit, String description, List<Query> queries, List<Threshold> lines) {
    public Panel {
      queries = List.copyOf(queries);
      lines = List.copyOf(lines);
    }
  }

  /**
   * One alerting rule: {@code signal op threshold} held for {@code forSeconds}.
   *
   * @param signal the expression compared (may use the recording rules)
   * @param guard a further condition that must hold too (joined with {@code and on()}), or null
   * @param basis where the threshold came from, in words (the rule's comment and annotation)
   */
  public record Alert(
      String name,
      String severity,
      String signal,
      String op,
      double threshold,
      String guard,
      long forSeconds,
      String summary,
      String basis) {
    /** The rule's expression: the comparison, and the guard when there is one. */
    public String expr() {
      String e = signal + " " + op + " " + PromQl.number(threshold);
      return guard == null ? e : e + " and on() " + guard;
    }
  }

  public OpsPlan {
    panels = List.copyOf(panels);
    recording = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recording));
    alerts = List.copyOf(alerts);
    missing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missing));
  }

  /** Minutes a queue must keep growing before its alert fires. */
  public static final long GROWING_SECONDS = 300;

  /**
   * Builds the plan.
   *
   * @param scaling the run's autoscaling signals, empty for a run without jobs (no queue to act on)
   */
  public static OpsPlan of(
      String run,
      String scenario,
      Optional<Double> kneeRps,
      Optional<Autoscaling> scaling,
      MetricCatalog catalog,
      Target target) {
    Map<Role, String> missing = new LinkedHashMap<>();
    Map<Role, String> m = new LinkedHashMap<>();
    for (Role r : Role.values()) {
      Optional<String> name = catalog.resolve(r);
      if (name.isPresent()) {
        m.put(r, name.get());
      }
    }
    Map<String, String> recording = new LinkedHashMap<>();
    if (m.containsKey(Role.QUEUE_DELAY)) {
      recording.put(
          "hop:queue_delay_p95",
          PromQl.quantileSeconds(0.95, m.get(Role.QUEUE_DELAY), target.rateWindow()));
    }
    if (m.containsKey(Role.SERVICE_TIME)) {
      recording.put(
          "hop:service_time_p95",
          PromQl.quantileSeconds(0.95, m.get(Role.SERVICE_TIME), target.rateWindow()));
    }
    if (recording.size() == 2) {
      recording.put("hop:latency_budget_p95", "hop:queue_delay_p95 + hop:service_time_p95");
    }
    if (m.containsKey(Role.HOP_LATENCY)) {
      recording.put(
          "hop:hop_latency_p95",
          PromQl.quantileSeconds(0.95, m.get(Role.HOP_LATENCY), target.rateWindow()));
    }

    List<Panel> panels = new ArrayList<>();
    Optional<Double> sloS = scaling.flatMap(s -> boxed(s.sloMs())).map(x -> x / 1000);
    List<Threshold> sloLine =
        sloS.map(x -> List.of(new Threshold(x, "SLO p95 hop " + PromQl.display(x * 1000) + " ms")))
            .orElse(List.of());

    // Load: offered against completed, the knee drawn.
    List<Query> load = new ArrayList<>();
    if (m.containsKey(Role.ARRIVALS)) {
      load.add(
          new Query(
              "sum(rate(" + m.get(Role.ARRIVALS) + "[" + target.rateWindow() + "]))", "offered"));
    }
    if (m.containsKey(Role.COMPLETIONS)) {
      load.add(
          new Query(
              "sum(rate(" + m.get(Role.COMPLETIONS) + "[" + target.rateWindow() + "]))",
              "completed"));
    }
    need(missing, m, "the load panel (offered vs completed)", Role.ARRIVALS, Role.COMPLETIONS);
    if (!load.isEmpty()) {
      panels.add(
          new Panel(
              "Offered vs completed load",
              "reqps",
              "Jobs per second offered to the gateway and completed by the workers; they part at"
                  + " the knee.",
              load,
              kneeRps
                  .map(
                      k -> List.of(new Threshold(k, "measured knee " + PromQl.display(k) + " rps")))
                  .orElse(List.of())));
    }
    // Hop latency envelope.
    if (m.containsKey(Role.HOP_LATENCY)) {
      String hop = m.get(Role.HOP_LATENCY);
      panels.add(
          new Panel(
              "Hop latency p50 / p95 / p99",
              "s",
              "done − enqueue, from the workers' hop histogram (bucket estimates).",
              List.of(
                  new Query(PromQl.quantileSeconds(0.5, hop, target.rateWindow()), "p50"),
                  new Query("hop:hop_latency_p95", "p95"),
                  new Query(PromQl.quantileSeconds(0.99, hop, target.rateWindow()), "p99")),
              sloLine));
    } else {
      missing.put(Role.HOP_LATENCY, "the hop latency panel");
    }
    // Decomposition: queue delay and service time.
    List<Query> parts = new ArrayList<>();
    if (recording.containsKey("hop:queue_delay_p95")) {
      parts.add(new Query("hop:queue_delay_p95", "queue delay p95"));
    } else {
      missing.put(Role.QUEUE_DELAY, "the queue-delay series, hop:queue_delay_p95 and its alert");
    }
    if (recording.containsKey("hop:service_time_p95")) {
      parts.add(new Query("hop:service_time_p95", "service time p95"));
    } else {
      missing.put(Role.SERVICE_TIME, "the service-time series and hop:service_time_p95");
    }
    if (recording.containsKey("hop:latency_budget_p95")) {
      parts.add(new Query("hop:latency_budget_p95", "queue + service p95"));
    }
    if (!parts.isEmpty()) {
      List<Threshold> lines = new ArrayList<>(sloLine);
      scaling.ifPresent(
          s ->
              lines.add(
                  new Threshold(
                      s.queueDelayAlertMs() / 1000,
                      "queue-delay alert " + PromQl.display(s.queueDelayAlertMs()) + " ms")));
      panels.add(
          new Panel(
              "Queue delay vs service time (p95)",
              "s",
              "Where the hop's time goes: waiting in the stream vs being worked on.",
              parts,
              lines));
    }
    // Queue depth and its derivative: the primary autoscaling signal.
    if (m.containsKey(Role.QUEUE_DEPTH)) {
      String d = depthSelector(catalog, m.get(Role.QUEUE_DEPTH), target);
      panels.add(
          new Panel(
              "Queue depth",
              "short",
              "Jobs waiting (the primary autoscaling signal); D is the backlog the queue budget"
                  + " allows at the knee load.",
              List.of(new Query("max(" + d + ")", "depth")),
              scaling
                  .map(s -> List.of(new Threshold(s.backlogDepth(), "D = " + s.backlogDepth())))
                  .orElse(List.of())));
      panels.add(
          new Panel(
              "Queue depth growth (d/dt)",
              "short",
              "Jobs per second the backlog grows (positive) or drains (negative), over 5 min.",
              List.of(new Query("max(deriv(" + d + "[5m]))", "d/dt depth")),
              List.of(new Threshold(0, "steady"))));
    } else {
      missing.put(Role.QUEUE_DEPTH, "the queue depth panels and the backlog alerts");
    }
    // Workers: CPU and busy ratio.
    List<Query> cpu = new ArrayList<>();
    if (m.containsKey(Role.WORKER_CPU)) {
      String c = m.get(Role.WORKER_CPU);
      String by = catalog.firstLabel(c, "job", "container", "pod").orElse(null);
      cpu.add(
          new Query(
              "sum"
                  + (by == null ? "" : " by (" + by + ")")
                  + " (rate("
                  + c
                  + "["
                  + target.rateWindow()
                  + "]))",
              by == null ? "CPU cores" : "{{" + by + "}}"));
    }
    if (m.containsKey(Role.WORKER_BUSY)) {
      cpu.add(new Query("avg(" + m.get(Role.WORKER_BUSY) + ")", "workers busy"));
    }
    need(missing, m, "the worker CPU panel", Role.WORKER_CPU, Role.WORKER_BUSY);
    if (!cpu.isEmpty()) {
      panels.add(
          new Panel(
              "Worker CPU and busy ratio",
              m.containsKey(Role.WORKER_CPU) ? "short" : "percentunit",
              "Secondary autoscaling signal; the playbook sizes workers for 70% utilisation.",
              cpu,
              m.containsKey(Role.WORKER_CPU)
                  ? List.of()
                  : scaling
                      .map(s -> List.of(new Threshold(s.cpuTarget(), "target utilisation")))
                      .orElse(List.of())));
    }
    if (m.containsKey(Role.MEMORY)) {
      String mem = m.get(Role.MEMORY);
      String by = catalog.firstLabel(mem, "job", "container", "pod").orElse(null);
      panels.add(
          new Panel(
              "Memory",
              "bytes",
              "Resident or working-set memory: a soak must keep it bounded.",
              List.of(
                  new Query(
                      "sum" + (by == null ? "" : " by (" + by + ")") + " (" + mem + ")",
                      by == null ? "memory" : "{{" + by + "}}")),
              List.of()));
    } else {
      missing.put(Role.MEMORY, "the memory panel");
    }
    // Valkey.
    List<Query> valkey = new ArrayList<>();
    if (m.containsKey(Role.VALKEY_OPS)) {
      valkey.add(
          new Query(
              "sum(rate(" + m.get(Role.VALKEY_OPS) + "[" + target.rateWindow() + "]))",
              "commands/s"));
    }
    if (m.containsKey(Role.VALKEY_CLIENTS)) {
      valkey.add(new Query("sum(" + m.get(Role.VALKEY_CLIENTS) + ")", "clients"));
    }
    if (m.containsKey(Role.VALKEY_BLOCKED)) {
      valkey.add(new Query("sum(" + m.get(Role.VALKEY_BLOCKED) + ")", "blocked clients"));
    }
    if (m.containsKey(Role.VALKEY_EVICTIONS)) {
      valkey.add(
          new Query(
              "sum(rate(" + m.get(Role.VALKEY_EVICTIONS) + "[" + target.rateWindow() + "]))",
              "evictions/s"));
    }
    need(
        missing,
        m,
        "the Valkey panel",
        Role.VALKEY_OPS,
        Role.VALKEY_CLIENTS,
        Role.VALKEY_BLOCKED,
        Role.VALKEY_EVICTIONS);
    if (!valkey.isEmpty()) {
      panels.add(
          new Panel(
              "Valkey: commands, clients, evictions",
              "short",
              "redis_exporter's view of the server the stream lives on.",
              valkey,
              List.of()));
    }
    if (m.containsKey(Role.VALKEY_MEMORY)) {
      panels.add(
          new Panel(
              "Valkey memory",
              "bytes",
              "Memory used by the server: a backlog lives here.",
              List.of(new Query("sum(" + m.get(Role.VALKEY_MEMORY) + ")", "used")),
              List.of()));
    } else {
      missing.put(Role.VALKEY_MEMORY, "the Valkey memory panel");
    }
    // Gateway HTTP.
    if (m.containsKey(Role.HTTP_REQUESTS)) {
      String h = m.get(Role.HTTP_REQUESTS);
      String code =
          catalog
              .firstLabel(h, "code", "status_code", "status", "http_response_status_code")
              .orElse(null);
      panels.add(
          new Panel(
              "Gateway requests by status",
              "reqps",
              "Backpressure shows here as 429s.",
              List.of(
                  new Query(
                      "sum"
                          + (code == null ? "" : " by (" + code + ")")
                          + " (rate("
                          + h
                          + "["
                          + target.rateWindow()
                          + "]))",
                      code == null ? "requests" : "{{" + code + "}}")),
              List.of()));
    } else {
      missing.put(Role.HTTP_REQUESTS, "the gateway status panel");
    }
    if (m.containsKey(Role.HTTP_DURATION)) {
      panels.add(
          new Panel(
              "Gateway request duration p95",
              "s",
              "The accept-and-enqueue time the client sees.",
              List.of(
                  new Query(
                      PromQl.quantileSeconds(0.95, m.get(Role.HTTP_DURATION), target.rateWindow()),
                      "p95")),
              List.of()));
    } else {
      missing.put(Role.HTTP_DURATION, "the gateway duration panel");
    }

    List<Alert> alerts = new ArrayList<>();
    if (scaling.isPresent()) {
      Autoscaling s = scaling.get();
      if (recording.containsKey("hop:queue_delay_p95")) {
        alerts.add(
            new Alert(
                "HopQueueDelayP95High",
                "warning",
                "hop:queue_delay_p95",
                ">",
                s.queueDelayAlertMs() / 1000,
                null,
                120,
                "p95 queue delay above " + PromQl.display(s.queueDelayAlertMs()) + " ms",
                s.queueDelayAlertBasis()));
      }
      if (recording.containsKey("hop:latency_budget_p95") && s.sloMs().isPresent()) {
        alerts.add(
            new Alert(
                "HopLatencyBudgetOverSlo",
                "critical",
                "hop:latency_budget_p95",
                ">",
                s.sloMs().getAsDouble() / 1000,
                null,
                300,
                "p95 queue delay + p95 service time above the SLO",
                "the p95 hop SLO of "
                    + PromQl.number(s.sloMs().getAsDouble())
                    + " ms (spec gates)"));
      }
      if (m.containsKey(Role.QUEUE_DEPTH)) {
        String d = depthSelector(catalog, m.get(Role.QUEUE_DEPTH), target);
        alerts.add(
            new Alert(
                "HopBacklogAboveD",
                "critical",
                "max(" + d + ")",
                ">",
                s.backlogDepth(),
                null,
                60,
                "more than D = " + s.backlogDepth() + " jobs waiting: shed load (HTTP 429)",
                s.backlogBasis()));
        alerts.add(
            new Alert(
                "HopQueueGrowing",
                "warning",
                "max(deriv(" + d + "[5m]))",
                ">",
                0,
                "max(" + d + ") > " + s.lagPerReplica(),
                GROWING_SECONDS,
                "the backlog has grown for "
                    + GROWING_SECONDS / 60
                    + " minutes with more than "
                    + s.lagPerReplica()
                    + " jobs waiting",
                "arrivals above the workers' capacity ("
                    + PromQl.display(s.capacityPerWorkerRps())
                    + " jobs/s per worker measured); ignored while no more than "
                    + s.lagPerReplica()
                    + " jobs wait (what one worker clears within the queue budget)"));
        long drain = Math.max(60, Math.round(s.drainBudgetSeconds()));
        alerts.add(
            new Alert(
                "HopBacklogNotDraining",
                "critical",
                "max(" + d + ")",
                ">",
                s.lagPerReplica(),
                null,
                drain,
                "more than "
                    + s.lagPerReplica()
                    + " jobs have waited for the whole drain budget of "
                    + drain
                    + " s",
                "backlog_must_drain_seconds = "
                    + drain
                    + " (spec gates); "
                    + s.lagPerReplica()
                    + " jobs is what one worker clears within the queue budget"));
      }
    }
    return new OpsPlan(
        run, scenario, kneeRps, scaling, catalog, target, panels, recording, alerts, missing);
  }

  private static void need(
      Map<Role, String> missing, Map<Role, String> m, String what, Role... any) {
    for (Role r : any) {
      if (m.containsKey(r)) {
        return;
      }
    }
    missing.put(any[0], what);
  }

  private static Optional<Double> boxed(java.util.OptionalDouble d) {
    return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
  }

  /**
   * The queue depth series of the jobs stream: a per-stream metric (redis_exporter's {@code stream}
   * and {@code group} labels) is narrowed to the jobs stream and the workers' group, so the done
   * stream, which only grows, is never read as a backlog.
   */
  static String depthSelector(MetricCatalog catalog, String metric, Target target) {
    List<String> matchers = new ArrayList<>();
    depthLabels(catalog, metric, target)
        .forEach((k, v) -> matchers.add(k + "=" + PromQl.string(v)));
    return matchers.isEmpty() ? metric : metric + "{" + String.join(",", matchers) + "}";
  }

  private static Map<String, String> depthLabels(
      MetricCatalog catalog, String metric, Target target) {
    Map<String, String> out = new LinkedHashMap<>();
    java.util.SortedSet<String> labels = catalog.labelsOf(metric);
    if (labels.contains("stream")) {
      out.put("stream", target.stream());
    }
    if (labels.contains("group")) {
      out.put("group", target.group());
    }
    return out;
  }

  /** The label matches {@link #depthSelector} adds, for an HPA's metric selector. */
  public Map<String, String> depthLabels() {
    return catalog
        .resolve(Role.QUEUE_DEPTH)
        .map(metric -> depthLabels(catalog, metric, target))
        .orElse(Map.of());
  }

  /**
   * The expression with every recording rule it uses replaced by the rule's own expression (in
   * parentheses): what a server that never evaluated the rules, e.g. over past data, can answer.
   */
  public String inline(String expr) {
    String out = expr;
    List<String> names = new ArrayList<>(recording.keySet());
    java.util.Collections.reverse(names); // later rules use earlier ones
    for (String name : names) {
      out =
          out.replaceAll(
              "(?<![A-Za-z0-9_:])" + java.util.regex.Pattern.quote(name) + "(?![A-Za-z0-9_:])",
              java.util.regex.Matcher.quoteReplacement("(" + recording.get(name) + ")"));
    }
    return out;
  }

  /** Every expression the bundle holds, by where it is: for checking against a server. */
  public Map<String, String> expressions() {
    Map<String, String> out = new LinkedHashMap<>();
    recording.forEach((k, v) -> out.put("rule " + k, v));
    for (Alert a : alerts) {
      out.put("alert " + a.name(), a.expr());
    }
    for (Panel p : panels) {
      for (Query q : p.queries()) {
        out.put("panel " + p.title() + " / " + q.legend(), q.expr());
      }
    }
    return out;
  }

  /** A lower-case, dash-separated name from the scenario (Kubernetes and Grafana ids). */
  public String slug() {
    return OpsYaml.slug(scenario, "hop", 40);
  }
}
