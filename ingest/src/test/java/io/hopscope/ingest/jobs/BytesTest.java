package io.hopscope.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BytesTest {
  private static double fast(String s) {
    byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.US_ASCII);
    return Bytes.parseSimpleDecimal(b, 2, b.length - 2);
  }

  /** Every plain decimal of up to 15 significant digits reads exactly as parseDouble reads it. */
  @Property(tries = 20_000)
  void plainDecimalsReadExactlyAsParseDouble(
      @ForAll @LongRange(min = -999_999_999_999_999L, max = 999_999_999_999_999L) long unscaled,
      @ForAll @IntRange(min = 0, max = 22) int scale) {
    String text = BigDecimal.valueOf(unscaled, scale).toPlainString();
    double v = fast(text);
    assertThat(v).as(text).isNotNaN();
    assertThat(Double.doubleToRawLongBits(v))
        .as(text)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  /** Whatever the text, the fast path either declines (NaN) or agrees with parseDouble. */
  @Property(tries = 20_000)
  void anyTextIsDeclinedOrReadAsParseDouble(
      @ForAll @Chars({'0', '1', '5', '9', '.', '-', '+', 'e', ' '}) @StringLength(max = 24)
          String text) {
    double v = fast(text);
    if (!Double.isNaN(v)) {
      assertThat(Double.doubleToRawLongBits(v))
          .as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void declinesWhatItCannotReadExactly() {
    for (String s :
        new String[] {
          "",
          "-",
          ".",
          "-.",
          "1e3",
          " 1",
          "1 ",
          "1.2.3",
          "1234567890123456",
          "NaN",
          "0x1p3",
          "0." + "0".repeat(22) + "1"
        }) {
      assertThat(fast(s)).as(s).isNaN();
    }
    assertThat(fast("8.549")).isEqualTo(8.549);
    assertThat(fast("000000000000000000012.5")).isEqualTo(12.5);
    assertThat(fast("1.")).isEqualTo(1.0);
    assertThat(fast(".5")).isEqualTo(0.5);
    assertThat(Double.doubleToRawLongBits(fast("-0.0")))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
  }

  private static boolean decodes(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(b));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** Any bytes: the UTF-8 check agrees with the JDK's strict decoder. */
  @Property(tries = 50_000)
  void utf8CheckAgreesWithTheJdksStrictDecoder(
      @ForAll @net.jqwik.api.constraints.Size(max = 12) byte[] bytes) {
    byte[] padded = new byte[bytes.length + 4];
    System.arraycopy(bytes, 0, padded, 2, bytes.length);
    assertThat(Bytes.validUtf8(padded, 2, 2 + bytes.length))
        .as(java.util.HexFormat.of().formatHex(bytes))
        .isEqualTo(decodes(bytes));
  }

  /** Any text's UTF-8 encoding is valid; cut inside a character, it is not. */
  @Property(tries = 5_000)
  void encodedTextIsValidAndCutTextIsNot(@ForAll @StringLength(max = 20) String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    assertThat(Bytes.validUtf8(b, 0, b.length)).isEqualTo(decodes(b));
    if (b.length > 0 && b[b.length - 1] < 0) {
      assertThat(Bytes.validUtf8(b, 0, b.length - 1)).isFalse();
    }
  }

  @Test
  void utf8EdgeCases() {
    assertThat(Bytes.validUtf8(new byte[] {(byte) 0xc0, (byte) 0x80}, 0, 2)).isFalse(); // overlong
    assertThat(Bytes.validUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 3))
        .isFalse(); // surrogate
    assertThat(
            Bytes.validUtf8(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4))
        .isFalse(); // above U+10FFFF
    assertThat(Bytes.validUtf8("ü€𝄞".getBytes(StandardCharsets.UTF_8), 0, 9)).isTrue();
  }
}
