import Foundation
import Logging

/// The policy layer over an `HTTPTransport`: User-Agent, retries, waits, the overall deadline,
/// redirects, redaction and recording, and the one place that decides where a credential may go
/// (`HTTPCredential`: only to the origin it was bound to; a redirect elsewhere drops it).
public struct HTTPClient: Sendable {
  public var transport: HTTPTransport
  public var policy: RetryPolicy
  public var timeout: Int
  public var userAgent: String
  public var redactor: Redactor
  public var recorder: Recorder?
  public var logger: Logger
  /// Sleeps for the given seconds; tests pass a recorder that returns at once.
  public var sleep: @Sendable (Double) async throws -> Void
  public var now: @Sendable () -> Date
  public var jitter: @Sendable () -> Double
  /// Deadline shared by every request made through this client (one source's budget).
  public var deadline: Date?
  /// The deadline in the words of errors: which budget ran out, and the setting that sets it.
  public var deadlineName = "the source's time budget (http.deadline)"

  /// A source's own reading of an answer: seconds to wait before asking again, or nil for the
  /// generic rule (GitHub retries some 403s, and a secondary 429 without `Retry-After` waits 60 s).
  public var retryRule: (@Sendable (HTTPResponse, Date) -> Double?)?

  public static let maxRedirects = 5

  public init(
    transport: HTTPTransport, policy: RetryPolicy = RetryPolicy(), timeout: Int = 30, userAgent: String = HTTPClient.defaultUserAgent(),
    redactor: Redactor = Redactor(), recorder: Recorder? = nil, logger: Logger = Logger(label: "almanac.http"),
    sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(nanoseconds: UInt64(max(0, $0) * 1e9)) },
    now: @escaping @Sendable () -> Date = { Date() }, jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    deadline: Date? = nil
  ) {
    self.transport = transport
    self.policy = policy
    self.timeout = timeout
    self.userAgent = userAgent
    self.redactor = redactor
    self.recorder = recorder
    self.logger = logger
    self.sleep = sleep
    self.now = now
    self.jitter = jitter
    self.deadline = deadline
  }

  public static let version = "0.1.0"

  public static func defaultUserAgent(contact: String? = nil) -> String {
    "almanac/\(version) (+https://github.com/almanac-stats/almanac\(contact.map { "; \($0)" } ?? ""))"
  }

  /// Sends with retries and redirects. Returns the final response whatever its status (a 404
  /// can be an answer); throws `HTTPFailure` when no usable answer came.
  public func send(_ original: HTTPRequest) async throws(HTTPFailure) -> HTTPResponse {
    var request = original
    request.headers.set("User-Agent", userAgent)
    if request.headers["accept"] == nil { request.headers.set("Accept", "application/json") }
    var attempt = 0
    var redirects = 0
    var credential = original.credential
    if let header = request.headers.first(where: { HTTPCredential.secretHeaders.contains($0.name.lowercased()) }) {
      throw HTTPFailure(
        kind: .credential, purpose: original.purpose, url: redactor.redact(request.url), status: nil,
        detail: "the request sets the credential header `\(header.name)` directly; a credential goes only through HTTPRequest.credential, bound to its origin (no request was made)",
        attempts: 0)
    }
    if let credential, !credential.allows(request.url) {
      throw HTTPFailure(
        kind: .credential, purpose: original.purpose, url: redactor.redact(request.url), status: nil,
        detail: Self.refusal(credential, request.url), attempts: 0)
    }
    while true {
      attempt += 1
      let shownURL = redactor.redact(request.url)
      func failure(_ kind: HTTPFailure.Kind, _ status: Int?, _ detail: String) -> HTTPFailure {
        HTTPFailure(kind: kind, purpose: original.purpose, url: shownURL, status: status, detail: redactor.redact(detail), attempts: attempt)
      }
      let remaining = deadline.map { $0.timeIntervalSince(now()) }
      if let remaining, remaining <= 0 {
        throw failure(.deadline, nil, "\(deadlineName) ran out before the request could be sent")
      }
      let perRequest = remaining.map { min(timeout, max(1, Int($0.rounded(.up)))) } ?? timeout
      let outcome: Result<HTTPResponse, any Error>
      do {
        var current = request
        if let credential { for h in credential.headers { current.headers.set(h.name, h.value) } }
        let wire = current
        outcome = .success(try await withDeadline(seconds: remaining) { try await transport.send(wire, perRequest) })
      } catch {
        outcome = .failure(error)
      }
      var waitFromServer: Double?
      var status: Int?
      var detail: String
      switch outcome {
      case .success(let response):
        if (300...399).contains(response.status), response.status != 304, let location = response.headers["location"] {
          redirects += 1
          guard redirects <= Self.maxRedirects, let next = resolve(location, against: request.url) else {
            throw failure(.status, response.status, "too many redirects or an invalid Location")
          }
          if let held = credential, !held.allows(next) {
            credential = nil
            logger.debug("redirect to another origin; \(held.name) dropped", metadata: ["to": "\(redactor.redact(next))"])
          }
          if response.status == 303 { request.method = "GET"; request.body = nil }
          request.url = next
          attempt -= 1
          continue
        }
        let sourceWait = retryRule?(response, now())
        guard sourceWait != nil || RetryPolicy.isRetryable(status: response.status), original.isFinal?(response) != true else {
          try record(original, request, response)
          return response
        }
        status = response.status
        waitFromServer = sourceWait ?? RetryPolicy.serverWait(response.headers, now: now())
        detail = summary(of: response)
        if attempt >= policy.attempts {
          try record(original, request, response)
          throw failure(response.status == 429 || sourceWait != nil ? .rateLimited : .status, response.status, detail)
        }
      case .failure(let error):
        if error is CancellationError, Task.isCancelled {
          throw failure(.deadline, nil, "cancelled")
        }
        switch error {
        case let miss as ReplayMiss:
          throw failure(.notRecorded, nil, miss.description)
        case is DeadlineExceeded:
          throw failure(.deadline, nil, "no answer within \(deadlineName)")
        case TransportError.timedOut:
          detail = "no answer within \(perRequest) s (http.timeout)"
          if attempt >= policy.attempts { throw failure(.timeout, nil, detail) }
        case TransportError.invalidURL(let url):
          throw failure(.invalidURL, nil, "`\(redactor.redact(url))` is not an http(s) URL")
        case TransportError.network(let message):
          detail = message
          if attempt >= policy.attempts { throw failure(.network, nil, detail) }
        default:
          detail = "\(error)"
          if attempt >= policy.attempts { throw failure(.network, nil, detail) }
        }
      }
      var wait = policy.backoff(afterAttempt: attempt, status: status, unit: jitter())
      if let waitFromServer {
        guard waitFromServer <= policy.maxWait else {
          throw failure(.rateLimited, status, "the server asks to wait \(Int(waitFromServer)) s, more than http.max_retry_wait (\(Int(policy.maxWait)) s); try again later")
        }
        wait = waitFromServer
      }
      if let deadline, now().addingTimeInterval(wait) >= deadline {
        throw failure(status == 429 || status == 403 ? .rateLimited : .deadline, status, "\(detail); waiting \(Int(wait.rounded(.up))) s more would pass \(deadlineName)")
      }
      logger.notice(
        "\(original.purpose): \(status.map { "HTTP \($0)" } ?? redactor.redact(detail)); retrying in \(CanonicalNumber.seconds(wait)) (attempt \(attempt + 1) of \(policy.attempts))")
      do { try await sleep(wait) } catch { throw failure(.deadline, status, "cancelled while waiting to retry") }
    }
  }

  private func summary(of response: HTTPResponse) -> String {
    let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
    let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return oneLine.isEmpty ? "empty body" : "body `\(oneLine.prefix(160))`"
  }

  private func record(_ original: HTTPRequest, _ final: HTTPRequest, _ response: HTTPResponse) throws(HTTPFailure) {
    guard let recorder else { return }
    do {
      try recorder.save(method: original.method, url: redactor.redact(original.url), body: original.body, response: response, redactor: redactor)
    } catch {
      throw HTTPFailure(kind: .network, purpose: original.purpose, url: redactor.redact(original.url), status: response.status, detail: "could not record the exchange: \(error)", attempts: 1)
    }
  }

  /// Why `credential` may not go to `url`, naming both origins, never the secret.
  static func refusal(_ credential: HTTPCredential, _ url: String) -> String {
    let target = HTTPCredential.origin(of: url).map { "\($0)" } ?? "a URL without a clear origin"
    let bound = credential.origin.map { "\($0)" } ?? "no origin (its base URL is not a plain http(s) URL)"
    return "refused to send \(credential.name) to \(target): it is bound to \(bound), the base URL it was configured for; no request was made"
  }

  func resolve(_ location: String, against base: String) -> String? {
    guard let baseURL = URL(string: base), let url = URL(string: location, relativeTo: baseURL) else { return nil }
    return url.absoluteURL.absoluteString
  }
}

struct DeadlineExceeded: Error, Equatable {}

/// Runs `body`, cancelling it if it has not finished within `seconds` (nil: no limit).
func withDeadline<T: Sendable>(seconds: Double?, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
  guard let seconds else { return try await body() }
  return try await withThrowingTaskGroup(of: T.self) { group in
    group.addTask { try await body() }
    group.addTask {
      try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1e9))
      throw DeadlineExceeded()
    }
    defer { group.cancelAll() }
    guard let first = try await group.next() else { throw DeadlineExceeded() }
    return first
  }
}

enum CanonicalNumber {
  static func seconds(_ s: Double) -> String {
    s < 10 ? String(format: "%.1f s", s) : "\(Int(s.rounded())) s"
  }
}
