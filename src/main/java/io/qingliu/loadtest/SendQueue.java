package io.qingliu.loadtest;

/**
 * A bounded FIFO of readings waiting to be published on one connection: scheduled sends held while the in-flight
 * window is full (the backlog), or publishes to repeat after a reconnect. It never grows: {@link #offer} refuses
 * when full and the caller counts the reading as missed.
 */
final class SendQueue {

  /** Receives queued readings. */
  interface Sink {
    void accept(long intendedNanos, long tsMillis, byte flags);
  }

  private final long[] intended;
  private final long[] ts;
  private final byte[] flags;
  private int head;
  private int size;

  SendQueue(int capacity) {
    intended = new long[Math.max(1, capacity)];
    ts = new long[intended.length];
    flags = new byte[intended.length];
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  boolean offer(long intendedNanos, long tsMillis, byte f) {
    if (size == intended.length) {
      return false;
    }
    int i = (head + size) % intended.length;
    intended[i] = intendedNanos;
    ts[i] = tsMillis;
    flags[i] = f;
    size++;
    return true;
  }

  /** Removes the oldest entry and hands it to {@code sink}. */
  void poll(Sink sink) {
    int i = head;
    head = (head + 1) % intended.length;
    size--;
    sink.accept(intended[i], ts[i], flags[i]);
  }

  void drainTo(Sink sink) {
    while (size > 0) {
      poll(sink);
    }
  }
}
