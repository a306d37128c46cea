package io.qingliu.model;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitored river network: reaches flowing downstream, stations on them, enterprises with their outfalls.
 * Immutable once loaded.
 */
public final class Network {

  private final String name;
  private final String timezone;
  private final Map<String, Reach> reaches;
  private final Map<String, Station> stations;
  private final Map<String, Station> byMn = new HashMap<>();
  private final List<Enterprise> enterprises;
  private final JsonObject publicJson;

  public Network(String name, String timezone, List<Reach> reaches, List<Station> stations,
      List<Enterprise> enterprises, JsonObject publicJson) {
    this.name = name;
    this.timezone = timezone;
    this.reaches = index(reaches, Reach::id);
    this.stations = index(stations, Station::id);
    for (Station s : stations) {
      if (s.hj212() != null && byMn.put(s.hj212().mn(), s) != null) {
        throw new IllegalArgumentException("two stations share the HJ 212 MN " + s.hj212().mn());
      }
    }
    this.enterprises = List.copyOf(enterprises);
    this.publicJson = publicJson;
  }

  private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) {
      if (m.put(id.apply(t), t) != null) {
        throw new IllegalArgumentException("duplicate id " + id.apply(t));
      }
    }
    return Collections.unmodifiableMap(m);
  }

  public String name() {
    return name;
  }

  public String timezone() {
    return timezone;
  }

  public Station station(String id) {
    return stations.get(id);
  }

  /** The station whose data logger has this HJ 212 MN, or null. */
  public Station byMn(String mn) {
    return byMn.get(mn);
  }

  public Iterable<Station> stations() {
    return stations.values();
  }

  public int stationCount() {
    return stations.size();
  }

  public Reach reach(String id) {
    return reaches.get(id);
  }

  public List<Enterprise> enterprises() {
    return enterprises;
  }

  /** The stations whose reach is {@code reachId}, in network order. */
  public List<Station> stationsOn(String reachId) {
    List<Station> on = new ArrayList<>();
    for (Station s : stations.values()) {
      if (reachId.equals(s.reach())) {
        on.add(s);
      }
    }
    return on;
  }

  /** The network as the API shows it: everything but the stations' secrets. */
  public JsonObject publicJson() {
    return publicJson;
  }
}
