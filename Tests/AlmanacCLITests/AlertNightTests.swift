import Foundation
import Testing

@testable import AlmanacCLI
@testable import AlmanacKit
import AlmanacTestSupport

/// Whole nights (`almanac run`'s code) against the Sentry fake with an error-rate rule, a Slack
/// receiver and GitHub issues on loopback: the alert opens once, stays open without repeating,
/// closes when the rate recovers, and a channel that is down costs the night nothing.
@Suite struct AlertNightTests {
  static let token = "sntrys_alert_token_0123456789abcdef"
  static let spike = Day("2026-11-21")!

  /// Error events of `web`: 40 a day from 2026-11-01, tripled on 2026-11-21.
  static func serve(_ server: FakeAPIServer, issues: GitHubFakeIssues) {
    var days: [Day: [String: Int]] = [:]
    for d in (Day("2026-11-01")!...Day("2026-12-31")!).days { days[d] = ["accepted": d == spike ? 120 : 40, "filtered": 1] }
    let sentry = SentryFake(org: "acme", projects: ["web": ("11", days)], tokens: [token: true], baseURL: server.baseURL)
    server.route("*", "/api/*") { sentry.respond(to: $0) }
    var github = GitHubFake([GitHubFakeRepo("acme/web")], baseURL: server.baseURL)
    github.issues = issues
    let served = github
    server.route("*", "/repos/*") { served.respond(to: $0) }
    server.route("POST", "/hooks/slack", .text(200, "ok"))
  }

  static func config(_ server: FakeAPIServer, slackOrigin: String) throws -> Config {
    try ConfigParser.parse(
      """
      targets: {packages: [web]}
      sources:
        sentry: {org: acme, projects: [web], base_url: "\(server.baseURL)", lookback_days: 40}
        github: {base_url: "\(server.baseURL)"}
      alerts:
        channels:
          slack: {url_env: SLACK_URL, origin: "\(slackOrigin)"}
          github_issue: {repo: acme/web}
        rules:
          - {name: error rate, metric: sentry.web.errors, condition: rise_percent, threshold: 100}
      """, path: "almanac.yml")
  }

  struct NightResult {
    var outcome: Nightly.Outcome
    var stepSummary: String
    var console: Console
  }

  static func night(_ dir: TempDirectory, _ server: FakeAPIServer, _ day: Day, config: Config, env: [String: String]) async throws -> NightResult {
    let console = Console(environment: [:], quiet: true)
    let stages = Stages(store: Store(root: dir.file("stats")), console: console, date: day)
    let summary = dir.file("step-summary-\(day).md")
    FileManager.default.createFile(atPath: summary, contents: Data())
    let outcome = try await Nightly.run(
      config: config, client: client(attempts: 2), stages: stages, lockTimeout: 5, sources: [SentryNightly(environment: ["SENTRY_AUTH_TOKEN": token])],
      environment: env.merging(["GITHUB_STEP_SUMMARY": summary]) { a, _ in a })
    return NightResult(outcome: outcome, stepSummary: dir.read("step-summary-\(day).md") ?? "", console: console)
  }

  @Test func anErrorRateRuleOpensOnceStaysQuietAndClosesWithOneMessageEach() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let issues = GitHubFakeIssues()
    Self.serve(server, issues: issues)
    let dir = TempDirectory("alert-nights")
    let config = try Self.config(server, slackOrigin: server.baseURL)
    let env = ["SLACK_URL": server.baseURL + "/hooks/slack", "ALMANAC_GITHUB_TOKEN": "ghp_issue_token"]
    func slackTexts() -> [String] {
      server.requests.filter { $0.path == "/hooks/slack" }.compactMap { try? JSONParser.parse(String(decoding: $0.body, as: UTF8.self))["text"]?.stringValue }
    }

    // Up to 2026-11-21 the metric ends on 2026-11-20 (today is still counting): nothing fires.
    for day in [Day("2026-11-20")!, Day("2026-11-21")!] {
      let r = try await Self.night(dir, server, day, config: config, env: env)
      #expect(r.outcome == .complete)
    }
    #expect(slackTexts().isEmpty)
    #expect(try #require(dir.read("stats/alerts.json")).contains("\"open\": 0"))

    // The night of the 22nd sees the 21st tripled against the 14th: one alert, one message, one issue.
    let opening = try await Self.night(dir, server, Day("2026-11-22")!, config: config, env: env)
    #expect(opening.outcome == .complete)
    #expect(slackTexts() == ["Almanac alert opened: error rate: opened: sentry.web.errors rose 200% (120 on 2026-11-21 against 40 on 2026-11-14; the rule asks for 100%)"])
    #expect(issues.issues("acme/web").map(\.state) == ["open"])
    #expect(opening.stepSummary.contains("### Alerts\n\n- **opened** error rate: opened: sentry.web.errors rose 200%"))
    #expect(opening.stepSummary.contains("1 alert open (see REPORT.md)."))
    let report = try #require(dir.read("stats/REPORT.md"))
    #expect(report.contains("## Alerts\n\n| open since | rule | metric | what happened | peak |"))
    #expect(report.contains("| 2026-11-21 | error rate | sentry.web.errors |"))
    let stateAfterOpening = try #require(dir.read("stats/alerts.json"))

    // A re-run of the same night: nothing changes, nothing is sent again.
    let requestsBefore = server.requests.count
    let rerun = try await Self.night(dir, server, Day("2026-11-22")!, config: config, env: env)
    #expect(dir.read("stats/alerts.json") == stateAfterOpening)
    #expect(slackTexts().count == 1)
    #expect(!server.requests.dropFirst(requestsBefore).contains { $0.path.hasPrefix("/repos/") || $0.path == "/hooks/slack" })
    #expect(rerun.stepSummary.contains("1 alert open") && !rerun.stepSummary.contains("**opened**"))

    // The 22nd is back to 40: still open (one clear day of two), no message.
    _ = try await Self.night(dir, server, Day("2026-11-23")!, config: config, env: env)
    #expect(slackTexts().count == 1)
    // The 23rd too: closed, one message, the issue closed with a comment.
    let closing = try await Self.night(dir, server, Day("2026-11-24")!, config: config, env: env)
    #expect(slackTexts().count == 2)
    #expect(slackTexts().last?.hasPrefix("Almanac alert closed: error rate: closed on 2026-11-23: sentry.web.errors rose 200%") == true)
    #expect(issues.issues("acme/web").map(\.state) == ["closed"])
    #expect(issues.issues("acme/web").first?.comments.count == 1)
    #expect(closing.stepSummary.contains("0 alerts open"))
    let state = try AlertState.decode(try #require(dir.read("stats/alerts.json")), path: "alerts.json")
    #expect(state.alerts.count == 1)
    #expect(state.alerts.first?.opened == Self.spike && state.alerts.first?.closed == Day("2026-11-23")!)
    #expect(state.alerts.first?.peak.value == 120)
    // On the 28th the 21st is the baseline: a drop against it is not a rise; nothing reopens.
    _ = try await Self.night(dir, server, Day("2026-11-29")!, config: config, env: env)
    #expect(slackTexts().count == 2)
  }

  @Test func channelsThatFailLeaveTheNightCompleteAndAreReported() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    Self.serve(server, issues: GitHubFakeIssues())
    server.route("POST", "/hooks/slack", .text(500, "slack is down"))
    let dir = TempDirectory("alert-channel-down")
    let config = try Self.config(server, slackOrigin: server.baseURL)
    // Slack answers 500 every time; no GitHub token is set.
    let env = ["SLACK_URL": server.baseURL + "/hooks/slack"]
    _ = try await Self.night(dir, server, Day("2026-11-21")!, config: config, env: env)
    let r = try await Self.night(dir, server, Day("2026-11-22")!, config: config, env: env)
    #expect(r.outcome == .complete)
    #expect(dir.read("stats/series/sentry/web.csv")?.contains("web,sentry,2026-11-21,error_events,accepted,120,") == true)
    #expect(dir.read("stats/alerts.json")?.contains("\"open\": 1") == true)
    #expect(server.requests.filter { $0.path == "/hooks/slack" }.count == 2)
    let warnings = r.console.diagnostics.filter { $0.severity == .warning }.map(\.message)
    #expect(warnings.contains { $0.hasPrefix("alerts.channels.slack: alert opened to slack: HTTP 500 after 2 attempts") }, "\(warnings)")
    #expect(warnings.contains { $0.hasPrefix("alerts.channels.github_issue: $ALMANAC_GITHUB_TOKEN is not set") })
    #expect(r.stepSummary.contains("Not delivered (2); the alerts stay in stats/alerts.json and REPORT.md:"))
    #expect(r.stepSummary.contains("### Problems"))
  }
}
