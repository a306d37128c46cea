package io.qingliu.tracing;

/**
 * Sets saturated cells to missing: instruments write an overflow marker instead of a value (the Hitachi F-7000 writes
 * 9999.9), and such a cell would dominate any fit. Non-finite values are treated the same way.
 */
public final class SaturationMask {

  /** Values at or above this are overflow markers, not intensities (R.U. of natural waters stay below ~100). */
  public static final float DEFAULT_THRESHOLD = 9999f;

  private final float threshold;

  public SaturationMask() {
    this(DEFAULT_THRESHOLD);
  }

  public SaturationMask(float threshold) {
    this.threshold = threshold;
  }

  public Spectrum apply(Spectrum in) {
    float[] v = in.values();
    for (int c = 0; c < v.length; c++) {
      if (!Float.isFinite(v[c]) || v[c] >= threshold) {
        v[c] = Float.NaN;
      }
    }
    return in.next(in.grid(), v, Correction.SATURATION_MASKED);
  }
}
