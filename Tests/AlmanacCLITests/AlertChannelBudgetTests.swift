import Foundation
import Testing

@testable import AlmanacCLI
@testable import AlmanacKit
import AlmanacTestSupport

/// The channels run on their own budget (`alerts.deadline`), not on what is left of the
/// sources' (`http.deadline`): a Slack receiver on loopback that accepts the request and never
/// answers costs the channels their budget and nothing else. Checked by the failures' kind and
/// words, not by the clock.
@Suite struct AlertChannelBudgetTests {
  @Test func aHangingReceiverUsesUpTheChannelsBudgetAndTheNightStaysComplete() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let issues = GitHubFakeIssues()
    AlertNightTests.serve(server, issues: issues)
    server.route("POST", "/hooks/slack", FakeResponse.text(200, "ok").delayed(600))
    let dir = TempDirectory("alert-channel-hangs")
    var config = try AlertNightTests.config(server, slackOrigin: server.baseURL)
    config.alerts.deadline = 1
    // The sources' budget is ample and the per-request timeout longer than the channels' budget,
    // so only alerts.deadline can end the wait.
    var http = client(attempts: 3, timeout: 30)
    http.deadline = Date().addingTimeInterval(600)
    let console = Console(environment: [:], quiet: true)
    let stages = Stages(store: Store(root: dir.file("stats")), console: console, date: Day("2026-11-22")!)
    let env = ["SLACK_URL": server.baseURL + "/hooks/slack", "ALMANAC_GITHUB_TOKEN": "ghp_budget_token_0123456789"]
    let outcome = try await Nightly.run(
      config: config, client: http, stages: stages, lockTimeout: 5,
      sources: [SentryNightly(environment: ["SENTRY_AUTH_TOKEN": AlertNightTests.token])], environment: env)

    #expect(outcome == .complete)
    #expect(dir.read("stats/alerts.json")?.contains("\"open\": 1") == true)
    let warnings = console.diagnostics.filter { $0.severity == .warning }.map(\.message)
    // Slack: asked at most once (a loaded machine may spend the second before the request goes
    // out), no retry past the budget, and the failure names the channels' budget.
    #expect(server.requests.filter { $0.path == "/hooks/slack" }.count <= 1)
    #expect(
      warnings.contains { $0.hasPrefix("alerts.channels.slack: alert opened to slack: deadline ") && $0.contains("the channels' time budget (alerts.deadline, 1 s)") },
      "\(warnings)")
    // GitHub comes after: its budget is gone, so nothing is sent and it says why.
    #expect(server.requests.filter { $0.path.hasPrefix("/repos/acme/web/issues") }.isEmpty)
    #expect(warnings.contains { $0.hasPrefix("alerts.channels.github_issue: ") && $0.hasSuffix("the channels' time budget (alerts.deadline, 1 s) ran out before the request could be sent") }, "\(warnings)")
    #expect(!warnings.contains { $0.contains("http.deadline") })
  }

  @Test func theBudgetIsAConfigSettingWithADefaultAndARange() throws {
    let base = "targets: {packages: [web]}\nalerts:\n  rules:\n    - {metric: pypistats.web.downloads, condition: drop_percent, threshold: 40}\n"
    #expect(try ConfigParser.parse(base, path: "almanac.yml").alerts.deadline == 30)
    #expect(try ConfigParser.parse(base + "  deadline: 5\n", path: "almanac.yml").alerts.deadline == 5)
    #expect {
      try ConfigParser.parse(base + "  deadline: 0\n", path: "almanac.yml")
    } throws: { "\($0)".contains("alerts.deadline") }
  }
}
