package io.qingliu.tracing;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enterprises' reference fingerprints, several per enterprise (batches differ), preprocessed onto the canonical
 * grid. Immutable; a new version of the library is a new instance. Comparisons run on a {@link LibraryView}: the
 * references packed on the cells compared (every reference covers them, no scatter band), built once and cached.
 */
public final class FingerprintLibrary {

  /** One reference spectrum of an enterprise. */
  public record Reference(String enterpriseId, String referenceId, Spectrum spectrum) {}

  private static final int VIEW_CACHE = 4;

  private final List<String> enterprises;
  private final Map<String, List<Reference>> byEnterprise;
  private final List<Reference> references;
  private final boolean[] coverage;
  private final EemGrid grid;
  private final Map<BitSet, LibraryView> views = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BitSet, LibraryView> eldest) {
      return size() > VIEW_CACHE;
    }
  };

  private FingerprintLibrary(Map<String, List<Reference>> byEnterprise) {
    this.byEnterprise = byEnterprise;
    this.enterprises = List.copyOf(byEnterprise.keySet());
    List<Reference> all = new ArrayList<>();
    byEnterprise.values().forEach(all::addAll);
    this.references = List.copyOf(all);
    this.grid = all.isEmpty() ? EemGrid.CANONICAL : all.get(0).spectrum().grid();
    this.coverage = new boolean[grid.cells()];
    for (int c = 0; c < coverage.length; c++) {
      boolean ok = true;
      for (Reference r : all) {
        ok &= r.spectrum().valid(c);
      }
      coverage[c] = ok;
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects references; the first fixes grid and state, the others must match. */
  public static final class Builder {

    private final Map<String, List<Reference>> refs = new LinkedHashMap<>();
    private Spectrum first;

    public Builder add(String enterpriseId, String referenceId, Spectrum s) {
      s.corrections().require(Correction.SCATTER_MASKED, "reference " + referenceId);
      s.corrections().forbid(Correction.NORMALISED, "reference " + referenceId + " keeps its R.U.");
      if (first == null) {
        first = s;
      } else {
        first.requireComparable(s, "reference " + referenceId);
      }
      refs.computeIfAbsent(enterpriseId, k -> new ArrayList<>()).add(new Reference(enterpriseId, referenceId, s));
      return this;
    }

    public FingerprintLibrary build() {
      Map<String, List<Reference>> copy = new LinkedHashMap<>();
      refs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      return new FingerprintLibrary(Collections.unmodifiableMap(copy));
    }
  }

  public List<String> enterprises() {
    return enterprises;
  }

  public List<Reference> references(String enterpriseId) {
    return byEnterprise.getOrDefault(enterpriseId, List.of());
  }

  public List<Reference> references() {
    return references;
  }

  public int size() {
    return references.size();
  }

  public EemGrid grid() {
    return grid;
  }

  /** The cells every reference covers. */
  public boolean[] coverage() {
    return coverage.clone();
  }

  /** The library on the cells of {@code mask} (which must lie within {@link #coverage()}). */
  public LibraryView view(boolean[] mask) {
    BitSet key = new BitSet(mask.length);
    for (int c = 0; c < mask.length; c++) {
      if (mask[c]) {
        if (!coverage[c]) {
          throw new IllegalArgumentException("cell " + c + " is not covered by every reference");
        }
        key.set(c);
      }
    }
    synchronized (views) {
      LibraryView v = views.get(key);
      if (v != null) {
        return v;
      }
    }
    LibraryView v = new LibraryView(this, StationBaseline.cells(mask));
    synchronized (views) {
      views.put(key, v);
    }
    return v;
  }
}
