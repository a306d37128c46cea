package io.qingliu.ingest.hj212;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Puts split uploads back together (Flag D, PNUM/PNO): the parts of one upload share MN, CN and DataTime (HJ 212-2017
 * Table C.50) but each has its own QN. Bounded: at most {@link #MAX_OPEN} uploads wait for their missing parts, each
 * for at most {@code maxWaitMillis}; the oldest is dropped first. Thread-confined to its owner.
 *
 * @param <P> what the caller keeps per part (the packet and whatever it must answer once the whole is stored)
 */
public final class Hj212Reassembler<P> {

  /** Uploads waiting for parts at once; a logger that sends part 1 of ever new uploads cannot grow this. */
  public static final int MAX_OPEN = 256;

  private record Open<P>(long since, int total, Map<Integer, P> parts) {}

  private final long maxWaitMillis;
  private final Map<String, Open<P>> open = new LinkedHashMap<>();

  public Hj212Reassembler(long maxWaitMillis) {
    this.maxWaitMillis = maxWaitMillis;
  }

  /**
   * Adds part {@code pno} of {@code pnum}; answers every part, in PNO order, once the last one arrived, else null.
   *
   * @param expired receives the parts of uploads given up on (too old, or evicted to stay bounded)
   */
  public List<P> add(String key, int pno, int pnum, P part, long nowMillis, Consumer<P> expired) {
    sweep(nowMillis, expired);
    Open<P> o = open.get(key);
    if (o == null || o.total != pnum) {
      if (o != null) {
        o.parts.values().forEach(expired);
      }
      if (open.size() >= MAX_OPEN) {
        Iterator<Open<P>> oldest = open.values().iterator();
        oldest.next().parts.values().forEach(expired);
        oldest.remove();
      }
      o = new Open<>(nowMillis, pnum, new TreeMap<>());
      open.put(key, o);
    }
    P replaced = o.parts.put(pno, part);
    if (replaced != null) {
      // A retransmitted part: the sender gave up on the old copy, so only the new one will be answered.
      expired.accept(replaced);
    }
    if (o.parts.size() < pnum) {
      return null;
    }
    open.remove(key);
    return new ArrayList<>(o.parts.values());
  }

  /** Gives up on the uploads that waited too long for their missing parts. */
  public void sweep(long nowMillis, Consumer<P> expired) {
    for (Iterator<Open<P>> it = open.values().iterator(); it.hasNext(); ) {
      Open<P> o = it.next();
      if (nowMillis - o.since > maxWaitMillis) {
        o.parts.values().forEach(expired);
        it.remove();
      }
    }
  }
}
