package io.qingliu.loadtest;

/**
 * What one sender (an event loop's connections, or the HTTP sender) has done. Written by its own thread only; the
 * fields are volatile so the once-a-second sampler on another thread reads current values.
 */
final class Counters {

  /** Readings published (or posted) for the first time. */
  volatile long sent;
  /** Readings whose PUBACK (or HTTP "accepted") arrived. */
  volatile long acked;
  /** Publishes repeated after a reconnect (not counted in {@link #sent}). */
  volatile long resent;
  /** Scheduled readings never sent: the backlog behind a full window was full too, or the run ended first. */
  volatile long missed;
  /** Readings refused by the server with a reason it tells (HTTP 503/4xx items, PUBACK expiry). */
  volatile long refused;
  volatile long ackTimeouts;
  volatile long unknownAcks;
  volatile long disconnects;
  volatile long reconnects;
  volatile long connectFailures;
  /** Readings in flight and waiting in backlogs now. */
  volatile long inflight;
  volatile long backlog;
  /** The latest send behind its intended time, ns: how far the generator itself is late. */
  volatile long maxSendLagNanos;
  long tsMin = Long.MAX_VALUE;
  long tsMax = Long.MIN_VALUE;

  void ts(long ts) {
    if (ts < tsMin) {
      tsMin = ts;
    }
    if (ts > tsMax) {
      tsMax = ts;
    }
  }

  void lag(long nanos) {
    if (nanos > maxSendLagNanos) {
      maxSendLagNanos = nanos;
    }
  }
}
