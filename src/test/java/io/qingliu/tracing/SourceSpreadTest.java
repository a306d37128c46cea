package io.qingliu.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The source-spread score on real spectra (the station and library of {@link AttributionTest}). */
class SourceSpreadTest {

  private final Preprocessor pre = new Preprocessor();
  private final FingerprintLibrary library = TestSpectra.library(pre);
  private final Spectrum background = pre.sample(TestSpectra.eem(TestSpectra.RIVER[3]));
  private final Spectrum source = pre.reference(TestSpectra.eem(TestSpectra.E04_SOURCE));

  private StationBaseline baseline() {
    StationBaseline b = new StationBaseline("S1");
    for (int i = 0; i < 3; i++) {
      b.add(pre.sample(TestSpectra.eem(TestSpectra.RIVER[i])));
    }
    return b;
  }

  private Frame frame(LibraryView view, Spectrum sample) {
    return baseline().frame(sample, view.cells, TraceParams.DEFAULT);
  }

  private static int enterprise(LibraryView view, String id) {
    for (int e = 0; e < view.enterprises(); e++) {
      if (view.enterpriseId(e).equals(id)) {
        return e;
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void givenNoSpread_whenScored_thenTheScoreIsTheOrdinaryFitsWeightedResidual() {
    Spectrum sample = TestSpectra.mix(background, source, 0.1);
    FingerprintTracer plain = new FingerprintTracer(library, pre, TraceParams.DEFAULT.with("sourceSpread", 0));
    TraceResult.Candidate e04 = plain.trace(baseline(), sample, null).candidates().stream()
        .filter(c -> c.enterpriseId().equals("E04")).findFirst().orElseThrow();
    LibraryView view = plain.view();
    int e = enterprise(view, "E04");

    // with κ = 0 the weights do not depend on the starting point: any start reaches the ordinary fit
    double score = SourceSpread.score(view, frame(view, sample), e, new double[3 + view.members[e].length], 0);

    assertThat(score).isCloseTo(e04.residual(), within(1e-6 * e04.residual()));
  }

  @Test
  void givenAWiderSpread_whenScored_thenTheVarianceItClaimsIsPaidFor() {
    LibraryView view = new FingerprintTracer(library, pre, TraceParams.DEFAULT).view();
    int e = enterprise(view, "E04");
    Frame f = frame(view, TestSpectra.mix(background, source, 0.2));
    double[] start = new double[3 + view.members[e].length];

    double plain = SourceSpread.score(view, f, e, start, 0);
    double spread = SourceSpread.score(view, f, e, start, 0.1);
    double huge = SourceSpread.score(view, f, e, start, 10);

    // a wider σ on the source's cells always lowers the weighted residual; only the log-determinant keeps an
    // enterprise from winning by claiming a wide spread
    assertThat(spread).isNotEqualTo(plain);
    assertThat(huge).isGreaterThan(spread).isGreaterThan(0);
  }
}
