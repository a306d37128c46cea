package io.qingliu.tracing;

import java.util.Arrays;

/**
 * The wavelengths of an excitation-emission matrix: values are stored row-major, {@code v[i * em.length + j]} at
 * {@code ex[i]}, {@code em[j]}, as in {@link io.qingliu.model.Eem}.
 */
public final class EemGrid {

  /**
   * The canonical grid every spectrum is compared on: Ex 240–450 nm every 5 nm × Em 300–600 nm every 2 nm (43 × 151
   * = 6,493 cells). It spans what the tracing instruments in the benchmark share (drEEM Columbia River data, Aqualog);
   * finer steps add cells, not information: EEM peaks are tens of nm wide.
   */
  public static final EemGrid CANONICAL = regular(240, 450, 5, 300, 600, 2);

  private final float[] ex;
  private final float[] em;

  public EemGrid(float[] ex, float[] em) {
    if (ex.length < 2 || em.length < 2) {
      throw new IllegalArgumentException("a grid needs at least 2 wavelengths per axis");
    }
    rising(ex, "ex");
    rising(em, "em");
    this.ex = ex.clone();
    this.em = em.clone();
  }

  /** A grid with constant steps, both ends included. */
  public static EemGrid regular(double ex0, double ex1, double exStep, double em0, double em1, double emStep) {
    return new EemGrid(steps(ex0, ex1, exStep), steps(em0, em1, emStep));
  }

  private static float[] steps(double from, double to, double step) {
    int n = (int) Math.floor((to - from) / step + 1e-9) + 1;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (from + i * step);
    }
    return out;
  }

  private static void rising(float[] w, String axis) {
    for (int i = 1; i < w.length; i++) {
      if (!(w[i] > w[i - 1])) {
        throw new IllegalArgumentException(axis + " wavelengths must rise strictly, got " + w[i - 1] + " then " + w[i]);
      }
    }
  }

  public int exCount() {
    return ex.length;
  }

  public int emCount() {
    return em.length;
  }

  public int cells() {
    return ex.length * em.length;
  }

  public float ex(int i) {
    return ex[i];
  }

  public float em(int j) {
    return em[j];
  }

  /** A copy of the excitation wavelengths. */
  public float[] exWavelengths() {
    return ex.clone();
  }

  /** A copy of the emission wavelengths. */
  public float[] emWavelengths() {
    return em.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EemGrid g && Arrays.equals(ex, g.ex) && Arrays.equals(em, g.em);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(ex) + Arrays.hashCode(em);
  }

  @Override
  public String toString() {
    return "Ex " + ex[0] + "–" + ex[ex.length - 1] + " (" + ex.length + ") × Em " + em[0] + "–" + em[em.length - 1]
        + " (" + em.length + ")";
  }
}
