package io.qingliu.tracing;

/** One preprocessing step a spectrum went through; each may be applied once (docs/domain.md §3). */
public enum Correction {
  /** Saturated cells (instrument overflow markers such as the Hitachi F-7000's 9999.9) set to missing. */
  SATURATION_MASKED,
  /** Interior gaps (scatter cuts) filled by linear interpolation along emission, then excitation. */
  GAPS_FILLED,
  /** Brought onto another grid by bilinear interpolation. */
  RESAMPLED,
  /** Rayleigh and Raman scatter bands (first and second order) and the region below the Rayleigh line set missing. */
  SCATTER_MASKED,
  /** Divided by its Euclidean norm over the valid cells (shape only, for display and cosine similarity). */
  NORMALISED
}
