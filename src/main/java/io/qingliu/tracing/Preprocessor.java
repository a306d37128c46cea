package io.qingliu.tracing;

import io.qingliu.model.Eem;
import java.util.Locale;
import java.util.Set;

/**
 * The preprocessing every spectrum goes through before it is compared, in the order of docs/domain.md §3 for what the
 * server can still do (spectral, blank, inner-filter and Raman corrections are the instrument software's; spectra
 * arrive in R.U.): mask saturation → (references only) fill scatter gaps → resample onto the canonical grid → mask
 * scatter. Each step records itself in {@link Corrections}; preprocessing a spectrum twice is refused.
 */
public final class Preprocessor {

  /** Units the tracing compares; spectra in other units would need a Raman normalisation first. */
  public static final Set<String> ACCEPTED_UNITS = Set.of("ru", "r.u.", "raman units");

  private final SaturationMask saturation;
  private final GapFiller gaps = new GapFiller();
  private final Resampler resampler;
  private final ScatterMask scatter;

  public Preprocessor() {
    this(EemGrid.CANONICAL, new SaturationMask(), new ScatterMask());
  }

  public Preprocessor(EemGrid canonical, SaturationMask saturation, ScatterMask scatter) {
    this.saturation = saturation;
    this.resampler = new Resampler(canonical);
    this.scatter = scatter;
  }

  public EemGrid grid() {
    return resampler.target();
  }

  public ScatterMask scatter() {
    return scatter;
  }

  /** A station sample or baseline spectrum: its gaps stay gaps. */
  public Spectrum sample(Eem eem) {
    return sample(Spectrum.of(checkUnits(eem)));
  }

  public Spectrum sample(Spectrum raw) {
    return scatter.apply(resampler.apply(saturation.apply(raw)));
  }

  /** A library reference: scatter gaps are filled on its own grid before resampling. */
  public Spectrum reference(Eem eem) {
    return reference(Spectrum.of(checkUnits(eem)));
  }

  public Spectrum reference(Spectrum raw) {
    return scatter.apply(resampler.apply(gaps.apply(saturation.apply(raw))));
  }

  private static Eem checkUnits(Eem eem) {
    String u = eem.units() == null ? "ru" : eem.units().toLowerCase(Locale.ROOT).trim();
    if (!ACCEPTED_UNITS.contains(u)) {
      throw new IllegalArgumentException("spectrum in '" + eem.units() + "': tracing compares Raman units (R.U.)");
    }
    return eem;
  }
}
