package io.qingliu.checks.events;

import io.qingliu.cli.ReplayCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Time-ordered cross-validation of the detector options on the GECCO 2018 training set (forward chaining: tune on
 * the blocks before, measure on the next block; never random rows, neighbouring minutes leak). The detector runs over
 * the whole series once per candidate (it is causal and never sees the labels); only the scoring is split.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) io.qingliu.checks.events.GeccoCrossValidation \
 *   ../shared/data/gecco/geccoIC2018Train.csv '{"threshold":[4,5,6]}' ['{base options}']
 * </pre>
 */
public final class GeccoCrossValidation {

  /** Block boundaries (UTC): each block holds whole clusters of events. */
  static final String[] BOUNDARIES = {"2016-08-31T00:00", "2016-09-17T00:00", "2016-09-24T00:00"};

  record Candidate(JsonObject json, boolean[] predicted) {}

  public static void main(String[] args) throws Exception {
    ReplayCommand.Series s = ReplayCommand.Series.read(Path.of(args[0]), "Time", "EVENT");
    JsonObject grid = new JsonObject(args.length > 1 ? args[1] : "{}");
    JsonObject base = new JsonObject(args.length > 2 ? args[2] : "{}");
    double maxFalseAlarms = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    Set<String> context = Set.of("Tp", "Fm", "Fm_2");
    int[] cut = cuts(s.times);
    List<JsonObject> configs = expand(base, grid);
    System.out.println(configs.size() + " candidates, blocks at rows " + java.util.Arrays.toString(cut));
    List<Candidate> candidates = IntStream.range(0, configs.size()).parallel()
        .mapToObj(i -> new Candidate(configs.get(i), SeriesReplay.predict(new DetectorOptions(configs.get(i)),
            s.names, context, s.times, s.values, null)))
        .toList();

    boolean[] pooled = new boolean[s.times.length];
    for (int fold = 1; fold < cut.length - 1; fold++) {
      int trainEnd = cut[fold];
      int testEnd = cut[fold + 1];
      Candidate best = best(candidates, s, 0, trainEnd, maxFalseAlarms);
      ReplayScore train = ReplayScore.of(s.labels, best.predicted, s.times, 0, trainEnd);
      ReplayScore test = ReplayScore.of(s.labels, best.predicted, s.times, trainEnd, testEnd);
      System.arraycopy(best.predicted, trainEnd, pooled, trainEnd, testEnd - trainEnd);
      System.out.printf(Locale.ROOT, "fold %d  tune rows [0,%d) %s%n         test rows [%d,%d) %s%n         %s%n",
          fold, trainEnd, train.summary(), trainEnd, testEnd, test.summary(), diff(base, best.json));
    }
    System.out.println("pooled test " + ReplayScore.of(s.labels, pooled, s.times, cut[1], s.times.length).summary());
    Candidate all = best(candidates, s, 0, s.times.length, maxFalseAlarms);
    System.out.println("best on all " + ReplayScore.of(s.labels, all.predicted, s.times).summary() + "  "
        + diff(base, all.json));
    candidates.stream()
        .sorted(Comparator.comparingDouble(c -> -ReplayScore.of(s.labels, c.predicted, s.times).f1()))
        .limit(args.length > 4 ? Integer.parseInt(args[4]) : 10)
        .forEach(c -> {
          StringBuilder b = new StringBuilder();
          for (int f = 0; f < cut.length - 1; f++) {
            b.append(String.format(Locale.ROOT, " %.3f", ReplayScore.of(s.labels, c.predicted, s.times, cut[f],
                cut[f + 1]).f1()));
          }
          System.out.println("  " + ReplayScore.of(s.labels, c.predicted, s.times).summary() + " | blocks" + b
              + " | " + diff(base, c.json));
        });
  }

  static int[] cuts(long[] times) {
    int[] cut = new int[BOUNDARIES.length + 2];
    for (int b = 0; b < BOUNDARIES.length; b++) {
      long t = LocalDateTime.parse(BOUNDARIES[b]).toInstant(ZoneOffset.UTC).toEpochMilli();
      int i = 0;
      while (times[i] < t) {
        i++;
      }
      cut[b + 1] = i;
    }
    cut[cut.length - 1] = times.length;
    return cut;
  }

  static Candidate best(List<Candidate> cs, ReplayCommand.Series s, int from, int to, double maxFalseAlarms) {
    Candidate best = null;
    double bestF1 = -1;
    for (Candidate c : cs) {
      ReplayScore r = ReplayScore.of(s.labels, c.predicted, s.times, from, to);
      double f1 = r.falseAlarmEpisodesPerDay() <= maxFalseAlarms ? r.f1() : r.f1() - 1;
      if (f1 > bestF1) {
        bestF1 = f1;
        best = c;
      }
    }
    return best;
  }

  static List<JsonObject> expand(JsonObject base, JsonObject grid) {
    List<JsonObject> out = new ArrayList<>();
    out.add(base.copy());
    for (String key : grid.fieldNames()) {
      JsonArray values = grid.getJsonArray(key);
      List<JsonObject> next = new ArrayList<>();
      for (JsonObject o : out) {
        for (Object v : values) {
          next.add(o.copy().put(key, v));
        }
      }
      out = next;
    }
    return out;
  }

  static String diff(JsonObject base, JsonObject c) {
    JsonObject d = new JsonObject();
    for (String k : c.fieldNames()) {
      if (!c.getValue(k).equals(base.getValue(k))) {
        d.put(k, c.getValue(k));
      }
    }
    return d.encode();
  }
}
