package io.qingliu.loadtest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A station as the generator plays it: its id, credentials and topic, and the clock of its readings. Several
 * connections may play the same station (when more connections are asked for than the network has stations); they
 * share this object so the station's measurement times stay unique and increasing whoever sends them.
 */
final class Identity {

  final int index;
  final String id;
  /** Null when the broker takes anonymous clients ({@code --no-auth}). */
  final String secret;
  final String topic;
  /** GB 3838 target class, 0 for outfalls and synthetic stations: only river and lake stations are sent alert bursts. */
  final int targetClass;
  private final AtomicLong lastTs = new AtomicLong(Long.MIN_VALUE);
  /** How many connections play this station. */
  int connections;

  Identity(int index, String id, String secret, int targetClass) {
    this.index = index;
    this.id = id;
    this.secret = secret;
    this.targetClass = targetClass;
    this.topic = "qingliu/v1/stations/" + id + "/readings";
  }

  /** Readings of this station must be newer than this (the latest the database already holds). */
  void floor(long epochMillis) {
    lastTs.accumulateAndGet(epochMillis, Math::max);
  }

  /** The measurement time of the next reading: its intended send time, or 1 ms after the previous one if that is later. */
  long nextTs(long intendedEpochMillis) {
    return nextTs(intendedEpochMillis, 1);
  }

  /** Reserves {@code count} consecutive milliseconds for as many readings sent together; returns the first. */
  long nextTs(long intendedEpochMillis, int count) {
    while (true) {
      long prev = lastTs.get();
      long next = prev == Long.MIN_VALUE ? intendedEpochMillis : Math.max(intendedEpochMillis, prev + 1);
      if (lastTs.compareAndSet(prev, next + count - 1)) {
        return next;
      }
    }
  }
}
