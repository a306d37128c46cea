package io.qingliu.tracing;

import java.util.EnumSet;
import java.util.Set;

/**
 * What was applied to a spectrum, as flags (the eemR convention: {@code is_blank_corrected}, …). Immutable; applying a
 * step twice is refused, and spectra are only compared when their records are equal.
 */
public final class Corrections {

  public static final Corrections NONE = new Corrections(EnumSet.noneOf(Correction.class));

  private final EnumSet<Correction> applied;

  private Corrections(EnumSet<Correction> applied) {
    this.applied = applied;
  }

  public static Corrections of(Correction... steps) {
    Corrections c = NONE;
    for (Correction s : steps) {
      c = c.with(s);
    }
    return c;
  }

  public boolean has(Correction step) {
    return applied.contains(step);
  }

  /** This record plus {@code step}. @throws IllegalStateException if {@code step} was already applied */
  public Corrections with(Correction step) {
    if (applied.contains(step)) {
      throw new IllegalStateException(step + " was already applied to this spectrum; applying it twice would "
          + "correct it twice");
    }
    EnumSet<Correction> next = EnumSet.noneOf(Correction.class);
    next.addAll(applied);
    next.add(step);
    return new Corrections(next);
  }

  /** @throws IllegalStateException unless {@code step} was applied */
  public void require(Correction step, String why) {
    if (!applied.contains(step)) {
      throw new IllegalStateException(why + ": needs " + step + ", the spectrum has " + applied);
    }
  }

  /** @throws IllegalStateException if {@code step} was applied */
  public void forbid(Correction step, String why) {
    if (applied.contains(step)) {
      throw new IllegalStateException(why + ": the spectrum is already " + step);
    }
  }

  /**
   * Whether two spectra are in the same state for comparison: every step but {@link Correction#GAPS_FILLED} must
   * agree. Library references have their scatter gaps filled so that they cover every cell a station measures; the
   * filled values are only ever compared where the sample itself has a measurement.
   */
  public boolean sameState(Corrections other) {
    EnumSet<Correction> a = EnumSet.noneOf(Correction.class);
    a.addAll(applied);
    a.remove(Correction.GAPS_FILLED);
    EnumSet<Correction> b = EnumSet.noneOf(Correction.class);
    b.addAll(other.applied);
    b.remove(Correction.GAPS_FILLED);
    return a.equals(b);
  }

  public Set<Correction> steps() {
    EnumSet<Correction> copy = EnumSet.noneOf(Correction.class);
    copy.addAll(applied);
    return copy;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Corrections c && c.applied.equals(applied);
  }

  @Override
  public int hashCode() {
    return applied.hashCode();
  }

  @Override
  public String toString() {
    return applied.toString();
  }
}
