package io.qingliu.tracing;

import io.qingliu.model.Eem;
import io.qingliu.tracing.bench.BenchmarkFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;

/** Real spectra copied from ../shared/data/eem into src/test/resources/tracing (see the README there). */
public final class TestSpectra {

  /** Four consecutive hourly samples of station S1. */
  public static final String[] RIVER = {"cr2013-106-TS04171308001", "cr2013-107-TS04171309001",
      "cr2013-108-TS04171310001", "cr2013-109-TS04171311001"};
  public static final String[] E05 = {"lib-E05-cr2013-006-ML03_B1", "lib-E05-cr2013-041-SAT03_B1"};
  public static final String[] E04 = {"lib-E04-sfbay-d661sf", "lib-E04-sfbay-d1266sf"};
  /** An E04-class sample that is not among the references. */
  public static final String E04_SOURCE = "src-sfbay-d667sf";
  /** A culture reference (E01), absent from the test library; its scatter cut is stored as nulls. */
  static final String CULTURE = "lib-E01-ptut-006-t1181113";

  private static final BenchmarkFiles FILES = new BenchmarkFiles();

  private TestSpectra() {}

  public static Eem eem(String id) {
    try {
      Path p = Path.of(TestSpectra.class.getResource("/tracing/" + id + ".json").toURI());
      return FILES.read(p, id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Spectrum raw(String id) {
    return Spectrum.of(eem(id));
  }

  /** E04 and E05, two references each, preprocessed. */
  static FingerprintLibrary library(Preprocessor pre) {
    FingerprintLibrary.Builder b = FingerprintLibrary.builder();
    for (String id : E04) {
      b.add("E04", id, pre.reference(eem(id)));
    }
    for (String id : E05) {
      b.add("E05", id, pre.reference(eem(id)));
    }
    return b.build();
  }

  /**
   * {@code (background + f · source) · (1 + 0.02 · N(0,1))} cell by cell, seeded: how the benchmark builds its cases.
   */
  static Spectrum mix(Spectrum background, Spectrum source, double f) {
    Random noise = new Random(7);
    float[] b = background.values();
    for (int c = 0; c < b.length; c++) {
      if (Float.isNaN(b[c])) {
        continue;
      }
      float s = source == null ? 0 : source.at(c);
      double v = b[c] + (Float.isNaN(s) ? 0 : f * s);
      b[c] = (float) (v * (1 + 0.02 * noise.nextGaussian()));
    }
    return new Spectrum(background.grid(), b, background.corrections(), background.units());
  }
}
