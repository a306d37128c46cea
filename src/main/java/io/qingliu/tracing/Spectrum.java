package io.qingliu.tracing;

import io.qingliu.model.Eem;

/**
 * An EEM on a known grid together with the record of what was done to it. Values are row-major ex × em, NaN where
 * missing. Immutable by convention: the array is never written after construction; steps return new spectra.
 */
public final class Spectrum {

  private final EemGrid grid;
  private final float[] values;
  private final Corrections corrections;
  private final String units;

  public Spectrum(EemGrid grid, float[] values, Corrections corrections, String units) {
    if (values.length != grid.cells()) {
      throw new IllegalArgumentException(values.length + " values for a grid of " + grid.cells() + " cells");
    }
    this.grid = grid;
    this.values = values;
    this.corrections = corrections;
    this.units = units == null ? "" : units;
  }

  /** The instrument's spectrum as received, on its own grid, nothing applied. */
  public static Spectrum of(Eem eem) {
    return new Spectrum(new EemGrid(eem.ex(), eem.em()), eem.intensity().clone(), Corrections.NONE, eem.units());
  }

  public EemGrid grid() {
    return grid;
  }

  public float at(int cell) {
    return values[cell];
  }

  public float at(int exIndex, int emIndex) {
    return values[exIndex * grid.emCount() + emIndex];
  }

  public boolean valid(int cell) {
    return !Float.isNaN(values[cell]);
  }

  /** A copy of the values. */
  public float[] values() {
    return values.clone();
  }

  /** The values themselves, for the steps of this package: never write to them. */
  float[] raw() {
    return values;
  }

  public Corrections corrections() {
    return corrections;
  }

  public String units() {
    return units;
  }

  public int validCells() {
    int n = 0;
    for (float v : values) {
      n += Float.isNaN(v) ? 0 : 1;
    }
    return n;
  }

  /** The same kind of spectrum with other values after {@code step}. */
  Spectrum next(EemGrid newGrid, float[] newValues, Correction step) {
    return new Spectrum(newGrid, newValues, corrections.with(step), units);
  }

  /** @throws IllegalArgumentException unless {@code other} is on the same grid, in the same units and state */
  public void requireComparable(Spectrum other, String what) {
    if (!grid.equals(other.grid)) {
      throw new IllegalArgumentException(what + " is on " + other.grid + ", expected " + grid);
    }
    if (!corrections.sameState(other.corrections)) {
      throw new IllegalArgumentException(what + " went through " + other.corrections + ", expected " + corrections
          + ": never compare EEMs in different states");
    }
    if (!units.equalsIgnoreCase(other.units)) {
      throw new IllegalArgumentException(what + " is in '" + other.units + "', expected '" + units + "'");
    }
  }
}
