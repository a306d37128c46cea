package io.qingliu.tracing;

/**
 * Sets the scatter bands to missing on the canonical grid: first-order Rayleigh (Em = Ex) together with everything
 * below it (no fluorescence is emitted at shorter wavelengths than it is excited; drEEM and eemR data set it to 0,
 * other exports leave noise), first-order Raman (Em = 1/(1/Ex − 3400 cm⁻¹)), and their second orders (2·Ex and twice
 * the Raman wavelength).
 *
 * <p>The same mask is applied to samples, baselines and references, whatever each dataset cut itself, so that
 * neither the scatter nor the way an instrument's software removed it can tell sources apart.
 */
public final class ScatterMask {

  /** Half-widths, nm. Slightly wider than drEEM's defaults (Rayleigh 10, Raman 15) to cover cuts of all exports. */
  public static final double DEFAULT_RAYLEIGH1 = 20;
  public static final double DEFAULT_RAMAN1 = 15;
  public static final double DEFAULT_RAYLEIGH2 = 20;
  public static final double DEFAULT_RAMAN2 = 15;
  /** The O–H stretch of water, cm⁻¹ (the Raman band lies at 3,400–3,600 cm⁻¹ from the excitation). */
  public static final double RAMAN_SHIFT_PER_CM = 3400;

  private final double rayleigh1;
  private final double raman1;
  private final double rayleigh2;
  private final double raman2;

  public ScatterMask() {
    this(DEFAULT_RAYLEIGH1, DEFAULT_RAMAN1, DEFAULT_RAYLEIGH2, DEFAULT_RAMAN2);
  }

  public ScatterMask(double rayleigh1, double raman1, double rayleigh2, double raman2) {
    this.rayleigh1 = rayleigh1;
    this.raman1 = raman1;
    this.rayleigh2 = rayleigh2;
    this.raman2 = raman2;
  }

  /** Emission wavelength of the first-order water Raman line for excitation {@code ex}, nm. */
  public static double ramanLine(double ex) {
    return 1 / (1 / ex - RAMAN_SHIFT_PER_CM * 1e-7);
  }

  /** Whether the cell at ({@code ex}, {@code em}) lies in a scatter band. */
  public boolean masks(double ex, double em) {
    double ram = ramanLine(ex);
    return em < ex || Math.abs(em - ex) <= rayleigh1 || Math.abs(em - ram) <= raman1
        || Math.abs(em - 2 * ex) <= rayleigh2 || Math.abs(em - 2 * ram) <= raman2;
  }

  /** The mask on {@code grid}: true where a scatter band lies. */
  public boolean[] cells(EemGrid grid) {
    boolean[] m = new boolean[grid.cells()];
    for (int i = 0; i < grid.exCount(); i++) {
      for (int j = 0; j < grid.emCount(); j++) {
        m[i * grid.emCount() + j] = masks(grid.ex(i), grid.em(j));
      }
    }
    return m;
  }

  public Spectrum apply(Spectrum in) {
    float[] v = in.values();
    boolean[] m = cells(in.grid());
    for (int c = 0; c < v.length; c++) {
      if (m[c]) {
        v[c] = Float.NaN;
      }
    }
    return in.next(in.grid(), v, Correction.SCATTER_MASKED);
  }
}
