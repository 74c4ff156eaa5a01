package io.hopscope.ingest.valkey;

import io.hopscope.ingest.jobs.DoneEntryParser;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Parses an XRANGE reply as it is decoded: entry id, then field/value pairs, straight from the
 * reply buffers into the {@link DoneEntryParser}, with no intermediate maps or strings.
 */
final class XRangeOutput extends CommandOutput<byte[], byte[], Page> {
  private final DoneEntryParser.Entry entry;
  private byte[] key = new byte[64];
  private int keyLength = -1;
  private String id;

  XRangeOutput(DoneEntryParser.Entry entry) {
    super(ByteArrayCodec.INSTANCE, new Page());
    this.entry = entry;
  }

  @Override
  public void set(ByteBuffer bytes) {
    if (id == null) {
      id = bytes == null ? "" : StandardCharsets.US_ASCII.decode(bytes.duplicate()).toString();
      return;
    }
    if (keyLength < 0) {
      int n = bytes == null ? 0 : bytes.remaining();
      if (n > key.length) {
        key = new byte[Math.max(n, key.length * 2)];
      }
      if (bytes != null) {
        bytes.duplicate().get(key, 0, n);
      }
      keyLength = n;
      return;
    }
    entry.field(key, keyLength, bytes);
    keyLength = -1;
  }

  @Override
  public void complete(int depth) {
    if (depth == 1 && id != null) {
      String run = !entry.taken() && output.wantsOtherRunName() ? entry.run() : null;
      DoneEntryParser.Outcome outcome = entry.finish(id, output);
      output.counted(id, outcome, run);
      id = null;
      keyLength = -1;
    }
  }
}
