package io.qingliu.checks;

import io.qingliu.model.AlertKind;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reading;
import io.qingliu.model.Severity;
import io.qingliu.model.Station;
import io.qingliu.checks.events.DetectorOptions;
import io.qingliu.checks.events.Deviation;
import io.qingliu.checks.events.EventDetector;
import io.qingliu.checks.events.EventState;
import io.qingliu.checks.events.SensorFault;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks of one station, with the state they keep: GB 3838 classification of every reading, the debounced
 * exceedance of each regulated parameter against the station's target class (or an outfall's permit limit), its
 * rate of change, device flags, and the event detector's verdict.
 *
 * <p>Plain Java, no I/O and no clock of its own: time comes from the readings. One instance is owned by one thread
 * (the station's shard), so it needs no locks.
 */
public final class StationChecks {

  private final Station station;
  private final WaterQualityStandard standard;
  private final double hysteresis;
  private final KOfNLatch[] latches = new KOfNLatch[Parameter.COUNT];
  private final double[] lastValues = Reading.emptyValues();
  /** Parameters whose instrument last reported a device fault (D or B), so its return to normal is reported. */
  private final boolean[] deviceFault = new boolean[Parameter.COUNT];
  private long lastTs = Long.MIN_VALUE;
  private int currentClass;
  private final EventDetector detector;
  /** An event twice as far from normal as it takes to open one is critical. */
  private final double eventThreshold;
  private final Parameter[] signals;
  private boolean eventActive;
  private final Set<String> faultySignals = new HashSet<>();
  /** Per regulated parameter with a rate-of-change rule: its window, allowance and latch; null entries elsewhere. */
  private final RateWindow[] rateWindows = new RateWindow[Parameter.COUNT];
  private final double[] maxChange = new double[Parameter.COUNT];
  private final KOfNLatch[] rateLatches = new KOfNLatch[Parameter.COUNT];
  private final int rateMinutes;

  public StationChecks(Station station, WaterQualityStandard standard, ExceedanceOptions options) {
    this(station, standard, options, null, null, Debounce.NONE);
  }

  /**
   * @param events the event detector's options, or null to check limits only; the detector watches every parameter
   *     of the station, temperature and flow as context
   * @param rates the rate-of-change rule, or null for none
   * @param debounce the k of n alert rules set for this station's exceedance and rate conditions
   */
  public StationChecks(Station station, WaterQualityStandard standard, ExceedanceOptions options,
      DetectorOptions events, RateOfChangeOptions rates, Debounce debounce) {
    this.station = station;
    this.standard = standard;
    this.hysteresis = options.getHysteresis();
    if (events != null && !station.parameters().isEmpty()) {
      signals = station.parameters().toArray(new Parameter[0]);
      List<String> names = new ArrayList<>();
      List<String> context = new ArrayList<>();
      for (Parameter p : signals) {
        names.add(p.key());
        if (p.isContext()) {
          context.add(p.key());
        }
      }
      detector = new EventDetector(events, names, context);
      eventThreshold = events.getThreshold();
    } else {
      signals = null;
      detector = null;
      eventThreshold = Double.NaN;
    }
    rateMinutes = rates == null ? 0 : rates.getWindowMinutes();
    for (Parameter p : Parameter.values()) {
      if (!p.isContext() && regulated(p)) {
        latches[p.ordinal()] = options.newLatch(debounce.kOfN(AlertKind.EXCEEDANCE, p));
        double allowed = rates == null ? Double.NaN : rates.maxChange(p, ownLimit(p));
        if (allowed > 0) {
          rateWindows[p.ordinal()] = new RateWindow(rateMinutes * 60_000L);
          maxChange[p.ordinal()] = allowed;
          rateLatches[p.ordinal()] = rates.newLatch(debounce.kOfN(AlertKind.RATE, p));
        }
      }
    }
  }

  /** The limit the station is held to: its target class's (pH's upper bound), or the outfall's permit. */
  private double ownLimit(Parameter p) {
    return station.targetClass() > 0
        ? standard.limit(p, station.targetClass(), station.lake(), Double.POSITIVE_INFINITY)
        : station.permitLimits().getOrDefault(p, Double.NaN);
  }

  private boolean regulated(Parameter p) {
    return station.targetClass() > 0
        ? standard.assesses(p, station.lake())
        : station.permitLimits().containsKey(p);
  }

  /**
   * Checks one reading and reports what is firing. A reading not newer than the last one checked (a retransmit, a
   * late backfill) is stored but not checked again, so a duplicate cannot count twice toward k of n.
   *
   * @return false when the reading was skipped as not newer
   */
  public boolean evaluate(Reading r, Consumer<Finding> out) {
    if (r.tsMillis() <= lastTs) {
      return false;
    }
    lastTs = r.tsMillis();
    int worst = 0;
    for (int i = 0; i < Parameter.COUNT; i++) {
      double v = r.values()[i];
      if (Double.isNaN(v)) {
        continue;
      }
      lastValues[i] = v;
      Parameter p = Parameter.byOrdinal(i);
      String flag = r.flag(i);
      deviceFlag(p, flag, r.tsMillis(), out);
      if (!feedsChecks(flag)) {
        continue;
      }
      int cls = station.targetClass() > 0 ? standard.classify(p, v, station.lake()) : 0;
      worst = Math.max(worst, cls);
      KOfNLatch latch = latches[i];
      if (latch != null) {
        check(p, v, cls, latch, r.tsMillis(), out);
      }
      if (rateWindows[i] != null) {
        rate(p, v, r.tsMillis(), out);
      }
    }
    if (worst > 0) {
      currentClass = worst;
    }
    if (detector != null) {
      detect(r, out);
    }
    return true;
  }

  /** The event detector's verdict on the values that are the river's (flagged values are fed as missing). */
  private void detect(Reading r, Consumer<Finding> out) {
    double[] values = new double[signals.length];
    for (int i = 0; i < signals.length; i++) {
      int o = signals[i].ordinal();
      values[i] = feedsChecks(r.flag(o)) ? r.values()[o] : Double.NaN;
    }
    EventState state = detector.observe(r.tsMillis(), values);
    // A running event over a reading that carries none of its signals has nothing new to say.
    boolean news = !state.event() || !state.contributors().isEmpty();
    if ((state.event() || eventActive) && news) {
      Deviation top = state.contributors().isEmpty() ? null : state.contributors().get(0);
      out.accept(new Finding(AlertKind.EVENT, station.id(), null, state.event(), top == null ? Double.NaN : top.value(),
          Double.NaN, 0, station.targetClass(), state.score() >= 2 * eventThreshold ? Severity.CRITICAL : Severity.MAJOR,
          state.event() ? state.describe() : "水质恢复常态", r.tsMillis()));
      eventActive = state.event();
    }
    if (state.faults().isEmpty() && faultySignals.isEmpty()) {
      return; // the common case: no sensor fault now or before, so nothing to raise or clear and nothing to allocate
    }
    Set<String> now = new HashSet<>();
    for (SensorFault f : state.faults()) {
      now.add(f.signal());
      Parameter p = Parameter.byKey(f.signal());
      out.accept(new Finding(AlertKind.SENSOR, station.id(), p, true, f.value(), Double.NaN, 0, station.targetClass(),
          Severity.MINOR, "传感器故障：" + f.describe(), r.tsMillis()));
    }
    for (String gone : faultySignals) {
      if (!now.contains(gone)) {
        out.accept(new Finding(AlertKind.SENSOR, station.id(), Parameter.byKey(gone), false, Double.NaN, Double.NaN, 0,
            station.targetClass(), Severity.MINOR, gone + " 传感器恢复正常", r.tsMillis()));
      }
    }
    faultySignals.clear();
    faultySignals.addAll(now);
  }

  /**
   * Only normal values (N) and over-range values (T, a lower bound of the truth) are judged as water quality;
   * maintenance, calibration, manual, stopped and power flags (M, C, S, F, P) and faults are not the river's doing.
   */
  static boolean feedsChecks(String flag) {
    return "N".equals(flag) || "T".equals(flag);
  }

  /**
   * Raises a device alert while the instrument flags a fault (D) or a communication fault (B), and clears it at the
   * next value without one.
   */
  private void deviceFlag(Parameter p, String flag, long at, Consumer<Finding> out) {
    boolean fault = "D".equals(flag) || "B".equals(flag);
    if (fault || deviceFault[p.ordinal()]) {
      deviceFault[p.ordinal()] = fault;
      String message = !fault ? p.key() + " 仪器恢复正常"
          : "D".equals(flag) ? p.key() + " 仪器报告故障（数据标记 D），该数据不参与水质判定"
          : p.key() + " 通讯异常（数据标记 B），该数据不参与水质判定";
      out.accept(new Finding(AlertKind.DEVICE, station.id(), p, fault, Double.NaN, Double.NaN, 0,
          station.targetClass(), "D".equals(flag) ? Severity.MAJOR : Severity.MINOR, message, at));
    }
  }

  private void check(Parameter p, double v, int cls, KOfNLatch latch, long at, Consumer<Finding> out) {
    double limit;
    boolean bad;
    boolean clearlyGood;
    if (station.targetClass() > 0) {
      limit = standard.limit(p, station.targetClass(), station.lake(), v);
      bad = cls > station.targetClass();
      clearlyGood = standard.isRange(p)
          ? v >= 6 + 3 * hysteresis && v <= 9 - 3 * hysteresis
          : standard.lowerIsWorse(p) ? v >= limit * (1 + hysteresis) : v <= limit * (1 - hysteresis);
    } else {
      limit = station.permitLimits().get(p);
      bad = v > limit;
      clearlyGood = v <= limit * (1 - hysteresis);
    }
    boolean wasFiring = latch.firing();
    boolean firing = latch.observe(bad, clearlyGood);
    if (firing || wasFiring) {
      out.accept(new Finding(AlertKind.EXCEEDANCE, station.id(), p, firing, v, limit, cls, station.targetClass(),
          severity(p, v, limit, cls), message(p, v, limit, cls, latch), at));
    }
  }

  /**
   * How far the parameter worsened within the window (rose; fell for DO; either way for pH), debounced k of n. The
   * window's extreme stays for the whole window, so a step that stays up keeps firing until it is a window old.
   */
  private void rate(Parameter p, double v, long at, Consumer<Finding> out) {
    int i = p.ordinal();
    RateWindow w = rateWindows[i];
    double lowest = w.lowest(at);
    double highest = w.highest(at);
    w.add(at, v);
    double rise = v - lowest;
    double fall = highest - v;
    double change = standard.isRange(p) ? Math.max(rise, fall) : standard.lowerIsWorse(p) ? fall : rise;
    boolean bad = change >= maxChange[i];
    boolean clearlyGood = !(change > maxChange[i] * (1 - hysteresis));
    KOfNLatch latch = rateLatches[i];
    boolean wasFiring = latch.firing();
    boolean firing = latch.observe(bad, clearlyGood);
    if (firing || wasFiring) {
      boolean up = change == rise;
      double from = up ? lowest : highest;
      String message = !firing
          ? p.key() + " 变化率恢复正常（" + rateMinutes + " 分钟内变化 " + fmt(Math.max(0, change)) + "）"
          : p.key() + " " + rateMinutes + " 分钟内" + (up ? "上升 " : "下降 ") + fmt(change) + " " + p.unit()
              + "（" + fmt(from) + " → " + fmt(v) + "），变化限值 " + fmt(maxChange[i]) + " " + p.unit() + "/"
              + rateMinutes + " 分钟";
      out.accept(new Finding(AlertKind.RATE, station.id(), p, firing, v, maxChange[i], 0, station.targetClass(),
          change >= 2 * maxChange[i] ? Severity.MAJOR : Severity.MINOR, message, at));
    }
  }

  private Severity severity(Parameter p, double v, double limit, int cls) {
    if (cls == WaterQualityStandard.WORSE_THAN_V) {
      return Severity.CRITICAL;
    }
    double multiple = exceedanceMultiple(p, v, limit);
    if (multiple >= 1.0) {
      return Severity.CRITICAL;
    }
    if (multiple >= 0.5 || (cls > 0 && cls >= station.targetClass() + 2)) {
      return Severity.MAJOR;
    }
    return Severity.MINOR;
  }

  /** 超标倍数 (C − Cs)/Cs; for DO and pH, which have none in the standard, the relative distance past the limit. */
  private double exceedanceMultiple(Parameter p, double v, double limit) {
    if (standard.lowerIsWorse(p) && station.targetClass() > 0) {
      return (limit - v) / limit;
    }
    return Math.abs(v - limit) / Math.abs(limit);
  }

  private String message(Parameter p, double v, double limit, int cls, KOfNLatch latch) {
    String where = station.targetClass() > 0
        ? "目标 " + roman(station.targetClass()) + " 类限值 " + fmt(limit)
        : "排放许可限值 " + fmt(limit);
    String what = p.key() + " = " + fmt(v) + " " + p.unit();
    String cls2 = cls > 0 ? "（" + roman(cls) + " 类）" : "";
    String multiple = standard.isRange(p) || standard.lowerIsWorse(p) || !(v > limit)
        ? ""
        : "，超标 " + fmt(exceedanceMultiple(p, v, limit)) + " 倍";
    return what + cls2 + "，" + where + multiple + "；近 " + Integer.toString(latch.recentBad()) + " 次读数超标";
  }

  static String roman(int cls) {
    return switch (cls) {
      case 1 -> "I";
      case 2 -> "II";
      case 3 -> "III";
      case 4 -> "IV";
      case 5 -> "V";
      default -> "劣V";
    };
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }

  public Station station() {
    return station;
  }

  /** The alert kinds these checks raise and clear; others (offline, fluorescence) come from elsewhere. */
  public static final Set<AlertKind> KINDS =
      EnumSet.of(AlertKind.EXCEEDANCE, AlertKind.RATE, AlertKind.EVENT, AlertKind.SENSOR, AlertKind.DEVICE);

  /** Whether the condition behind an alert of {@code kind} on {@code parameter} (null: station-wide) holds now. */
  public boolean firing(AlertKind kind, Parameter parameter) {
    int i = parameter == null ? -1 : parameter.ordinal();
    return switch (kind) {
      case EXCEEDANCE -> i >= 0 && latches[i] != null && latches[i].firing();
      case RATE -> i >= 0 && rateLatches[i] != null && rateLatches[i].firing();
      case EVENT -> eventActive;
      case SENSOR -> parameter != null && faultySignals.contains(parameter.key());
      case DEVICE -> i >= 0 && deviceFault[i];
      default -> false;
    };
  }

  /** The worst GB 3838 class among the parameters of the latest assessed reading (0 until one arrives). */
  public int currentClass() {
    return currentClass;
  }

  public double[] lastValues() {
    return lastValues;
  }

  public long lastTs() {
    return lastTs;
  }
}
