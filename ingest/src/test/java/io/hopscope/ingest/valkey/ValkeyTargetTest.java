package io.hopscope.ingest.valkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.HopscopeException;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

/** Credentials never reach a message, a manifest or a report, whatever URI form carries them. */
class ValkeyTargetTest {
  private static final String SECRET = "S3cretPW";

  /** Every form Lettuce takes a password in, with the password Lettuce reads from it. */
  private static final String[] FORMS = {
    "redis://S3cretPW@127.0.0.1:6379",
    "redis://S3cretPW@127.0.0.1:6379/2",
    "redis://:S3cretPW@127.0.0.1:6379",
    "redis://default:S3cretPW@127.0.0.1:6379/0",
    "rediss://S3cretPW@cache.example.com:6380",
    "rediss://app:S3cretPW@cache.example.com:6380/1?verifyPeer=NONE",
    "redis://S3cretPW@[::1]:6379",
    "redis-sentinel://S3cretPW@10.0.0.1:26379,10.0.0.2:26379/0#mymaster",
    "redis-sentinel://app:S3cretPW@10.0.0.1:26379#mymaster",
    "redis-socket://S3cretPW@/var/run/redis.sock",
  };

  @Test
  void lettuceReadsThePasswordFromEveryForm() {
    for (String f : FORMS) {
      RedisURI u = RedisURI.create(f);
      char[] password = u.getCredentialsProvider().resolveCredentials().block().getPassword();
      assertThat(password).as(f).isNotNull();
      assertThat(new String(password)).as(f).isEqualTo(SECRET);
    }
  }

  @Test
  void theOneRedactionHidesThePasswordInEveryFormAndKeepsTheRest() {
    for (String f : FORMS) {
      String r = ValkeyTarget.redacted(f);
      assertThat(r).as(f).doesNotContain(SECRET).contains("***@");
      assertThat(r.substring(r.indexOf("***@") + 4))
          .as(f)
          .isEqualTo(f.substring(f.lastIndexOf('@') + 1));
    }
    assertThat(ValkeyTarget.redacted("redis://default:S3cretPW@h:1/0"))
        .isEqualTo("redis://default:***@h:1/0");
    assertThat(ValkeyTarget.redacted("redis://S3cretPW@h:1")).isEqualTo("redis://***@h:1");
    assertThat(ValkeyTarget.redacted("redis://u:pa/ss@h:1")).isEqualTo("redis://u:***@h:1");
    assertThat(ValkeyTarget.redacted("redis://h:1/0?password=S3cretPW&timeout=5s"))
        .isEqualTo("redis://h:1/0?password=***&timeout=5s");
    assertThat(ValkeyTarget.redacted("redis://127.0.0.1:6379/0"))
        .isEqualTo("redis://127.0.0.1:6379/0");
    assertThat(ValkeyTarget.redacted("S3cretPW@host")).isEqualTo("***");
  }

  @Test
  void aTargetShowsItselfRedacted() {
    ValkeyTarget t = ValkeyTarget.parse("redis://S3cretPW@127.0.0.1:6379");
    assertThat(t.display()).isEqualTo("redis://***@127.0.0.1:6379");
    assertThat(t.toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> ValkeyTarget.parse("redis-sentinel://S3cretPW@h:1#m"))
        .isInstanceOf(HopscopeException.class)
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> ValkeyTarget.parse("redis://S3cretPW@h:1/a b"))
        .isInstanceOf(HopscopeException.class)
        .hasMessageNotContaining(SECRET);
  }
}
