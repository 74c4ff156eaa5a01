package io.hopscope.ingest.valkey;

import io.hopscope.error.HopscopeException;
import io.hopscope.error.Problems;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.util.function.Supplier;

/** Runs Valkey calls and turns Lettuce's failures into user-facing errors (exit code 3). */
final class Valkey {
  private Valkey() {}

  static <T> T call(ValkeyTarget target, Supplier<T> call) {
    try {
      return call.get();
    } catch (HopscopeException e) {
      throw e;
    } catch (RedisException e) {
      throw Problems.valkey(target.display(), describe(e), e);
    }
  }

  static String describe(RuntimeException e) {
    if (e instanceof RedisConnectionException) {
      return "cannot connect (" + root(e) + ")";
    }
    if (e instanceof RedisCommandExecutionException) {
      return "command failed: " + e.getMessage();
    }
    return root(e);
  }

  private static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
