package io.qingliu.checks.events;

import io.qingliu.cli.ReplayCommand;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses a river profile of the options on the Ebro series with a time split: tune on 2011–2013 of stations 905
 * (labelled) and 910 (false alarms only), report 2014–2016. Usage: EbroProfile DIR GRID [BASE].
 */
public final class EbroProfile {
  public static void main(String[] args) throws Exception {
    ReplayCommand.Series a = ReplayCommand.Series.read(Path.of(args[0], "ebro_905_2011_2016.csv"), "Time", "EVENT");
    ReplayCommand.Series b = ReplayCommand.Series.read(Path.of(args[0], "ebro_910_2011_2016.csv"), "Time", "EVENT");
    long split = LocalDateTime.parse("2014-01-01T00:00").toInstant(ZoneOffset.UTC).toEpochMilli();
    List<JsonObject> configs = GeccoCrossValidation.expand(new JsonObject(args.length > 2 ? args[2] : "{}"),
        new JsonObject(args[1]));
    configs.parallelStream().map(c -> {
      DetectorOptions o = new DetectorOptions(c);
      boolean[] pa = SeriesReplay.predict(o, a.names, Set.of(), a.times, a.values, null);
      boolean[] pb = SeriesReplay.predict(o, b.names, Set.of(), b.times, b.values, null);
      int sa = index(a.times, split);
      int sb = index(b.times, split);
      ReplayScore ta = ReplayScore.of(a.labels, pa, a.times, 0, sa);
      ReplayScore va = ReplayScore.of(a.labels, pa, a.times, sa, a.times.length);
      ReplayScore tb = ReplayScore.of(b.labels, pb, b.times, 0, sb);
      ReplayScore vb = ReplayScore.of(b.labels, pb, b.times, sb, b.times.length);
      return String.format(Locale.ROOT, "tune 905 %2d/%2d %.3f/d 910 %.3f/d | test 905 %2d/%2d %.3f/d 910 %.3f/d | %s",
          ta.eventsDetected(), ta.events(), ta.falseAlarmEpisodesPerDay(), tb.falseAlarmEpisodesPerDay(),
          va.eventsDetected(), va.events(), va.falseAlarmEpisodesPerDay(), vb.falseAlarmEpisodesPerDay(),
          GeccoCrossValidation.diff(new JsonObject(), c));
    }).sorted().forEachOrdered(System.out::println);
  }

  static int index(long[] times, long t) {
    int i = 0;
    while (i < times.length && times[i] < t) {
      i++;
    }
    return i;
  }
}
