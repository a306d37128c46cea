package io.qingliu.tracing;

import io.qingliu.model.Eem;
import java.util.List;
import java.util.Map;

/**
 * The tracing entry point the server calls for an incoming spectrum (off the event loop: a trace is CPU work of a few
 * milliseconds): preprocess it like the library, compare it with its station's baseline on the cells all of them
 * measure, and attribute the departure.
 */
public final class FingerprintTracer {

  /** Below this many common cells a comparison means nothing. */
  public static final int MIN_CELLS = 200;

  private final FingerprintLibrary library;
  private final Preprocessor preprocessor;
  private final Attributor attributor;
  /** The cells compared: covered by every reference and outside the scatter bands. */
  private final boolean[] cells;

  public FingerprintTracer(FingerprintLibrary library, Preprocessor preprocessor, TraceParams params) {
    if (!library.grid().equals(preprocessor.grid())) {
      throw new IllegalArgumentException("library on " + library.grid() + ", preprocessing onto "
          + preprocessor.grid());
    }
    this.library = library;
    this.preprocessor = preprocessor;
    this.attributor = new Attributor(params);
    boolean[] scatter = preprocessor.scatter().cells(preprocessor.grid());
    this.cells = library.coverage();
    for (int c = 0; c < scatter.length; c++) {
      cells[c] &= !scatter[c];
    }
    view();
  }

  /** The library packed on the compared cells (built once, then cached by the library). */
  LibraryView view() {
    return library.view(cells);
  }

  public FingerprintLibrary library() {
    return library;
  }

  public Preprocessor preprocessor() {
    return preprocessor;
  }

  public TraceParams params() {
    return attributor.params();
  }

  /** A station spectrum as received → preprocessed for the baseline or a trace. */
  public Spectrum prepare(Eem eem) {
    return preprocessor.sample(eem);
  }

  public TraceResult trace(StationBaseline baseline, Eem sample, Map<String, Double> prior) {
    return trace(baseline, prepare(sample), prior);
  }

  /**
   * @param baseline the station's recent normal spectra (at least {@link StationBaseline#MIN_SPECTRA})
   * @param sample the new spectrum, preprocessed by {@link #prepare}
   * @param prior candidate enterprises and their weights (null or empty: every enterprise, equally)
   * @throws IllegalStateException when the baseline is not ready
   * @throws IllegalArgumentException when sample, baseline and library are not comparable
   */
  public TraceResult trace(StationBaseline baseline, Spectrum sample, Map<String, Double> prior) {
    List<Spectrum> window = baseline.spectra();
    if (window.size() < StationBaseline.MIN_SPECTRA) {
      throw new IllegalStateException("station " + baseline.stationId() + " has " + window.size()
          + " normal spectra, needs " + StationBaseline.MIN_SPECTRA);
    }
    if (library.size() > 0) {
      library.references().get(0).spectrum().requireComparable(sample, "sample of " + baseline.stationId());
    }
    LibraryView view = view();
    int count = 0;
    for (int c : view.cells) {
      boolean ok = sample.valid(c);
      for (int k = 0; ok && k < window.size(); k++) {
        ok = window.get(k).valid(c);
      }
      count += ok ? 1 : 0;
    }
    if (count < MIN_CELLS) {
      throw new IllegalArgumentException("sample, baseline and library share " + count + " cells, need "
          + MIN_CELLS);
    }
    Frame frame = baseline.frame(sample, view.cells, attributor.params());
    Departure dep = StationBaseline.depart(frame, attributor.params());
    return attributor.attribute(view, frame, dep, prior);
  }
}
