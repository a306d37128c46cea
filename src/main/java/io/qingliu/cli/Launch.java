package io.qingliu.cli;

import io.qingliu.QingliuServer;
import io.vertx.core.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** What the server commands share: wait for start-up, say where the server is, stop cleanly on Ctrl-C. */
final class Launch {

  private Launch() {}

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
  }

  static void announce(QingliuServer server) {
    var o = server.options();
    System.out.println("Qingliu is running: " + server.network().name() + ", " + server.network().stationCount()
        + " stations");
    System.out.println("  duty page  http://localhost:" + o.getHttpPort() + "/");
    System.out.println("  MQTT       localhost:" + o.getMqtt().getPort()
        + "  (topic qingliu/v1/stations/{id}/readings)");
    System.out.println("  database   " + (o.getDbUrl() == null ? "embedded, in " + o.getDataDir() + "/pg"
        : o.getDbUrl().replaceAll("//([^:@/]+):[^@/]*@", "//$1:***@")));
  }

  static void runUntilStopped(QingliuServer server) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("shutdown: " + e.getMessage());
      }
      stopped.countDown();
    }, "qingliu-shutdown"));
    stopped.await();
  }
}
