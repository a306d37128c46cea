package io.qingliu.loadtest;

/**
 * The publishes of one connection that await their PUBACK, by MQTT packet id (1..65535): when each was meant to be
 * sent and which reading it carried. Open addressing with linear probing sized for the connection's window, so a
 * connection costs a few hundred bytes however long the run; used from the connection's event loop only.
 */
final class InflightTable {

  private final int[] keys;
  private final long[] intended;
  private final long[] ts;
  private final byte[] flags;
  private final int mask;
  private int size;

  InflightTable(int window) {
    int cap = Integer.highestOneBit(Math.max(4, window * 2) - 1) << 1;
    keys = new int[cap];
    intended = new long[cap];
    ts = new long[cap];
    flags = new byte[cap];
    mask = cap - 1;
  }

  int size() {
    return size;
  }

  void put(int id, long intendedNanos, long tsMillis, byte f) {
    if (size >= keys.length - 1) {
      throw new IllegalStateException("in-flight table full: the window must be smaller than " + keys.length / 2);
    }
    int i = slot(id);
    while (keys[i] != 0 && keys[i] != id) {
      i = (i + 1) & mask;
    }
    if (keys[i] == 0) {
      size++;
    }
    keys[i] = id;
    intended[i] = intendedNanos;
    ts[i] = tsMillis;
    flags[i] = f;
  }

  /** The slot holding {@code id}, or -1. */
  int find(int id) {
    int i = slot(id);
    while (keys[i] != 0) {
      if (keys[i] == id) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  long intendedAt(int slot) {
    return intended[slot];
  }

  long tsAt(int slot) {
    return ts[slot];
  }

  byte flagsAt(int slot) {
    return flags[slot];
  }

  /** Removes the entry in {@code slot} (backward-shift deletion keeps probe chains intact). */
  void removeAt(int slot) {
    int hole = slot;
    int i = slot;
    while (true) {
      i = (i + 1) & mask;
      if (keys[i] == 0) {
        break;
      }
      int home = slot(keys[i]);
      // Move entry i into the hole if its home is not cyclically within (hole, i].
      boolean between = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
      if (!between) {
        keys[hole] = keys[i];
        intended[hole] = intended[i];
        ts[hole] = ts[i];
        flags[hole] = flags[i];
        hole = i;
      }
    }
    keys[hole] = 0;
    size--;
  }

  /** Hands every entry to {@code sink} and empties the table. */
  void drainTo(SendQueue.Sink sink) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != 0) {
        sink.accept(intended[i], ts[i], flags[i]);
        keys[i] = 0;
      }
    }
    size = 0;
  }

  private int slot(int id) {
    return (id * 0x9E3779B1) >>> 16 & mask;
  }
}
