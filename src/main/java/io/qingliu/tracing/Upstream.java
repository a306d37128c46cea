package io.qingliu.tracing;

import io.qingliu.model.Enterprise;
import io.qingliu.model.Network;
import io.qingliu.model.Reach;
import io.qingliu.model.Station;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The river prior of a tracing station: the enterprises whose outfall lies upstream of it, with the distance and the
 * travel time of the flow between them. Only these are candidates; a nearer outfall weighs more, because a discharge
 * dilutes and spreads on its way.
 */
public final class Upstream {

  /** Travel time at which an enterprise's prior weight has fallen to half that of an outfall at the station. */
  static final double HALF_WEIGHT_HOURS = 6.0;

  /** An enterprise upstream of the station. */
  public record Source(Enterprise enterprise, double distanceKm, double travelSeconds) {

    /** The prior weight: 1 at the station, ½ after {@link #HALF_WEIGHT_HOURS} of travel. */
    public double weight() {
      return 1.0 / (1.0 + travelSeconds / 3600.0 / HALF_WEIGHT_HOURS);
    }
  }

  private final Map<String, Source> sources;
  private final Map<String, Double> prior = new HashMap<>();

  private Upstream(Map<String, Source> sources, Network network) {
    this.sources = sources;
    // Every enterprise of the network is named, those below the station with weight 0: an empty prior would mean
    // "all enterprises" to the tracer.
    for (Enterprise e : network.enterprises()) {
      Source s = sources.get(e.id());
      prior.put(e.id(), s == null ? 0.0 : s.weight());
    }
  }

  /** Follows each enterprise's reach downstream until it meets the station's reach below the outfall. */
  public static Upstream of(Network network, Station station) {
    Map<String, Source> found = new HashMap<>();
    for (Enterprise e : network.enterprises()) {
      Reach reach = network.reach(e.reach());
      double km = -e.km();
      double seconds = reach == null ? 0 : -e.km() * 1000 / reach.velocityMps();
      // A reach tree has no cycles, but a bad network file might: never walk more reaches than there are.
      for (int hops = 0; reach != null && hops <= network.stationCount() + 1_000; hops++) {
        if (reach.id().equals(station.reach())) {
          double d = km + station.km();
          if (d >= 0) {
            found.put(e.id(), new Source(e, d, seconds + station.km() * 1000 / reach.velocityMps()));
          }
          break;
        }
        km += reach.lengthKm();
        seconds += reach.lengthKm() * 1000 / reach.velocityMps();
        reach = reach.downstream() == null ? null : network.reach(reach.downstream());
      }
    }
    return new Upstream(found, network);
  }

  public Source source(String enterpriseId) {
    return sources.get(enterpriseId);
  }

  /** The tracer's prior: enterprise → weight, 0 for those not upstream. */
  public Map<String, Double> prior() {
    return Collections.unmodifiableMap(prior);
  }

  /** Nearest first. */
  public List<Source> sources() {
    List<Source> out = new ArrayList<>(sources.values());
    out.sort(Comparator.comparingDouble(Source::travelSeconds));
    return out;
  }
}
