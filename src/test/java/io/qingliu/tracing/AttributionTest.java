package io.qingliu.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The decisions on real spectra: a Columbia River station (S1) with three normal samples as its baseline; the fourth
 * sample as the background of the new spectrum; library E04 (bay water) and E05 (estuary), two references each.
 */
class AttributionTest {

  private final Preprocessor pre = new Preprocessor();
  private final FingerprintTracer tracer = new FingerprintTracer(TestSpectra.library(pre), pre, TraceParams.DEFAULT);
  private final Spectrum background = pre.sample(TestSpectra.eem(TestSpectra.RIVER[3]));

  private StationBaseline baseline() {
    StationBaseline b = new StationBaseline("S1");
    for (int i = 0; i < 3; i++) {
      b.add(pre.sample(TestSpectra.eem(TestSpectra.RIVER[i])));
    }
    return b;
  }

  @Test
  void aDischargeFromAnotherBatchThanTheReferencesIsNamedWithItsShare() {
    Spectrum source = pre.reference(TestSpectra.eem(TestSpectra.E04_SOURCE)); // not a library reference
    TraceResult r = tracer.trace(baseline(), TestSpectra.mix(background, source, 0.1), null);

    assertThat(r.verdict()).isEqualTo(TraceResult.Verdict.ENTERPRISE);
    assertThat(r.source()).isEqualTo("E04");
    assertThat(r.fraction()).isCloseTo(0.1, within(0.06));
    assertThat(r.similarity()).isGreaterThan(0.9);
    assertThat(r.confidence()).isBetween(0.0, 1.0);
    assertThat(r.departure().anomalous()).isTrue();
    assertThat(r.candidates()).extracting(TraceResult.Candidate::enterpriseId).startsWith("E04");
    assertThat(r.candidates().stream().mapToDouble(TraceResult.Candidate::score).sum()).isCloseTo(1, within(1e-9));
  }

  @Test
  void theNextRiverSampleIsNoDischarge() {
    TraceResult r = tracer.trace(baseline(), TestSpectra.mix(background, null, 0), null);
    assertThat(r.verdict()).isEqualTo(TraceResult.Verdict.NONE);
    assertThat(r.source()).isEqualTo("none");
    assertThat(r.fraction()).isZero();
    assertThat(baseline().check(TestSpectra.mix(background, null, 0), TraceParams.DEFAULT).anomalous()).isFalse();
  }

  @Test
  void aSourceAbsentFromTheLibraryIsUnknown() {
    Spectrum culture = pre.reference(TestSpectra.eem(TestSpectra.CULTURE)); // protein-like, not in E04/E05
    TraceResult r = tracer.trace(baseline(), TestSpectra.mix(background, culture, 0.1), null);
    assertThat(r.departure().anomalous()).isTrue();
    assertThat(r.verdict()).isEqualTo(TraceResult.Verdict.UNKNOWN);
    assertThat(r.source()).isEqualTo("unknown");
    assertThat(r.unexplained()).isGreaterThan(r.unexplainedLimit());
  }

  @Test
  void aWeakDischargeWhoseLeftoverIsWithinTheRiversOwnVariabilityIsNamedNotUnknown() {
    Spectrum source = pre.reference(TestSpectra.eem(TestSpectra.E04_SOURCE));
    TraceResult r = tracer.trace(baseline(), TestSpectra.mix(background, source, 0.01), null);
    // relative to the small departure the leftover is large, but no larger than a normal sample departs
    assertThat(r.unexplained()).isGreaterThan(r.unexplainedLimit());
    assertThat(r.verdict()).isEqualTo(TraceResult.Verdict.ENTERPRISE);
    assertThat(r.source()).isEqualTo("E04");
  }

  @Test
  void thePriorRestrictsTheCandidatesToEnterprisesUpstream() {
    Spectrum source = pre.reference(TestSpectra.eem(TestSpectra.E04_SOURCE));
    Spectrum sample = TestSpectra.mix(background, source, 0.1);
    TraceResult onlyE05 = tracer.trace(baseline(), sample, Map.of("E05", 1.0));
    assertThat(onlyE05.candidates()).extracting(TraceResult.Candidate::enterpriseId).containsExactly("E05");
    assertThat(onlyE05.source()).isNotEqualTo("E04");

    TraceResult both = tracer.trace(baseline(), sample, Map.of("E04", 0.2, "E05", 1.0));
    assertThat(both.candidates()).hasSize(2);
    assertThat(both.source()).isEqualTo("E04"); // a far better fit outweighs a five times smaller prior
  }

  @Test
  void theBaselineKeepsOnlyItsMostRecentSpectra() {
    StationBaseline b = new StationBaseline("S1", 3);
    Spectrum[] s = new Spectrum[4];
    for (int i = 0; i < 4; i++) {
      s[i] = pre.sample(TestSpectra.eem(TestSpectra.RIVER[i]));
      b.add(s[i]);
    }
    assertThat(b.spectra()).containsExactly(s[1], s[2], s[3]);
  }

  @Test
  void aBaselineNeedsTwoNormalSpectra() {
    StationBaseline b = new StationBaseline("S1");
    b.add(background);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> tracer.trace(b, background, null))
        .isInstanceOf(IllegalStateException.class);
    assertThat(b.ready()).isFalse();
  }

  @Test
  void givenTwoEnterprisesWithTheSameReferences_whenOnlyOnePassesTheScreen_thenItIsTheOneThePriorWeighsMore() {
    FingerprintLibrary.Builder b = FingerprintLibrary.builder();
    for (String enterprise : new String[] {"FAR", "NEAR"}) { // FAR first: the screen's own order would keep it
      for (String id : TestSpectra.E04) {
        b.add(enterprise, id, pre.reference(TestSpectra.eem(id)));
      }
    }
    FingerprintTracer oneSlot = new FingerprintTracer(b.build(), pre, TraceParams.DEFAULT.with("screenTop", 1));
    Spectrum source = pre.reference(TestSpectra.eem(TestSpectra.E04_SOURCE));

    TraceResult r = oneSlot.trace(baseline(), TestSpectra.mix(background, source, 0.1), Map.of("FAR", 0.5, "NEAR", 1.0));

    assertThat(r.source()).isEqualTo("NEAR");
  }
}
