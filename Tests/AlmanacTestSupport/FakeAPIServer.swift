import Foundation

/// A real HTTP/1.1 server on a loopback port, for tests that exercise the HTTP client end to end.
///
/// Each instance listens on its own ephemeral port, so parallel tests never share one. Every
/// connection is served on its own thread and carries one request: the response goes out with
/// `Connection: close` and the socket is closed. Responses come, in this order, from
/// `failNext`, the path's `enqueue`d script, an exact `route`, the longest prefix `route`
/// (`"/api/*"`), the path's last scripted response, and finally the `fallback` (404
/// `{"message":"Not Found"}` unless replaced).
///
/// Call `stop()` when done (`deinit` also stops, but a handler that captures the server keeps
/// it alive). Connection threads end by themselves; a `delay` or `slowDrip` is cut short when
/// the client hangs up or the server stops.
///
/// ```swift
/// let server = try FakeAPIServer()
/// defer { server.stop() }
/// server.route("/repos/o/r") { _ in .json(#"{"stargazers_count":3}"#) }
/// server.enqueue("/repos/o/r", [.html(503, "<h1>busy</h1>")])
/// ```
public final class FakeAPIServer: @unchecked Sendable {
  /// The address the server listens on.
  public let host: String
  /// The port the system chose.
  public let port: Int
  private let state: ServerState

  /// Binds `host` (an IPv4 address) on an ephemeral port and starts serving at once.
  public init(host: String = "127.0.0.1") throws {
    let (fd, port) = try Socket.listening(host: host)
    self.host = host
    self.port = port
    let state = ServerState(listener: fd)
    self.state = state
    Thread.detachNewThread { Connection.acceptLoop(listener: fd, state: state) }
  }

  deinit { stop() }

  /// `http://HOST:PORT`, without a trailing slash.
  public var baseURL: String { "http://\(host):\(port)" }

  /// Stops accepting, aborts the waits of connections in progress and closes every socket.
  /// Safe to call more than once.
  public func stop() { state.stop() }

  /// Answers `method` requests for `path` (the path without its query) with `handler`. A path
  /// ending in `*` matches every path with that prefix; method `*` matches every method. A later
  /// registration for the same route wins.
  public func route(
    _ method: String, _ path: String, _ handler: @escaping @Sendable (FakeRequest) -> FakeResponse
  ) {
    state.addRoute(method, path, handler)
  }

  /// Answers `GET` requests for `path` with `handler`.
  ///
  /// (Swift cannot skip a defaulted leading unlabeled parameter, so `route("/x") { … }` needs
  /// this overload rather than a default method.)
  public func route(_ path: String, _ handler: @escaping @Sendable (FakeRequest) -> FakeResponse) {
    state.addRoute("GET", path, handler)
  }

  /// Answers `method` requests for `path` with the fixed `response`.
  public func route(_ method: String, _ path: String, _ response: FakeResponse) {
    state.addRoute(method, path) { _ in response }
  }

  /// Answers `GET` requests for `path` with the fixed `response`.
  public func route(_ path: String, _ response: FakeResponse) {
    route("GET", path, response)
  }

  /// Answers every request that nothing else answers.
  public func fallback(_ handler: @escaping @Sendable (FakeRequest) -> FakeResponse) {
    state.setFallback(handler)
  }

  /// Scripts the next answers for `path`, any method: each request pops one response. Once the
  /// script is used up, the route answers, or, with no route, the last scripted response again.
  public func enqueue(_ path: String, _ responses: [FakeResponse]) {
    state.enqueue(path, responses)
  }

  /// Answers the next `count` requests, whatever their path, with `response`.
  public func failNext(_ count: Int, with response: FakeResponse) {
    state.intercept(Array(repeating: response, count: max(0, count)))
  }

  /// Forgets the `failNext` answers not sent yet.
  public func clearFailNext() { state.clearInterceptions() }

  /// Every request received so far, oldest first.
  public var requests: [FakeRequest] { state.requests }
}
