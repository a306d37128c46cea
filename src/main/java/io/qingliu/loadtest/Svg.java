package io.qingliu.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Line charts as inline SVG: no script, no external file, readable in any browser and in a mail. */
final class Svg {

  /** One line: its name, colour and points. */
  record Series(String name, String color, double[] x, double[] y) {}

  /** A tick on the x axis at {@code value}, labelled {@code label}. */
  record Tick(double value, String label) {}

  private static final int W = 860;
  private static final int H = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 36;
  private static final int BOTTOM = 50;

  private Svg() {}

  static String chart(String title, String xLabel, String yLabel, List<Series> series, List<Tick> xTicks,
      DoubleFunction<String> yFormat) {
    double xMin = Double.MAX_VALUE;
    double xMax = -Double.MAX_VALUE;
    double yMax = 0;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        xMin = Math.min(xMin, s.x()[i]);
        xMax = Math.max(xMax, s.x()[i]);
        yMax = Math.max(yMax, s.y()[i]);
      }
    }
    for (Tick t : xTicks) {
      xMin = Math.min(xMin, t.value());
      xMax = Math.max(xMax, t.value());
    }
    if (xMin >= xMax) {
      xMax = xMin + 1;
    }
    double yTop = niceCeiling(yMax <= 0 ? 1 : yMax * 1.05);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
        + " height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
        LEFT, esc(title)));
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;
    b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" "
        + "stroke=\"#999\"/>%n", LEFT, TOP, plotW, plotH));
    for (int i = 0; i <= 5; i++) {
      double v = yTop * i / 5;
      double y = TOP + plotH - plotH * i / 5.0;
      b.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, LEFT + plotW, y, y, LEFT - 6, y + 4,
          esc(yFormat.apply(v))));
    }
    for (Tick t : xTicks) {
      double x = LEFT + plotW * (t.value() - xMin) / (xMax - xMin);
      b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
          + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, x, TOP, TOP + plotH, x,
          TOP + plotH + 16, esc(t.label())));
    }
    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
        LEFT + plotW / 2, H - 10, esc(xLabel)));
    b.append(String.format(Locale.ROOT, "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">"
        + "%s</text>%n", TOP + plotH / 2, TOP + plotH / 2, esc(yLabel)));
    int legendX = LEFT + 10;
    for (Series s : series) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < s.x().length; i++) {
        double x = LEFT + plotW * (s.x()[i] - xMin) / (xMax - xMin);
        double y = TOP + plotH - plotH * Math.min(1, s.y()[i] / yTop);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
          s.color(), points.toString().trim()));
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"4\" fill=\"%s\"/>"
          + "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX, TOP + 10, s.color(), legendX + 18, TOP + 15,
          esc(s.name())));
      legendX += 30 + 7 * s.name().length();
    }
    b.append("</svg>\n");
    return b.toString();
  }

  /** An axis label: no more digits than the scale needs. */
  static String number(double v) {
    double a = Math.abs(v);
    return a == 0 ? "0" : a >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : a >= 1
        ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
  }

  /** 1, 2, 5 × 10^k at or above {@code v}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** Percentile ticks for an x axis of {@code log10(1 / (1 - p))}: 0 %, 90 %, 99 %, … */
  static List<Tick> percentileTicks(int nines) {
    List<Tick> ticks = new ArrayList<>();
    ticks.add(new Tick(0, "0%"));
    String[] labels = {"90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"};
    for (int i = 1; i <= nines && i <= labels.length; i++) {
      ticks.add(new Tick(i, labels[i - 1]));
    }
    return ticks;
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
