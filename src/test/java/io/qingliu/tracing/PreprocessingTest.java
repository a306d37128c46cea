package io.qingliu.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qingliu.model.Eem;
import org.junit.jupiter.api.Test;

/** Each preprocessing step on real spectra from the shared benchmark. */
class PreprocessingTest {

  private static final Spectrum RIVER = TestSpectra.raw(TestSpectra.RIVER[0]);

  @Test
  void saturationMarkersBecomeMissingAndTheStepIsRecordedOnce() {
    float[] v = RIVER.values();
    int hit = 5 * RIVER.grid().emCount() + 40;
    v[hit] = 9999.9f;
    Spectrum in = new Spectrum(RIVER.grid(), v, Corrections.NONE, "RU");

    Spectrum out = new SaturationMask().apply(in);

    assertThat(out.at(hit)).isNaN();
    assertThat(out.at(hit + 1)).isEqualTo(in.at(hit + 1));
    assertThat(out.validCells()).isEqualTo(in.validCells() - 1);
    assertThat(out.corrections().has(Correction.SATURATION_MASKED)).isTrue();
    assertThatThrownBy(() -> new SaturationMask().apply(out)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already applied");
  }

  @Test
  void resamplingKeepsGridPointsAndInterpolatesBetweenThem() {
    // S1 river: Ex every 10 nm; canonical: every 5 nm
    Spectrum out = new Resampler(EemGrid.CANONICAL).apply(RIVER);
    EemGrid g = out.grid();
    int em = index(g.emWavelengths(), 450);
    int ex250 = index(g.exWavelengths(), 250);
    int ex255 = index(g.exWavelengths(), 255);
    int srcEm = index(RIVER.grid().emWavelengths(), 450);
    float a = RIVER.at(1, srcEm); // Ex 250
    float b = RIVER.at(2, srcEm); // Ex 260
    assertThat(out.at(ex250, em)).isCloseTo(a, within(1e-6f));
    assertThat(out.at(ex255, em)).isCloseTo((a + b) / 2, within(1e-6f));
    assertThat(out.corrections().has(Correction.RESAMPLED)).isTrue();
    assertThatThrownBy(() -> new Resampler(EemGrid.CANONICAL).apply(out)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resamplingAlongEmissionOfAnotherInstrument() {
    // staRdom PortSurvey grid: Em every 4 nm from 290; canonical Em 300 lies halfway between 298 and 302
    Spectrum bay = TestSpectra.raw(TestSpectra.E04[0]);
    Spectrum out = new Resampler(EemGrid.CANONICAL).apply(bay);
    int exSrc = index(bay.grid().exWavelengths(), 300);
    int em298 = index(bay.grid().emWavelengths(), 298);
    int ex = index(EemGrid.CANONICAL.exWavelengths(), 300);
    int em = index(EemGrid.CANONICAL.emWavelengths(), 400);
    int emSrc = index(bay.grid().emWavelengths(), 398);
    float expected = (bay.at(exSrc, emSrc) + bay.at(exSrc, emSrc + 1)) / 2;
    assertThat(out.at(ex, em)).isCloseTo(expected, within(1e-5f));
    assertThat(em298).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aMissingNeighbourMakesTheTargetMissingInsteadOfSmearingTheCut() {
    Spectrum culture = TestSpectra.raw(TestSpectra.CULTURE); // Aqualog export, scatter cut stored as nulls
    Spectrum out = new Resampler(EemGrid.CANONICAL).apply(culture);
    EemGrid g = out.grid();
    // Em = Ex + 0..4 nm lies in the first-order Rayleigh cut of the source
    int ex = index(g.exWavelengths(), 350);
    int em = index(g.emWavelengths(), 352);
    assertThat(out.at(ex, em)).isNaN();
    // beyond the source's Ex range? canonical stops at 450 inside it; an outside grid gives missing cells
    Spectrum outside = new Resampler(EemGrid.regular(610, 620, 5, 300, 310, 2)).apply(culture);
    assertThat(outside.validCells()).isZero();
  }

  @Test
  void gapFillingInterpolatesInteriorScatterCutsOfAReference() {
    Spectrum culture = TestSpectra.raw(TestSpectra.CULTURE);
    EemGrid g = culture.grid();
    Spectrum filled = new GapFiller().apply(culture);
    int checked = 0;
    for (int i = 0; i < g.exCount(); i++) {
      for (int j = 1; j < g.emCount() - 1; j++) {
        if (!culture.valid(i * g.emCount() + j)) {
          int lo = j;
          while (lo >= 0 && !culture.valid(i * g.emCount() + lo)) {
            lo--;
          }
          int hi = j;
          while (hi < g.emCount() && !culture.valid(i * g.emCount() + hi)) {
            hi++;
          }
          if (lo >= 0 && hi < g.emCount()) {
            float a = culture.at(i, lo);
            float b = culture.at(i, hi);
            assertThat(filled.at(i, j)).isBetween(Math.min(a, b) - 1e-6f, Math.max(a, b) + 1e-6f);
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
    assertThat(filled.validCells()).isGreaterThan(culture.validCells());
    Spectrum resampled = new Resampler(EemGrid.CANONICAL).apply(culture);
    assertThatThrownBy(() -> new GapFiller().apply(resampled)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void scatterBandsAndTheRegionBelowRayleighAreMasked() {
    assertThat(ScatterMask.ramanLine(350)).isCloseTo(397.5, within(0.5));
    Spectrum canon = new Resampler(EemGrid.CANONICAL).apply(new GapFiller().apply(RIVER));
    Spectrum out = new ScatterMask().apply(canon);
    EemGrid g = out.grid();
    int ex350 = index(g.exWavelengths(), 350);
    int ex240 = index(g.exWavelengths(), 240);
    assertThat(out.at(ex350, index(g.emWavelengths(), 350))).isNaN(); // Rayleigh
    assertThat(out.at(ex350, index(g.emWavelengths(), 340))).isNaN(); // below Rayleigh
    assertThat(out.at(ex350, index(g.emWavelengths(), 398))).isNaN(); // Raman
    assertThat(out.at(ex240, index(g.emWavelengths(), 480))).isNaN(); // second-order Rayleigh
    int kept = ex350 * g.emCount() + index(g.emWavelengths(), 450);
    assertThat(out.at(kept)).isEqualTo(canon.at(kept)).isNotNaN(); // humic peak C region survives
    assertThat(out.corrections().steps()).contains(Correction.GAPS_FILLED, Correction.RESAMPLED,
        Correction.SCATTER_MASKED);
  }

  @Test
  void normalisingGivesUnitNormOnceAndAttributionRefusesIt() {
    Preprocessor pre = new Preprocessor();
    Spectrum s = pre.sample(TestSpectra.eem(TestSpectra.RIVER[1]));
    Spectrum n = new Normaliser().apply(s);
    assertThat(Normaliser.norm(n)).isCloseTo(1.0, within(1e-5));
    assertThatThrownBy(() -> new Normaliser().apply(n)).isInstanceOf(IllegalStateException.class);
    StationBaseline b = new StationBaseline("S1");
    assertThatThrownBy(() -> b.add(n)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void samplesAndReferencesAreComparableButNotAfterDifferentSteps() {
    Preprocessor pre = new Preprocessor();
    Spectrum sample = pre.sample(TestSpectra.eem(TestSpectra.RIVER[0]));
    Spectrum ref = pre.reference(TestSpectra.eem(TestSpectra.E05[0]));
    sample.requireComparable(ref, "reference"); // gap filling does not change the state compared
    Spectrum unmasked = new Resampler(EemGrid.CANONICAL).apply(RIVER);
    assertThatThrownBy(() -> sample.requireComparable(unmasked, "sample"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different states");
    assertThatThrownBy(() -> pre.sample(sample)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void spectraOutsideRamanUnitsAreRefused() {
    Eem e = TestSpectra.eem(TestSpectra.RIVER[0]);
    Eem counts = new Eem(e.stationId(), e.tsMillis(), e.ex(), e.em(), e.intensity(), e.instrument(), "counts");
    assertThatThrownBy(() -> new Preprocessor().sample(counts)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Raman units");
  }

  private static int index(float[] w, double nm) {
    for (int i = 0; i < w.length; i++) {
      if (Math.abs(w[i] - nm) < 1e-3) {
        return i;
      }
    }
    throw new AssertionError(nm + " nm not on the grid");
  }
}
