package io.hopscope.reports.charts;

import java.awt.Color;

/**
 * The Okabe–Ito palette: eight colours that stay distinct for the common forms of colour blindness.
 */
public final class Palette {
  public static final int BLUE = 0;
  public static final int VERMILLION = 1;
  public static final int GREEN = 2;
  public static final int ORANGE = 3;
  public static final int SKY = 4;
  public static final int PURPLE = 5;
  public static final int YELLOW = 6;
  public static final int BLACK = 7;

  private static final Color[] COLORS = {
    new Color(0x0072B2),
    new Color(0xD55E00),
    new Color(0x009E73),
    new Color(0xE69F00),
    new Color(0x56B4E9),
    new Color(0xCC79A7),
    new Color(0xF0E442),
    new Color(0x000000),
  };

  private Palette() {}

  public static Color color(int index) {
    return COLORS[Math.floorMod(index, COLORS.length)];
  }

  /** The colour with an alpha, for shaded bands. */
  public static Color translucent(int index, int alpha) {
    Color c = color(index);
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** The colour as CSS hex. */
  public static String css(int index) {
    Color c = color(index);
    return String.format(
        java.util.Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
