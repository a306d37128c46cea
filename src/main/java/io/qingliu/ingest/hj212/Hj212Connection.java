package io.qingliu.ingest.hj212;

import io.qingliu.config.Hj212Options;
import io.qingliu.ingest.RefusedException;
import io.qingliu.ingest.Reject;
import io.qingliu.ingest.RejectLog;
import io.qingliu.ingest.RejectReason;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One data logger's TCP connection. Frames by the {@code ##} + length header, stores each upload and writes its 9014
 * answer once committed. What it will hold is bounded, and the three ways a connection can misbehave each end it with
 * a log line and a counter: half a frame that never completes (stall), bytes that never form a frame (garbage), and
 * more frames per second than any logger sends (flood). Runs on the connection's event loop.
 */
final class Hj212Connection {

  private static final Logger LOG = LoggerFactory.getLogger(Hj212Connection.class);

  private final NetSocket socket;
  private final Hj212Options options;
  private final Hj212Ingest ingest;
  private final RejectLog rejects;
  private final Hj212Counters counters;
  private final Context context;
  private final Hj212Framer framer = new Hj212Framer(Hj212Options.MAX_FRAME_BYTES);
  private long stallTimer = -1;
  private int garbageInARow;
  private long windowStart;
  private int framesInWindow;
  private int inFlight;
  private boolean paused;
  private boolean closed;

  Hj212Connection(NetSocket socket, Hj212Options options, Hj212Ingest ingest, RejectLog rejects,
      Hj212Counters counters) {
    this.socket = socket;
    this.options = options;
    this.ingest = ingest;
    this.rejects = rejects;
    this.counters = counters;
    this.context = Vertx.currentContext();
  }

  void start() {
    counters.connected();
    socket.handler(this::onBytes);
    socket.closeHandler(v -> {
      closed = true;
      cancelStallTimer();
      counters.disconnected();
    });
    socket.exceptionHandler(e -> LOG.debug("HJ 212 connection {}: {}", socket.remoteAddress(), e.getMessage()));
  }

  private void onBytes(Buffer chunk) {
    for (Hj212Framer.Result r : framer.feed(chunk.getBytes())) {
      if (closed) {
        return;
      }
      if (r instanceof Hj212Framer.Frame f) {
        garbageInARow = 0;
        onFrame(f);
      } else if (r instanceof Hj212Framer.Error e) {
        rejects.record(Hj212Ingest.PROTOCOL, null, new Reject(RejectReason.BAD_FRAME, e.reason().name(), e.detail()));
        if (e.reason() == Hj212Error.GARBAGE) {
          garbageInARow += e.bytes();
          if (garbageInARow > options.getMaxGarbageBytes()) {
            cutOff("garbage", garbageInARow + " bytes without an HJ 212 frame");
            return;
          }
        }
      }
    }
    if (framer.midFrame()) {
      if (stallTimer < 0) {
        stallTimer = context.owner().setTimer(options.getStallMillis(), t -> {
          stallTimer = -1;
          if (framer.midFrame()) {
            cutOff("stall", "half a frame for " + options.getStallMillis() + " ms");
          }
        });
      }
    } else {
      cancelStallTimer();
    }
  }

  private void onFrame(Hj212Framer.Frame f) {
    long now = System.currentTimeMillis();
    if (now - windowStart >= 1000) {
      windowStart = now;
      framesInWindow = 0;
    }
    if (++framesInWindow > options.getMaxFramesPerSecond()) {
      cutOff("flood", "more than " + options.getMaxFramesPerSecond() + " frames in a second");
      return;
    }
    if (++inFlight >= options.getMaxInFlight() && !paused) {
      paused = true;
      socket.pause();
    }
    ingest.ingest(f.segment(), f.crcHex(), null).onComplete(ar -> context.runOnContext(v -> {
      inFlight--;
      if (paused && inFlight < options.getMaxInFlight() / 2) {
        paused = false;
        socket.resume();
      }
      if (closed) {
        return;
      }
      if (ar.succeeded()) {
        if (ar.result() != null) {
          socket.write(ar.result());
        }
      } else if (!(ar.cause() instanceof RefusedException)) {
        LOG.warn("HJ 212 frame from {} not stored: {}", socket.remoteAddress(), ar.cause().toString());
      }
    }));
  }

  private void cutOff(String why, String detail) {
    LOG.warn("closing HJ 212 connection {}: {} ({})", socket.remoteAddress(), why, detail);
    counters.cutOff(why);
    closed = true;
    cancelStallTimer();
    socket.close();
  }

  private void cancelStallTimer() {
    if (stallTimer >= 0) {
      context.owner().cancelTimer(stallTimer);
      stallTimer = -1;
    }
  }
}
