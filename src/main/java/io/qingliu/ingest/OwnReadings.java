package io.qingliu.ingest;

import io.qingliu.model.Reading;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps the readings a sender may write and refuses the others by name: a station writes only its own data. */
public final class OwnReadings {

  private OwnReadings() {}

  public static ReadingDecoder.Decoded only(String stationId, ReadingDecoder.Decoded d) {
    return allowed(stationId::equals, "may write only its own readings", d);
  }

  /** Keeps the readings whose station {@code mayWrite} accepts. */
  public static ReadingDecoder.Decoded allowed(Predicate<String> mayWrite, String rule, ReadingDecoder.Decoded d) {
    if (allAllowed(mayWrite, d.readings())) {
      return d; // the usual case, once per publish: nothing to copy
    }
    List<Reading> kept = new ArrayList<>(d.readings().size());
    List<Integer> items = new ArrayList<>(d.readings().size());
    List<Reject> rejects = new ArrayList<>(d.rejects());
    for (int i = 0; i < d.readings().size(); i++) {
      Reading r = d.readings().get(i);
      int item = d.items().get(i);
      if (mayWrite.test(r.stationId())) {
        kept.add(r);
        items.add(item);
      } else {
        rejects.add(new Reject(RejectReason.NOT_AUTHORIZED, item, "[" + item + "].station",
            "not allowed to write station " + r.stationId() + ": " + rule));
      }
    }
    return new ReadingDecoder.Decoded(kept, items, rejects);
  }

  private static boolean allAllowed(Predicate<String> mayWrite, List<Reading> readings) {
    for (Reading r : readings) {
      if (!mayWrite.test(r.stationId())) {
        return false;
      }
    }
    return true;
  }
}
