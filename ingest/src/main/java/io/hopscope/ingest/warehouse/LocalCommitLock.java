package io.hopscope.ingest.warehouse;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.iceberg.LockManager;

/**
 * Serializes Iceberg commits to a table on a local file system across processes.
 *
 * <p>Iceberg's file-system catalog commits a table by renaming a new {@code vN.metadata.json} into
 * place after checking that no {@code vN} exists. HDFS refuses a rename onto an existing file, so
 * there the check is atomic; a local file system replaces the target, so two processes that pass
 * the check together would both "commit" and one commit would be lost. This lock makes check and
 * rename one step: an OS file lock on {@code metadata/.hopscope-commit.lock} (held across
 * processes) plus a JVM lock (OS file locks are per process). Other schemes need no lock here
 * (HDFS) or cannot be made safe by one (object stores: use a catalog with atomic swaps, see
 * README).
 *
 * <p>Plugged in with Iceberg's {@code lock-impl} catalog property.
 */
public final class LocalCommitLock implements LockManager {
  static final String LOCK_FILE = ".hopscope-commit.lock";
  private static final long TIMEOUT_MS = TimeUnit.MINUTES.toMillis(2);
  private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

  private final Map<String, Held> held = new ConcurrentHashMap<>();

  private record Held(ReentrantLock jvm, FileChannel channel, FileLock lock) {}

  @Override
  public boolean acquire(String entityId, String ownerId) {
    Path lockFile = lockFile(entityId);
    if (lockFile == null) {
      return true;
    }
    ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
    try {
      if (!jvm.tryLock(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      while ((lock = channel.tryLock()) == null) {
        if (System.nanoTime() > deadline) {
          channel.close();
          jvm.unlock();
          return false;
        }
        Thread.sleep(5);
      }
      held.put(key(entityId, ownerId), new Held(jvm, channel, lock));
      return true;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      jvm.unlock();
      return false;
    } catch (InterruptedException e) {
      closeQuietly(channel);
      jvm.unlock();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean release(String entityId, String ownerId) {
    Held h = held.remove(key(entityId, ownerId));
    if (h == null) {
      return lockFile(entityId) == null;
    }
    try {
      h.lock().release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    closeQuietly(h.channel());
    h.jvm().unlock();
    return true;
  }

  @Override
  public void initialize(Map<String, String> properties) {}

  @Override
  public void close() {
    for (String k : held.keySet()) {
      Held h = held.remove(k);
      if (h != null) {
        closeQuietly(h.channel());
      }
    }
  }

  private static String key(String entityId, String ownerId) {
    return entityId + '\n' + ownerId;
  }

  /** The lock file beside a local metadata file; null for other file systems. */
  static Path lockFile(String entityId) {
    URI uri;
    try {
      uri = new org.apache.hadoop.fs.Path(entityId).toUri();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
      return null;
    }
    Path metadataFile = Path.of(uri.getPath());
    Path dir = metadataFile.getParent();
    return dir == null ? null : dir.resolve(LOCK_FILE);
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // Nothing more to release.
      }
    }
  }
}
