import Foundation

/// What a `FakeAPIServer` knows, behind one lock: routes, scripted queues, the request log and
/// the open sockets. Shared by the server object and its threads; handlers run outside the lock.
final class ServerState: @unchecked Sendable {
  typealias Handler = @Sendable (FakeRequest) -> FakeResponse

  private struct Route {
    var method: String
    var path: String
    var isPrefix: Bool
    var handler: Handler

    func matches(_ request: FakeRequest) -> Bool {
      guard method == "*" || method == request.method else { return false }
      return isPrefix ? request.path.hasPrefix(path) : request.path == path
    }
  }

  private let lock = NSLock()
  private var routes: [Route] = []
  private var fallback: Handler = { _ in .notFound }
  private var queues: [String: [FakeResponse]] = [:]
  private var lastQueued: [String: FakeResponse] = [:]
  private var interceptions: [FakeResponse] = []
  private var log: [FakeRequest] = []
  private var connections: Set<Int32> = []
  private var listener: Int32?

  init(listener: Int32) { self.listener = listener }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  func addRoute(_ method: String, _ path: String, _ handler: @escaping Handler) {
    let isPrefix = path.hasSuffix("*")
    let route = Route(
      method: method, path: isPrefix ? String(path.dropLast()) : path, isPrefix: isPrefix,
      handler: handler)
    // Newest first, so a later registration overrides an earlier one.
    locked { routes.insert(route, at: 0) }
  }

  func setFallback(_ handler: @escaping Handler) { locked { fallback = handler } }

  func enqueue(_ path: String, _ responses: [FakeResponse]) {
    locked { queues[path, default: []] += responses }
  }

  func intercept(_ responses: [FakeResponse]) { locked { interceptions += responses } }

  func clearInterceptions() { locked { interceptions = [] } }

  var requests: [FakeRequest] { locked { log } }

  /// Records `request` and picks its response: an interception, then the path's queue, then
  /// an exact route, then the longest prefix route, then the last queued response, then the
  /// fallback.
  func respond(to request: FakeRequest) -> FakeResponse {
    let choice: Answer = locked {
      log.append(request)
      if !interceptions.isEmpty { return .response(interceptions.removeFirst()) }
      if var queue = queues[request.path], !queue.isEmpty {
        let next = queue.removeFirst()
        queues[request.path] = queue
        lastQueued[request.path] = next
        return .response(next)
      }
      let candidates = routes.filter { $0.matches(request) }
      if let exact = candidates.first(where: { !$0.isPrefix }) { return .handler(exact.handler) }
      if let prefix = candidates.max(by: { $0.path.count < $1.path.count }) {
        return .handler(prefix.handler)
      }
      if let last = lastQueued[request.path] { return .response(last) }
      return .handler(fallback)
    }
    switch choice {
    case .response(let response): return response
    case .handler(let handler): return handler(request)
    }
  }

  private enum Answer {
    case response(FakeResponse)
    case handler(Handler)
  }

  /// Tracks an accepted socket; `false` (and the caller closes it) once the server stopped.
  func open(_ fd: Int32) -> Bool {
    locked { listener != nil ? connections.insert(fd).inserted : false }
  }

  /// Forgets `fd` and closes it, under the lock so that `stop` never shuts down a descriptor
  /// number the system has already handed out again.
  func finish(_ fd: Int32) {
    locked {
      connections.remove(fd)
      close(fd)
    }
  }

  var isStopped: Bool { locked { listener == nil } }

  /// Wakes the accept loop and every connection thread; they close their own sockets.
  func stop() {
    locked {
      guard let fd = listener else { return }
      listener = nil
      shutdown(fd, Int32(SHUT_RDWR))
      for connection in connections { shutdown(connection, Int32(SHUT_RDWR)) }
    }
  }
}
