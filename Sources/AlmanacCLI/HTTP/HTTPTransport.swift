import Synchronization
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One HTTP exchange, no policy: the outside world as a value, so tests can point it at a fake
/// server or a recording. Redirects are not followed here; `HTTPClient` follows them and drops
/// the credential when the origin changes (`HTTPCredential`).
public struct HTTPTransport: Sendable {
  public var send: @Sendable (HTTPRequest, _ timeoutSeconds: Int) async throws -> HTTPResponse

  public init(send: @escaping @Sendable (HTTPRequest, Int) async throws -> HTTPResponse) {
    self.send = send
  }

  /// Foundation's URLSession (libcurl on Linux), with caching and cookies off.
  public static func live() -> HTTPTransport {
    let session = LiveSession()
    return HTTPTransport { request, timeout in try await session.send(request, timeout: timeout) }
  }

  /// For stages that must not reach the network (render): every request fails.
  public static let unavailable = HTTPTransport { request, _ in
    throw TransportError.network("no network in this stage (\(request.url))")
  }
}

/// Errors the live transport raises before a response exists.
public enum TransportError: Error, Sendable {
  case timedOut
  case network(String)
  case invalidURL(String)
}

final class LiveSession: NSObject, URLSessionTaskDelegate, Sendable {
  private let session: URLSession
  private let delegate = RedirectRefuser()

  override init() {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    configuration.httpCookieStorage = nil
    configuration.httpShouldSetCookies = false
    let queue = OperationQueue()
    queue.maxConcurrentOperationCount = 1
    session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
  }

  func send(_ request: HTTPRequest, timeout: Int) async throws -> HTTPResponse {
    guard let url = URL(string: request.url), url.scheme == "http" || url.scheme == "https" else {
      throw TransportError.invalidURL(request.url)
    }
    var r = URLRequest(url: url)
    r.httpMethod = request.method
    r.httpBody = request.body
    // Whole seconds: Linux URLSession truncates fractions (0.5 s fires at once).
    r.timeoutInterval = TimeInterval(max(1, timeout))
    for (name, value) in request.headers { r.addValue(value, forHTTPHeaderField: name) }
    let box = TaskBox()
    let delegate = self.delegate
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
        let task = session.dataTask(with: r) { data, response, error in
          if let error {
            let ns = error as NSError
            if ns.code == NSURLErrorTimedOut {
              continuation.resume(throwing: TransportError.timedOut)
            } else if ns.code == NSURLErrorCancelled, let refused = box.taskIdentifier.flatMap(delegate.refusedChallenge) {
              // The server asked for credentials (401): its answer, without the body URLSession drops.
              continuation.resume(returning: HTTPResponse(status: refused.status, headers: refused.headers, body: Data(), url: request.url))
            } else if ns.code == NSURLErrorCancelled {
              continuation.resume(throwing: CancellationError())
            } else {
              continuation.resume(throwing: TransportError.network(ns.localizedDescription))
            }
            return
          }
          guard let http = response as? HTTPURLResponse else {
            continuation.resume(throwing: TransportError.network("no HTTP response"))
            return
          }
          var headers = HTTPHeaders()
          for (key, value) in http.allHeaderFields {
            if let k = key as? String, let v = value as? String { headers.set(k, v) }
          }
          continuation.resume(returning: HTTPResponse(
            status: http.statusCode, headers: headers, body: data ?? Data(), url: http.url?.absoluteString ?? request.url))
        }
        box.set(task)
        task.resume()
      }
    } onCancel: {
      box.cancel()
    }
  }
}

/// Holds the running task so cancellation (the overall deadline) can stop it.
private final class TaskBox: @unchecked Sendable {
  private let lock = NSLock()
  private var task: URLSessionTask?
  private var cancelled = false

  var taskIdentifier: Int? { lock.withLock { task?.taskIdentifier } }

  func set(_ task: URLSessionTask) {
    lock.lock()
    defer { lock.unlock() }
    self.task = task
    if cancelled { task.cancel() }
  }

  func cancel() {
    lock.lock()
    defer { lock.unlock() }
    cancelled = true
    task?.cancel()
  }
}

/// Hands 3xx responses back instead of following them, so the client decides what headers
/// the next hop gets.
private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }

  /// A 401 with `WWW-Authenticate` (ClickHouse sends one for a wrong password) is an answer.
  /// Linux URLSession would wait for credentials that never come (the request hangs); refusing
  /// the challenge ends the task, and the refused response's head is kept for `send`.
  func urlSession(
    _ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
  ) {
    var headers = HTTPHeaders()
    let response = challenge.failureResponse as? HTTPURLResponse
    for (key, value) in response?.allHeaderFields ?? [:] {
      if let k = key as? String, let v = value as? String { headers.set(k, v) }
    }
    refused.withLock { $0[task.taskIdentifier] = (response?.statusCode ?? 401, headers) }
    completionHandler(.cancelAuthenticationChallenge, nil)
  }

  private let refused = Mutex<[Int: (status: Int, headers: HTTPHeaders)]>([:])

  func refusedChallenge(_ taskIdentifier: Int) -> (status: Int, headers: HTTPHeaders)? {
    refused.withLock { $0.removeValue(forKey: taskIdentifier) }
  }
}
