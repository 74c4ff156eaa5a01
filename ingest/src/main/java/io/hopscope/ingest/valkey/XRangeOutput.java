package io.hopscope.ingest.valkey;

import io.hopscope.ingest.jobs.DoneEntryParser;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;

/**
 * Parses an XRANGE reply as it is decoded: entry id, then field/value pairs, straight from the
 * reply buffers into the {@link DoneEntryParser} and the page's column batch, with no intermediate
 * maps or strings.
 */
final class XRangeOutput extends CommandOutput<byte[], byte[], Page> {
  private final DoneEntryParser.Entry entry;
  private byte[] id = new byte[32];
  private int idLength = -1;
  private byte[] key = new byte[64];
  private int keyLength = -1;

  XRangeOutput(DoneEntryParser.Entry entry, Page page) {
    super(ByteArrayCodec.INSTANCE, page);
    // A reply cut off by a dropped connection leaves half an entry behind; the retry starts clean.
    entry.discard();
    this.entry = entry;
  }

  @Override
  public void set(ByteBuffer bytes) {
    int n = bytes == null ? 0 : bytes.remaining();
    if (idLength < 0) {
      if (n > id.length) {
        id = new byte[n * 2];
      }
      if (bytes != null) {
        bytes.get(bytes.position(), id, 0, n);
      }
      idLength = n;
      return;
    }
    if (keyLength < 0) {
      if (n > key.length) {
        key = new byte[n * 2];
      }
      if (bytes != null) {
        bytes.get(bytes.position(), key, 0, n);
      }
      keyLength = n;
      return;
    }
    entry.field(key, keyLength, bytes);
    keyLength = -1;
  }

  @Override
  public void complete(int depth) {
    if (depth == 1 && idLength >= 0) {
      String run = !entry.taken() && output.wantsOtherRunName() ? entry.run() : null;
      DoneEntryParser.Outcome outcome = entry.finish(id, idLength, output.batch, output);
      output.counted(id, idLength, outcome, run);
      idLength = -1;
      keyLength = -1;
    }
  }
}
