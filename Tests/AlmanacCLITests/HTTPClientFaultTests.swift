import AlmanacKit
import Foundation
import Logging
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Records the waits the client asks for instead of sleeping, so retry tests are instant.
final class Sleeps: @unchecked Sendable {
  private let lock = NSLock()
  private var waits: [Double] = []
  var all: [Double] { lock.withLock { waits } }
  func sleep(_ seconds: Double) { lock.withLock { waits.append(seconds) } }
}

/// Captures log lines so tests can look for secrets in them.
final class LogLines: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  var all: [String] { lock.withLock { lines } }
  func add(_ s: String) { lock.withLock { lines.append(s) } }

  var logger: Logger {
    Logger(label: "test") { _ in Handler(sink: self) }
  }

  struct Handler: LogHandler {
    let sink: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
      sink.add("\(event.level) \(event.message) \(event.metadata.map { "\($0)" } ?? "")")
    }
  }
}

/// 30 s by default: an answer the suite's own load delays must not fail a test whose subject is
/// not the timeout; the tests of the timeout pass 1.
func client(attempts: Int = 3, timeout: Int = 30, sleeps: Sleeps = Sleeps(), logs: LogLines = LogLines(), secrets: [String] = [], recorder: Recorder? = nil) -> HTTPClient {
  HTTPClient(
    transport: .live(), policy: RetryPolicy(attempts: attempts, baseDelay: 1, maxWait: 60, rateLimitDelay: 10), timeout: timeout,
    redactor: Redactor(secrets: secrets), recorder: recorder, logger: logs.logger, sleep: { sleeps.sleep($0) }, jitter: { 0.5 })
}

@Suite struct TransportFaults {
  @Test func aServerErrorThenSuccessIsRetriedWithBackoff() async throws {
    let server = try FakeAPIServer()
    server.enqueue("/x", [.html(503, "<html><body>503 Service Unavailable</body></html>"), .html(502, "<html>bad gateway</html>"), .json(200, "{\"ok\":true}")])
    let sleeps = Sleeps()
    let response = try await client(sleeps: sleeps).send(HTTPRequest(url: server.baseURL + "/x", purpose: "test"))
    #expect(response.status == 200)
    #expect(sleeps.all == [1.5, 3.0])
    #expect(server.requests.count == 3)
  }

  @Test func rateLimitWithRetryAfterWaitsWhatTheServerSays() async throws {
    let server = try FakeAPIServer()
    server.enqueue("/x", [FakeResponse.json(429, "{}").adding(header: "Retry-After", "7"), .json(200, "{}")])
    let sleeps = Sleeps()
    _ = try await client(sleeps: sleeps).send(HTTPRequest(url: server.baseURL + "/x", purpose: "test"))
    #expect(sleeps.all == [7])
  }

  @Test func pypistatsRateLimitWithoutHeadersBacksOffLong() async throws {
    let server = try FakeAPIServer()
    server.enqueue("/x", [PyPIStatsFake.rateLimited, .json(200, "{}")])
    let sleeps = Sleeps()
    _ = try await client(sleeps: sleeps).send(HTTPRequest(url: server.baseURL + "/x", purpose: "test"))
    #expect(sleeps.all == [15])
  }

  @Test func aRetryAfterBeyondTheBudgetFailsAtOnceWithAClearMessage() async throws {
    let server = try FakeAPIServer()
    server.route("/x", FakeResponse.json(429, "{\"message\":\"slow down\"}").adding(header: "retry-after", "3600"))
    let sleeps = Sleeps()
    await #expect {
      _ = try await client(sleeps: sleeps).send(HTTPRequest(url: server.baseURL + "/x", purpose: "pypistats recent for x"))
    } throws: { error in
      "\(error)" == "pypistats recent for x: HTTP 429 from \(server.baseURL)/x: the server asks to wait 3600 s, more than http.max_retry_wait (60 s); try again later"
    }
    #expect(sleeps.all.isEmpty)
  }

  @Test func aTimeoutIsRetriedThenReported() async throws {
    let server = try FakeAPIServer()
    server.route("/slow", FakeResponse.json(200, "{}").delayed(3))
    await #expect {
      _ = try await client(attempts: 2, timeout: 1).send(HTTPRequest(url: server.baseURL + "/slow", purpose: "slow thing"))
    } throws: { error in
      "\(error)" == "slow thing: timeout after 2 attempts from \(server.baseURL)/slow: no answer within 1 s (http.timeout)"
    }
  }

  @Test(arguments: [FakeResponse.Fault.dropConnection, .resetMidBody, .truncateBody(afterBytes: 5)])
  func aBrokenConnectionIsRetried(fault: FakeResponse.Fault) async throws {
    let server = try FakeAPIServer()
    server.enqueue("/x", [FakeResponse.json(200, "{\"data\":[1,2,3,4,5,6,7,8,9]}").with(fault), .json(200, "{\"ok\":1}")])
    let response = try await client().send(HTTPRequest(url: server.baseURL + "/x", purpose: "test"))
    #expect(response.text == "{\"ok\":1}")
  }

  @Test func theOverallDeadlineCutsAHangingRequest() async throws {
    let server = try FakeAPIServer()
    server.route("/hang", FakeResponse.json(200, "{}").delayed(40))
    var c = client(attempts: 1, timeout: 30)
    c.deadline = Date().addingTimeInterval(1.2)
    // The server answers 200 after 40 s; a failure at all means the client did not wait for
    // it. Which of the two budget checks fires first (the deadline task, or the per-request
    // timeout the deadline shortened to 2 s) depends on the machine's load, not on the code.
    let error = await #expect(throws: HTTPFailure.self) { _ = try await c.send(HTTPRequest(url: server.baseURL + "/hang", purpose: "t")) }
    #expect(error?.kind == .deadline || error?.kind == .timeout, "\(String(describing: error))")
  }

  @Test func sendsADescriptiveUserAgentAndHeadersAreCaseInsensitive() async throws {
    let server = try FakeAPIServer()
    server.route("/x", FakeResponse.json(200, "{}").adding(header: "X-RateLimit-Remaining", "4999").adding(header: "Vary", "Accept").adding(header: "vary", "Accept-Encoding"))
    let response = try await client().send(HTTPRequest(url: server.baseURL + "/x", purpose: "t"))
    #expect(server.requests.first?.header("user-agent")?.hasPrefix("almanac/") == true)
    #expect(response.headers["x-ratelimit-remaining"] == "4999")
    #expect(response.headers["X-RATELIMIT-REMAINING"] == "4999")
  }
}

@Suite struct RedirectsAndSecrets {
  @Test func authorizationIsDroppedWhenARedirectChangesHost() async throws {
    let other = try FakeAPIServer()
    other.route("/landing", .json(200, "{\"here\":true}"))
    let origin = try FakeAPIServer()
    let target = "http://localhost:\(other.port)/landing"
    origin.route("/moved", .redirect(301, target))
    origin.route("/same", .redirect(302, "/landing"))
    origin.route("/landing", .json(200, "{}"))
    var request = HTTPRequest(url: origin.baseURL + "/moved", purpose: "t")
    request.credential = .bearer("ghp_secret_value_123", for: origin.baseURL, name: "the token")
    let response = try await client().send(request)
    #expect(response.text == "{\"here\":true}")
    #expect(other.requests.first?.header("authorization") == nil)
    request.url = origin.baseURL + "/same"
    _ = try await client().send(request)
    #expect(origin.requests.last?.path == "/landing")
    #expect(origin.requests.last?.header("authorization") == "Bearer ghp_secret_value_123")
  }

  @Test func aTokenNeverAppearsInErrorsLogsOrRecordings() async throws {
    let token = "ghp_TOPSECRET0123456789"
    let server = try FakeAPIServer()
    // A misbehaving server that echoes the credential back, in the body and a header.
    server.route("/echo") { request in
      FakeResponse.json(500, "{\"message\":\"bad token \(request.header("authorization") ?? "")\"}")
        .adding(header: "Location", "https://h.test/?token=\(token)")
    }
    server.route("/ok") { request in FakeResponse.json(200, "{\"you_sent\":\"\(request.header("authorization") ?? "")\"}") }
    let logs = LogLines()
    let dir = TempDirectory()
    let c = client(attempts: 2, logs: logs, secrets: [token], recorder: Recorder(directory: dir.path))
    var request = HTTPRequest(url: server.baseURL + "/echo?token=\(token)", purpose: "t")
    request.credential = .bearer(token, for: server.baseURL, name: "the token")
    var message = ""
    do { _ = try await c.send(request) } catch { message = error.description }
    #expect(message.contains("bad token Bearer ***"))
    request.url = server.baseURL + "/ok"
    _ = try await c.send(request)
    #expect(!message.contains(token))
    #expect(!logs.all.joined().contains(token))
    let recorded = dir.snapshot().values.map { String(decoding: $0, as: UTF8.self) }.joined()
    #expect(!recorded.isEmpty)
    #expect(!recorded.contains(token))
    #expect(recorded.contains("***"))
  }
}
