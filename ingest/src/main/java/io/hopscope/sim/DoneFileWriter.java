package io.hopscope.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hopscope.error.Problems;
import io.hopscope.ingest.donefile.DoneFileReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a simulated run as a done-stream export (the format {@link DoneFileReader} reads), gzip
 * when the name ends in {@code .gz}. The header line labels the data as synthetic.
 */
public final class DoneFileWriter {
  private DoneFileWriter() {}

  public static void write(SimRun run, Path file) {
    SimConfig c = run.config();
    String[] ids = run.streamIds();
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        OutputStream out =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPOutputStream(raw, 1 << 16)
                : raw;
        JsonGenerator g =
            new JsonFactory()
                .createGenerator(out)
                .setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"))) {
      g.writeStartObject();
      g.writeStringField(DoneFileReader.HEADER_KEY, "done-stream");
      g.writeBooleanField("synthetic", true);
      g.writeStringField("generator", "hopscope simulate");
      g.writeStringField("run", c.runId());
      g.writeNumberField("seed", c.seed());
      g.writeNumberField("workers", c.workers());
      g.writeStringField("service_kind", c.service().kind());
      g.writeNumberField("service_mean_ms", c.service().meanMs());
      g.writeNumberField("service_cv", c.service().cv());
      g.writeNumberField("dispatch_ms", c.dispatchMs());
      g.writeEndObject();
      for (int i = 0; i < run.size(); i++) {
        g.writeStartObject();
        g.writeStringField("id", ids[i]);
        g.writeObjectFieldStart("fields");
        g.writeStringField("run", c.runId());
        g.writeStringField("corr", run.corrId(i));
        g.writeStringField("entry", run.jobEntryId(i));
        g.writeStringField("enq_ns", Long.toString(run.enqNs(i)));
        g.writeStringField("claim_ns", Long.toString(run.claimNs(i)));
        g.writeStringField("done_ns", Long.toString(run.doneNs(i)));
        g.writeStringField("work_ms", Double.toString(run.workMs(i)));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeRaw('\n');
    } catch (IOException e) {
      throw Problems.storage(file, "cannot write done-stream export", e);
    }
  }
}
