package io.qingliu.shard;

import io.qingliu.checks.Finding;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;

/**
 * What a replay of a station's stored readings through its new checks concluded: per condition, its latest finding
 * and, while that one fires, since when it has fired without a break. The alert book counts a pending rule's time
 * from there, as it did when the readings first came in.
 */
final class Replayed implements Consumer<Finding> {

  private final Map<String, Finding> latest = new HashMap<>();
  private final Map<String, Long> firingSince = new HashMap<>();

  @Override
  public void accept(Finding f) {
    String key = f.kind().key() + '\u0000' + f.parameterKey();
    latest.put(key, f);
    if (f.firing()) {
      firingSince.putIfAbsent(key, f.atMillis());
    } else {
      firingSince.remove(key);
    }
  }

  /** Each condition still firing at the end of the replay, with the time its firing began. */
  void forEachFiring(ObjLongConsumer<Finding> out) {
    latest.forEach((key, f) -> {
      if (f.firing()) {
        out.accept(f, firingSince.get(key));
      }
    });
  }
}
