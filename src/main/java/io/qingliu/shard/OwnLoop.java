package io.qingliu.shard;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The event-loop thread some state is confined to, and its context. Work already on that thread runs inline: a task
 * handed through the event loop's queue costs an allocation, a queue slot and often a wake-up, and the ingest path
 * would pay it twice per publish. "Already there" is decided by the thread, not by context identity, because Vert.x
 * may run a connection's handlers on a duplicate of the context its listener was started on.
 */
public final class OwnLoop {

  private final Context context;
  private final Thread thread;

  private OwnLoop(Context context, Thread thread) {
    this.context = context;
    this.thread = thread;
  }

  /** The calling event loop. */
  public static OwnLoop current() {
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext()) {
      throw new IllegalStateException("not on an event loop");
    }
    return new OwnLoop(context, Thread.currentThread());
  }

  public boolean isHere() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code work} on this loop once {@code delayMs} have passed. */
  public void later(long delayMs, Runnable work) {
    context.owner().setTimer(delayMs, id -> execute(work));
  }

  /** Runs {@code work} now when called on this loop, else as a task on it. */
  public void execute(Runnable work) {
    if (isHere()) {
      work.run();
    } else {
      context.runOnContext(v -> work.run());
    }
  }
}
