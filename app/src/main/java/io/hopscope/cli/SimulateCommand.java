package io.hopscope.cli;

import io.hopscope.error.Problems;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.valkey.ValkeyTarget;
import io.hopscope.sim.DoneFileWriter;
import io.hopscope.sim.K6FileWriter;
import io.hopscope.sim.PromExportWriter;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import io.hopscope.sim.ValkeyLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "simulate",
    description = {
      "Simulate a run of the pipeline (seeded open-loop arrivals following the spec's stages, one"
          + " FIFO queue, N workers) and write it as a done-stream export and/or load it into a"
          + " live Valkey. The output is labelled synthetic."
    })
final class SimulateCommand implements Callable<Integer> {
  /** 2026-01-01T00:00:00Z: a fixed default t0 keeps simulated runs reproducible. */
  static final long DEFAULT_T0_NS = 1_767_225_600_000_000_000L;

  @ParentCommand HopscopeCommand root;

  @Option(names = "--run-id", paramLabel = "ID", required = true, description = "Run id.")
  String runId;

  @Option(names = "--spec", paramLabel = "FILE", required = true, description = "Run spec YAML.")
  Path spec;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Workers (default: the spec's environment.workers).")
  Integer workers;

  @Option(
      names = "--service-ms",
      paramLabel = "MS",
      defaultValue = "10",
      description = "Mean service time (default: ${DEFAULT-VALUE}).")
  double serviceMs;

  @Option(
      names = "--service-cv",
      paramLabel = "CV",
      defaultValue = "0.5",
      description = "Coefficient of variation of service times (default: ${DEFAULT-VALUE}).")
  double serviceCv;

  @Option(
      names = "--service-kind",
      paramLabel = "KIND",
      defaultValue = "lognormal",
      description = "lognormal, exponential or constant (default: ${DEFAULT-VALUE}).")
  String serviceKind;

  @Option(
      names = "--dispatch-ms",
      paramLabel = "MS",
      defaultValue = "0.3",
      description = "Enqueue-to-claim delay of an idle worker (default: ${DEFAULT-VALUE}).")
  double dispatchMs;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--t0-ns",
      paramLabel = "NS",
      description =
          "Start of the warm-up, epoch ns (default: the spec's start_ns, else 2026-01-01T00:00Z).")
  Long t0Ns;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write a done-stream export (.gz to compress).")
  Path out;

  @Option(
      names = "--k6-out",
      paramLabel = "FILE",
      description =
          "Also write the run as k6 --out json would have recorded it against a synchronous"
              + " endpoint (.gz to compress).")
  Path k6Out;

  @Option(
      names = "--timeout-ms",
      paramLabel = "MS",
      defaultValue = "10000",
      description = "For --k6-out: requests slower than this fail (default: ${DEFAULT-VALUE}).")
  double timeoutMs;

  @Option(
      names = "--prom-out",
      paramLabel = "DIR",
      description =
          "Also write what Prometheus would have scraped (queue depth, worker busy ratio, jobs"
              + " counter, service-time histogram) as query_range responses + manifest.json.")
  Path promOut;

  @Option(
      names = "--prom-openmetrics",
      paramLabel = "FILE",
      description =
          "Also write the same scrapes as OpenMetrics text, for `promtool tsdb"
              + " create-blocks-from openmetrics FILE DIR`: a real Prometheus started on DIR"
              + " then serves the run (--prom-url, `hopscope ops` checks).")
  Path promOpenMetrics;

  @Option(
      names = "--valkey",
      paramLabel = "URI",
      description = "Append the run to this server's done stream.")
  String valkey;

  @Option(
      names = "--valkey-ca",
      paramLabel = "FILE",
      description = "CA certificates (PEM) to check a rediss:// server's certificate with.")
  Path valkeyCa;

  @Option(
      names = "--stream",
      paramLabel = "KEY",
      defaultValue = IngestRequest.DEFAULT_STREAM,
      description = "Done-stream key (default: ${DEFAULT-VALUE}).")
  String stream;

  @Override
  public Integer call() {
    if (out == null
        && valkey == null
        && k6Out == null
        && promOut == null
        && promOpenMetrics == null) {
      throw Problems.usage(
          "simulate needs somewhere to put the run",
          "give --out FILE, --k6-out FILE and/or --valkey URI");
    }
    RunId run = new RunId(runId);
    RunSpec s = RunSpecReader.read(spec);
    int n = workers != null ? workers : s.workers().orElse(1);
    ServiceTimes service;
    try {
      service = new ServiceTimes(serviceKind, serviceMs, serviceCv);
    } catch (IllegalArgumentException e) {
      throw Problems.usage("bad service-time options: " + e.getMessage(), "see simulate --help");
    }
    long t0 = t0Ns != null ? t0Ns : s.startNs().orElse(DEFAULT_T0_NS);
    SimConfig config =
        new SimConfig(run.value(), seed, t0, s.warmupSeconds(), s.stages(), n, service, dispatchMs);
    SimRun sim = Simulator.run(config);
    if (out != null) {
      DoneFileWriter.write(sim, out);
      root.env().err().println("wrote " + sim.size() + " simulated jobs to " + out);
    }
    if (promOut != null) {
      PromExportWriter.write(sim, promOut);
      root.env().err().println("wrote a simulated Prometheus export to " + promOut);
    }
    if (promOpenMetrics != null) {
      PromExportWriter.writeOpenMetrics(sim, promOpenMetrics);
      root.env().err().println("wrote the simulated scrapes as OpenMetrics to " + promOpenMetrics);
    }
    if (k6Out != null) {
      K6FileWriter.write(sim, k6Out, s.scenarioName(), "http://gateway.test/hop", timeoutMs);
      root.env().err().println("wrote " + sim.size() + " simulated k6 requests to " + k6Out);
    }
    if (valkey != null) {
      ValkeyTarget target = ValkeyTarget.parse(valkey);
      if (valkeyCa != null) {
        target = target.withCa(valkeyCa);
      }
      ValkeyLoader.load(sim, target, stream);
      root.env()
          .err()
          .println("added " + sim.size() + " simulated jobs to " + target + " " + stream);
    }
    return 0;
  }
}
