import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Catalogue 7–13, 24–27: rate limits classified like octokit, and answers that are not data.
@Suite struct GitHubLimitsAndFaults {
  static let secondary = #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0687:0D5B.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"#
  static let abuse = #"{"message":"You have triggered an abuse detection mechanism. Please wait a few minutes before you try again."}"#

  func countsOnly() -> GitHubFetcher.Options {
    var o = GitHubFetcher.Options()
    o.traffic = false
    o.stars = .count
    o.forks = false
    o.releases = false
    return o
  }


  // 7, 8: primary limit, 403 and 429, authenticated and not: wait until the reset, then go on.
  @Test(arguments: [
    (403, "API rate limit exceeded for user ID 1.", "5000"), (429, "API rate limit exceeded for user ID 1.", "5000"),
    (403, "API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit.)", "60"),
  ])
  func thePrimaryLimitWaitsUntilTheReset(status: Int, message: String, limit: String) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo()])
    server.enqueue("/repos/o/r", [.json(status, #"{"message":"\#(message)","documentation_url":"https://docs.github.com/rest"}"#, headers: [
      (name: "X-RateLimit-Limit", value: limit), (name: "X-RateLimit-Remaining", value: "0"), (name: "x-ratelimit-used", value: limit),
      (name: "X-RateLimit-Reset", value: resetIn(30)),
    ])])
    server.route("/repos/o/r", { _ in .json(#"{"id":1,"full_name":"o/r","stargazers_count":1,"subscribers_count":1,"forks_count":0,"open_issues_count":0,"size":1}"#) })
    let sleeps = Sleeps()
    let result = await ghFetcher(server, sleeps: sleeps, options: countsOnly()).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(sleeps.all.count == 1)
    #expect(sleeps.all == [31])
  }

  // 9, 10, 11: secondary limit with and without retry-after, and the legacy wording.
  @Test(arguments: [(403, secondary, "60"), (429, secondary, "17"), (403, secondary, nil), (403, abuse, nil)] as [(Int, String, String?)])
  func theSecondaryLimitWaitsRetryAfterOrSixtySeconds(status: Int, body: String, retryAfter: String?) async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo()])
    var headers: [(name: String, value: String)] = [(name: "x-ratelimit-remaining", value: "4000")]
    if let retryAfter { headers.append((name: "Retry-After", value: retryAfter)) }
    server.enqueue("/repos/o/r", [.json(status, body, headers: headers)])
    server.route("/repos/o/r", { _ in .json(#"{"id":1,"full_name":"o/r","stargazers_count":1,"subscribers_count":1,"forks_count":0,"open_issues_count":0,"size":1}"#) })
    let sleeps = Sleeps()
    let result = await ghFetcher(server, sleeps: sleeps, options: countsOnly()).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(sleeps.all == [Double(retryAfter ?? "60") ?? 0])
  }

  // 12: remaining 0 on a successful answer: the next request waits for the reset.
  @Test func remainingZeroOnASuccessMakesTheNextRequestWait() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(), sampleRepo("o/s")]) {
      $0.rateRemaining = 0
      $0.rateReset = Int64(ghNow.timeIntervalSince1970 + 20)
    }
    let sleeps = Sleeps()
    let result = await ghFetcher(server, sleeps: sleeps, options: countsOnly()).fetch(repos: ["o/r", "o/s"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(sleeps.all.count == 1)
    #expect(sleeps.all == [21])
  }

  // 13: a reset in the past waits one second; one beyond the budget stops the night, partial.
  @Test func resetsInThePastAndBeyondTheBudget() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(), sampleRepo("o/s")])
    let limited = { (reset: String) in
      FakeResponse.json(403, #"{"message":"API rate limit exceeded for user ID 1."}"#, headers: [(name: "X-RateLimit-Remaining", value: "0"), (name: "X-RateLimit-Reset", value: reset)])
    }
    server.enqueue("/repos/o/r", [limited(resetIn(-500))])
    let sleeps = Sleeps()
    let past = await ghFetcher(server, sleeps: sleeps, options: countsOnly()).fetch(repos: ["o/r"], date: ghDay)
    #expect(past.snapshot.failures.isEmpty)
    #expect(sleeps.all == [1])

    server.enqueue("/repos/o/r", [limited(resetIn(3600))])
    let far = await ghFetcher(server, options: countsOnly()).fetch(repos: ["o/r", "o/s"], date: ghDay)
    #expect(far.snapshot.failures.count == 2)
    #expect(far.snapshot.failures.first?.message.contains("more than http.max_retry_wait") == true)
    #expect(far.snapshot.failures.last?.message.hasPrefix("not fetched: an earlier request ran into GitHub's rate limit") == true)
  }

  // 24, 25, 27: answers that are not data: never JSON-decoded blindly, never a crash.
  @Test func errorPagesAndHTMLAreFailuresNotCrashes() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(), sampleRepo("o/html"), sampleRepo("o/flaky"), sampleRepo("o/version")])
    server.route("/repos/o/r", .html(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"))
    server.route("/repos/o/html", .html(200, "<html><body>Sign in to the Wi-Fi</body></html>"))
    server.enqueue("/repos/o/flaky", [.json(500, #"{"message":"Server Error"}"#), .html(503, "<html><body>No server is currently available</body></html>")])
    server.route("/repos/o/version", .json(400, #"{"message":"Unsupported 'X-GitHub-Api-Version' header","documentation_url":"https://docs.github.com/rest/overview/api-versions"}"#))
    let result = await ghFetcher(server, options: countsOnly()).fetch(repos: ["o/r", "o/html", "o/flaky", "o/version"], date: ghDay)
    let messages = Dictionary(uniqueKeysWithValues: result.snapshot.failures.map { ($0.target, $0.message) })
    #expect(messages["o/r"]?.contains("HTTP 502 after 3 attempts") == true)
    #expect(messages["o/html"]?.contains("the body is not JSON (found HTML (`<`) where JSON was expected)") == true)
    #expect(messages["o/flaky"] == nil)  // retried twice, then answered
    #expect(messages["o/version"] == "HTTP 400: \"Unsupported 'X-GitHub-Api-Version' header\" from \(server.baseURL)/repos/o/version")
  }

  // 26: an answer slower than http.timeout is a timeout failure; the other repositories go on.
  @Test func aSlowAnswerTimesOutAndTheNightGoesOn() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(), sampleRepo("o/s")])
    server.route("/repos/o/r", FakeResponse.json(#"{"id":1}"#).delayed(4))
    let c = client(attempts: 1, timeout: 1)
    let result = await GitHubFetcher(client: c, baseURL: server.baseURL, token: "ghp_testtoken123", options: countsOnly()).fetch(repos: ["o/r", "o/s"], date: ghDay)
    #expect(result.snapshot.failures.map(\.target) == ["o/r"])
    #expect(result.snapshot.failures.first?.message.contains("no answer within 1 s (http.timeout)") == true)
    #expect(result.snapshot.exchanges.map(\.target) == ["o/s"])
  }

  // 26: a truncated body and a connection reset.
  @Test func truncatedAndResetAnswers() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.serveGitHub([sampleRepo(), sampleRepo("o/s")])
    server.route("/repos/o/r", .json(#"{"id":1,"full_name":"o/r","stargazers_count":1,"subscribers_count":1"#))
    server.route("/repos/o/s", FakeResponse.json(#"{"id":1,"full_name":"o/s","stargazers_count":1,"subscribers_count":1,"forks_count":0,"open_issues_count":0,"size":1}"#).with(.resetMidBody))
    let result = await ghFetcher(server, options: countsOnly()).fetch(repos: ["o/r", "o/s"], date: ghDay)
    #expect(result.snapshot.failures.map(\.target) == ["o/r", "o/s"])
    #expect(result.snapshot.failures.first?.message.contains("the body is not JSON") == true)
  }
}
