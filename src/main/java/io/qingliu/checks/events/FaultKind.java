package io.qingliu.checks.events;

import java.util.Locale;

/**
 * Sensor and station faults (Leigh et al. 2019's taxonomy, the part a stream of values can show). They are raised
 * as device problems, never as water-quality events, and the faulty signal is left out of event detection meanwhile.
 */
public enum FaultKind {
  /** A value outside the physically possible range of the quantity (configured per signal). */
  OUT_OF_RANGE("超出物理量程"),
  /** One reading jumped far and came straight back: an electrical or sampling glitch. */
  SPIKE("单点跳变"),
  /** The value has not changed at all for far longer than this signal ever sits still: a stuck sensor. */
  FLATLINE("数值长时间不变（疑似卡死）"),
  /** Two sensors of the same quantity drift apart while the water does nothing: one of them is drifting. */
  DRIFT("与相邻传感器偏差漂移");

  private final String words;

  FaultKind(String words) {
    this.words = words;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What an officer reads. */
  public String words() {
    return words;
  }
}
