package io.qingliu.sim;

import io.qingliu.model.Enterprise;
import io.qingliu.model.Network;
import io.qingliu.model.Parameter;
import io.qingliu.model.Reach;
import io.qingliu.model.Station;
import io.qingliu.model.StationKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * One simulated discharge: a slug of effluent released at an enterprise's outfall that travels down the reaches at
 * their velocity, spreading and diluting as it goes. Gives the concentration it adds at any station at any time.
 */
final class Plume {

  /** Kilometres over which the added concentration falls to half. */
  private static final double HALF_DILUTION_KM = 4.0;
  /** Stations further than this below the outfall no longer see it. */
  private static final double REACH_KM = 40.0;

  private final Enterprise source;
  private final long startMs;
  private final long durationMs;
  private final Map<Parameter, Double> strength;
  /** Arrival delay (ms, demo time) and dilution per affected station. */
  private final Map<String, double[]> arrivals = new HashMap<>();

  Plume(Network network, Enterprise source, long startMs, long durationMs, double timeCompression) {
    this.source = source;
    this.startMs = startMs;
    this.durationMs = durationMs;
    this.strength = strengthFor(source.industry());
    // Distance and travel time from the outfall to the upstream end of each reach (negative on the source reach).
    Reach reach = network.reach(source.reach());
    double offsetKm = -source.km();
    double offsetSeconds = reach == null ? 0 : -source.km() * 1000 / reach.velocityMps();
    while (reach != null && offsetKm < REACH_KM) {
      for (Station s : network.stationsOn(reach.id())) {
        double d = offsetKm + s.km();
        // Outfall monitors measure their own effluent, not the river flowing past them.
        if (d >= 0 && d < REACH_KM && s.kind() != StationKind.OUTFALL) {
          double travelSeconds = offsetSeconds + s.km() * 1000 / reach.velocityMps();
          arrivals.put(s.id(), new double[] {travelSeconds * 1000 / timeCompression, dilution(d)});
        }
      }
      offsetKm += reach.lengthKm();
      offsetSeconds += reach.lengthKm() * 1000 / reach.velocityMps();
      reach = reach.downstream() == null ? null : network.reach(reach.downstream());
    }
    if (source.monitorStation() != null) {
      // The outfall's own monitor sees raw effluent, before any dilution.
      arrivals.put(source.monitorStation(), new double[] {0, 4.0});
    }
  }

  private static double dilution(double km) {
    return 1.0 / (1.0 + km / HALF_DILUTION_KM);
  }

  private static Map<Parameter, Double> strengthFor(String industry) {
    Map<Parameter, Double> m = new EnumMap<>(Parameter.class);
    String i = industry == null ? "" : industry;
    if (i.contains("cok") || i.contains("chem") || i.contains("pharm")) {
      m.put(Parameter.NH3N, 3.5);
      m.put(Parameter.CODMN, 8.0);
      m.put(Parameter.COD, 60.0);
      m.put(Parameter.COND, 700.0);
    } else if (i.contains("wwtp") || i.contains("sewage") || i.contains("food") || i.contains("brew")) {
      m.put(Parameter.NH3N, 3.0);
      m.put(Parameter.TP, 0.6);
      m.put(Parameter.COD, 50.0);
      m.put(Parameter.CODMN, 5.0);
    } else {
      m.put(Parameter.NH3N, 2.5);
      m.put(Parameter.CODMN, 6.0);
      m.put(Parameter.TP, 0.4);
      m.put(Parameter.COD, 45.0);
      m.put(Parameter.TURB, 60.0);
    }
    m.put(Parameter.TN, m.get(Parameter.NH3N) * 1.6);
    m.put(Parameter.DO, -2.5);
    return m;
  }

  /** What the plume adds to {@code p} at {@code station} at {@code nowMs}; 0 when it is not there. */
  double added(String station, Parameter p, long nowMs) {
    Double s = strength.get(p);
    return s == null ? 0 : s * presence(station, nowMs);
  }

  /** How much of the effluent is at {@code station} at {@code nowMs}: its dilution there × the slug's shape. */
  double presence(String station, long nowMs) {
    double[] a = arrivals.get(station);
    if (a == null) {
      return 0;
    }
    double t = nowMs - startMs - a[0];
    // Trapezoid: a fifth of the duration to rise, the same to fall; the slug stretches as it travels.
    double span = durationMs * (1 + a[0] / 600_000.0);
    if (t < 0 || t > span) {
      return 0;
    }
    double ramp = span / 5;
    double shape = Math.min(1, Math.min(t / ramp, (span - t) / ramp));
    return a[1] * shape;
  }

  boolean over(long nowMs) {
    double longest = 0;
    for (double[] a : arrivals.values()) {
      longest = Math.max(longest, a[0]);
    }
    return nowMs > startMs + longest + durationMs * 3;
  }

  Enterprise source() {
    return source;
  }

  /** Demo-time milliseconds until the plume reaches {@code station}, or -1 when it never does. */
  long arrivalMs(String station) {
    double[] a = arrivals.get(station);
    return a == null ? -1 : (long) a[0];
  }

  /** The share of the effluent's strength left when it reaches {@code station}; 0 when it never does. */
  double dilutionAt(String station) {
    double[] a = arrivals.get(station);
    return a == null ? 0 : a[1];
  }

  /** Demo-time milliseconds until the plume reaches its first river station, or -1 when none is below it. */
  long firstArrivalMs() {
    double first = -1;
    for (Map.Entry<String, double[]> e : arrivals.entrySet()) {
      if (!e.getKey().equals(source.monitorStation()) && (first < 0 || e.getValue()[0] < first)) {
        first = e.getValue()[0];
      }
    }
    return (long) first;
  }
}
