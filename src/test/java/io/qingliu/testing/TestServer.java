package io.qingliu.testing;

import io.qingliu.QingliuServer;
import io.qingliu.config.QingliuOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real Qingliu on free ports and a fresh database, with the clients tests talk to it through: MQTT stations, an
 * officer's HTTP session and the WebSocket.
 */
public final class TestServer implements AutoCloseable {

  public static final String NETWORK = "src/test/resources/test-network.json";

  public final TestDatabase db;
  public final QingliuServer server;
  public final Vertx client = Vertx.vertx();
  /**
   * Held for the server's lifetime: Vert.x closes a WebSocket client, and with it every page's socket, once nothing
   * references it (a local one was collected mid-test and a page stopped hearing alerts).
   */
  private final WebSocketClient webSockets = client.createWebSocketClient();
  public final int mqttPort;
  public final int httpPort;
  public final int hj212Port;
  private final QingliuOptions options;
  private final Clock clock;

  private TestServer(TestDatabase db, QingliuServer server, QingliuOptions options, Clock clock) {
    this.db = db;
    this.server = server;
    this.options = options;
    this.clock = clock;
    this.mqttPort = options.getMqtt().getPort();
    this.httpPort = options.getHttpPort();
    this.hj212Port = options.getHj212().getPort();
  }

  public static TestServer start(Clock clock) {
    return start(clock, o -> { });
  }

  public static TestServer start(Clock clock, Consumer<QingliuOptions> tune) {
    TestDatabase db = TestDatabase.create();
    int mqtt = FreePort.next();
    int http = FreePort.next();
    QingliuOptions options = new QingliuOptions().setDbUrl(db.url()).setHttpPort(http).setNetworkFile(NETWORK)
        .setShards(2).setOfficers(new JsonArray()
            .add(new JsonObject().put("username", "officer").put("password", "officer-pw").put("role", "officer")
                .put("displayName", "值班员"))
            .add(new JsonObject().put("username", "viewer").put("password", "viewer-pw").put("role", "viewer")
                .put("displayName", "观察员"))
            .add(new JsonObject().put("username", "admin").put("password", "admin-pw").put("role", "admin")
                .put("displayName", "管理员")));
    options.getMqtt().setPort(mqtt);
    options.getHj212().setPort(FreePort.next());
    tune.accept(options);
    try {
      return new TestServer(db, await(QingliuServer.start(options, clock)), options, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getCause() != null ? e.getCause() : e);
    }
  }

  /** A connected MQTT 3.1.1 station. */
  public MqttClient station(String id, String secret) {
    MqttClient c = MqttClient.create(client, new MqttClientOptions().setUsername(id).setPassword(secret)
        .setClientId("test-" + id + "-" + System.nanoTime()));
    await(c.connect(mqttPort, "localhost"));
    return c;
  }

  /** A connected MQTT 5 station (Eclipse Paho), to see PUBACK reason codes and strings. */
  public MqttAsyncClient mqtt5(String id, String secret) {
    try {
      MqttAsyncClient c = new MqttAsyncClient("tcp://localhost:" + mqttPort, "paho-" + id + "-" + System.nanoTime(),
          new MemoryPersistence());
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setUserName(id);
      o.setPassword(secret.getBytes(StandardCharsets.UTF_8));
      c.connect(o).waitForCompletion(10_000);
      return c;
    } catch (MqttException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HTTP session (cookies kept) logged in as {@code username}; the XSRF token is echoed on every request. */
  public Officer login(String username, String password) {
    WebClientSession web = WebClientSession.create(WebClient.create(client,
        new WebClientOptions().setDefaultHost("localhost").setDefaultPort(httpPort)));
    Officer o = new Officer(web);
    HttpResponse<Buffer> r = o.post("/api/v1/login", new JsonObject().put("username", username)
        .put("password", password));
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return o;
  }

  /** An officer's browser-like session. */
  public final class Officer {
    public final WebClientSession web;

    Officer(WebClientSession web) {
      this.web = web;
    }

    private String xsrf() {
      // A GET hands out the token cookie; state-changing requests must echo it.
      await(web.get("/api/v1/session").send());
      return web.cookieStore().get(false, "localhost", "/").iterator().hasNext()
          ? cookie("XSRF-TOKEN") : "";
    }

    private String cookie(String name) {
      for (var c : web.cookieStore().get(false, "localhost", "/")) {
        if (c.name().equals(name)) {
          return c.value();
        }
      }
      return "";
    }

    public HttpResponse<Buffer> get(String path) {
      return await(web.get(path).send());
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) {
      String token = xsrf();
      return await(web.post(path).putHeader("X-XSRF-TOKEN", token).sendJsonObject(body));
    }

    public HttpResponse<Buffer> put(String path, JsonObject body) {
      String token = xsrf();
      return await(web.put(path).putHeader("X-XSRF-TOKEN", token).sendJsonObject(body));
    }

    /** Opens the live WebSocket with this session's cookie; every message is appended to the returned list. */
    public List<JsonObject> webSocket(String query) {
      List<JsonObject> messages = new CopyOnWriteArrayList<>();
      StringBuilder cookies = new StringBuilder();
      for (var c : web.cookieStore().get(false, "localhost", "/")) {
        cookies.append(c.name()).append('=').append(c.value()).append("; ");
      }
      // The handler is set on the event loop as the socket opens, so not even the first message can slip by.
      await(webSockets.connect(new WebSocketConnectOptions().setHost("localhost").setPort(httpPort)
          .setURI("/ws" + query).addHeader("Cookie", cookies.toString()))
          .onSuccess(ws -> ws.textMessageHandler(t -> messages.add(new JsonObject(t)))));
      return messages;
    }
  }

  /**
   * Stops this server and starts a new one on the same database, ports and options, as an operator's restart
   * does. This instance is spent: close the returned one.
   */
  public TestServer restart() {
    await(server.close());
    await(client.close());
    return new TestServer(db, await(QingliuServer.start(options, clock)), options, clock);
  }

  @Override
  public void close() {
    try {
      await(server.close());
      await(client.close());
    } finally {
      db.close();
    }
  }
}
