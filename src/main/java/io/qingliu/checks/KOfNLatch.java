package io.qingliu.checks;

/**
 * Debounce with hysteresis for one condition: it starts firing when at least {@code k} of the last {@code n}
 * observations were bad, and stops only after {@code clearAfter} consecutive observations that were clearly good
 * (inside the limit by the hysteresis margin). One noisy reading neither pages nor clears.
 */
public final class KOfNLatch {

  private final int k;
  private final int mask;
  private final int clearAfter;
  private int window;
  private boolean firing;
  private int goodStreak;

  public KOfNLatch(int k, int n, int clearAfter) {
    if (n < 1 || n > 31 || k < 1 || k > n || clearAfter < 1) {
      throw new IllegalArgumentException("need 1 <= k <= n <= 31 and clearAfter >= 1, got k=" + k + " n=" + n
          + " clearAfter=" + clearAfter);
    }
    this.k = k;
    this.mask = (1 << n) - 1;
    this.clearAfter = clearAfter;
  }

  /** Records one observation and answers whether the condition is firing now. */
  public boolean observe(boolean bad, boolean clearlyGood) {
    window = ((window << 1) | (bad ? 1 : 0)) & mask;
    if (!firing) {
      if (Integer.bitCount(window) >= k) {
        firing = true;
        goodStreak = 0;
      }
    } else {
      goodStreak = clearlyGood ? goodStreak + 1 : 0;
      if (goodStreak >= clearAfter) {
        firing = false;
        window = 0;
      }
    }
    return firing;
  }

  public boolean firing() {
    return firing;
  }

  /** How many of the last n observations were bad. */
  public int recentBad() {
    return Integer.bitCount(window);
  }
}
