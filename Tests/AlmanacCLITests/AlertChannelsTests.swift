@testable import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// The alert channels over real HTTP on loopback: a Slack-compatible receiver, a generic webhook
/// whose signature Python's `hmac` checks, and GitHub issues on the GitHub fake.
@Suite struct AlertChannelsTests {
  static let metric = MetricName(source: "pypistats", subject: "tidewater", measure: "downloads")
  static let opened = Day("2026-11-20")!

  static func alert(closed: Day? = nil) -> Alert {
    let reading = AlertEngine.Reading(day: opened, value: 1_234, score: -52, reference: 2_570, fires: true)
    return Alert(
      rule: "downloads <halved> & co", metric: metric, condition: .dropPercent, threshold: 40, window: 1, opened: opened, closed: closed,
      opening: reading, peak: reading, lastValue: 1_234)
  }

  static func config(_ build: (inout AlertsConfig) -> Void, githubBase: String? = nil) -> Config {
    var config = Config()
    var alerts = AlertsConfig()
    // These tests are about what each channel sends, not its time budget (AlertChannelBudget
    // is): a budget longer than any load can stretch a loopback exchange.
    alerts.deadline = 3_600
    var rule = AlertRule(id: "downloads <halved> & co", metric: metric, condition: .dropPercent, threshold: 40)
    rule.channels = nil
    alerts.rules = [rule]
    build(&alerts)
    config.alerts = alerts
    if let githubBase {
      var github = Config.GitHubSource()
      github.baseURL = githubBase
      config.github = github
    }
    return config
  }

  @Test func slackGetsOneJSONPostRetriedAfterA503AndNoCredential() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let path = "/services/T000/B000/XXXXSECRETXXXX"
    server.enqueue(path, [.html(503, "<html>busy</html>"), .text(200, "ok")])
    let config = Self.config { $0.slack = AlertsConfig.Webhook(urlVariable: "SLACK_URL", origin: server.baseURL) }
    let sleeps = Sleeps()
    let channels = AlertChannels(config: config, client: client(timeout: 30, sleeps: sleeps), environment: ["SLACK_URL": server.baseURL + path, "GITHUB_TOKEN": "ghp_never_sent"])
    let failures = await channels.deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(failures.isEmpty, "\(failures)")
    #expect(server.requests.count == 2)
    #expect(sleeps.all.count == 1)
    let request = try #require(server.requests.last)
    #expect(request.method == "POST" && request.path == path)
    #expect(request.header("content-type") == "application/json")
    #expect(request.header("authorization") == nil)
    let body = try JSONParser.parse(String(decoding: request.body, as: UTF8.self))
    // Slack's `<…>` is link syntax: data is escaped so it cannot open one.
    #expect(body["text"]?.stringValue == "Almanac alert opened: downloads &lt;halved&gt; &amp; co: opened: pypistats.tidewater.downloads fell 52% (1,234 on 2026-11-20 against 2,570 on 2026-11-13; the rule asks for 40%)")
  }

  @Test func aWebhookURLOffItsOriginOrUnsetIsRefusedWithoutSendingAndWithoutSayingTheURL() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let config = Self.config { $0.slack = AlertsConfig.Webhook(urlVariable: "SLACK_URL", origin: "https://hooks.slack.com") }
    let secretPath = "/services/T/B/topsecretpath"
    let off = await AlertChannels(config: config, client: client(timeout: 30), environment: ["SLACK_URL": server.baseURL + secretPath]).deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(server.requests.isEmpty)
    #expect(off.map(\.description) == ["alerts.channels.slack: the URL in $SLACK_URL does not point at https://hooks.slack.com, the origin configured for it; nothing was sent (set `origin` under alerts.channels.slack if the hook moved)"])
    let unset = await AlertChannels(config: config, client: client(timeout: 30), environment: [:]).deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(unset.first?.description.contains("$SLACK_URL is not set") == true)
    // A receiver that keeps failing: reported after the retries, the URL's secret path masked.
    server.route("POST", secretPath, .text(500, "boom"))
    let local = Self.config { $0.slack = AlertsConfig.Webhook(urlVariable: "SLACK_URL", origin: server.baseURL) }
    let down = await AlertChannels(config: local, client: client(timeout: 30), environment: ["SLACK_URL": server.baseURL + secretPath]).deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(server.requests.count == 3)
    let message = try #require(down.first?.description)
    #expect(message.contains("HTTP 500 after 3 attempts") && !message.contains("topsecretpath"), "\(message)")
  }

  @Test func theGenericWebhookSignsTheBodyWithHMACSHA256AsPythonComputesIt() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    server.route("POST", "/hooks/almanac", .json(202, "{}"))
    let config = Self.config { $0.webhook = AlertsConfig.Webhook(urlVariable: "HOOK_URL", origin: server.baseURL, secretVariable: "HOOK_KEY") }
    let key = "k3y-with-ünïcode"
    let env = ["HOOK_URL": server.baseURL + "/hooks/almanac", "HOOK_KEY": key]
    let failures = await AlertChannels(config: config, client: client(timeout: 30), environment: env).deliver([AlertEvent(kind: .closed, alert: Self.alert(closed: Self.opened.adding(days: 2)))])
    #expect(failures.isEmpty, "\(failures)")
    let request = try #require(server.requests.first)
    let body = String(decoding: request.body, as: UTF8.self)
    let parsed = try JSONParser.parse(body)
    #expect(parsed["event"] == "closed" && parsed["alert"]?["closed"] == "2026-11-22" && parsed["alert"]?["key"] == "downloads <halved> & co|pypistats.tidewater.downloads|2026-11-20")
    #expect(request.header("x-almanac-event") == "closed")
    let signature = try #require(request.header(AlertMessage.signatureHeader))
    let dir = TempDirectory("hmac")
    try dir.write("body", body)
    try dir.write("key", key)
    let python = try await Shell.run(
      "python3 -c 'import hmac,hashlib,sys; print(\"sha256=\"+hmac.new(open(\"key\",\"rb\").read(), open(\"body\",\"rb\").read(), hashlib.sha256).hexdigest())'", cwd: dir.path)
    #expect(python.status == 0, "\(python.stderr)")
    #expect(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == signature)
    // Without the key nothing is sent: an unsigned body would be refused downstream.
    let unsigned = await AlertChannels(config: config, client: client(timeout: 30), environment: ["HOOK_URL": env["HOOK_URL"] ?? ""]).deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(unsigned.first?.description.contains("$HOOK_KEY (the signing key) is not set") == true)
    #expect(server.requests.count == 1)
  }

  @Test func aGitHubIssueOpensOnceAndClosesWithACommentTheTokenGoingOnlyToTheAPI() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    let issues = GitHubFakeIssues()
    issues.seed("acme/tool", title: "unrelated", body: "a bug report", labels: ["bug"])
    var fake = GitHubFake([GitHubFakeRepo("acme/tool")], baseURL: server.baseURL)
    fake.tokens = ["ghp_alerts_token"]
    fake.issues = issues
    let served = fake
    server.fallback { served.respond(to: $0) }
    let config = Self.config({ $0.githubIssue = AlertsConfig.GitHubIssue(repo: "acme/tool") }, githubBase: server.baseURL)
    let channels = AlertChannels(config: config, client: client(timeout: 30), environment: ["ALMANAC_GITHUB_TOKEN": "ghp_alerts_token"])
    let open = AlertEvent(kind: .opened, alert: Self.alert())
    let opened = await channels.deliver([open])
    #expect(opened.isEmpty, "\(opened)")
    // The same event again (a re-run whose alerts.json was lost): the marker finds the issue.
    let again = await channels.deliver([open])
    #expect(again.isEmpty, "\(again)")
    var held = issues.issues("acme/tool").filter { $0.labels == ["almanac-alert"] }
    #expect(held.count == 1)
    #expect(held.first?.body.hasPrefix(AlertMessage.marker(Self.alert())) == true)
    #expect(held.first?.title == "Alert: downloads <halved> & co (pypistats.tidewater.downloads, since 2026-11-20)")
    #expect(held.first?.body.contains("| downloads &lt;halved&gt; &amp; co |") == true)
    let close = AlertEvent(kind: .closed, alert: Self.alert(closed: Self.opened.adding(days: 2)))
    let closed = await channels.deliver([close])
    #expect(closed.isEmpty, "\(closed)")
    let closedAgain = await channels.deliver([close])
    #expect(closedAgain.isEmpty, "\(closedAgain)")
    held = issues.issues("acme/tool").filter { $0.labels == ["almanac-alert"] }
    #expect(held.first?.state == "closed" && held.first?.stateReason == "completed")
    #expect(held.first?.comments == ["Closed by Almanac: the condition cleared on 2026-11-22. Peak: 1,234 on 2026-11-20 (-52%)."])
    #expect(issues.issues("acme/tool").first?.state == "open")
    #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer ghp_alerts_token" })
    #expect(server.requests.map { "\($0.method) \($0.path)" }.filter { $0.hasPrefix("POST") || $0.hasPrefix("PATCH") } == [
      "POST /repos/acme/tool/issues", "POST /repos/acme/tool/issues/2/comments", "PATCH /repos/acme/tool/issues/2",
    ])
    #expect(server.requests.first?.query("labels") == "almanac-alert")
  }

  @Test func theGitHubTokenIsNeverSentToAnotherOriginNorWithoutOne() async throws {
    let api = try FakeAPIServer()
    let elsewhere = try FakeAPIServer()
    defer { api.stop(); elsewhere.stop() }
    // The API redirects the issue list to another origin: followed without the token.
    api.route("*", "/repos/acme/tool/issues", .redirect(302, elsewhere.baseURL + "/repos/acme/tool/issues"))
    elsewhere.route("GET", "/repos/acme/tool/issues", .json(200, "[]"))
    elsewhere.route("POST", "/repos/acme/tool/issues", .json(201, "{}"))
    let config = Self.config({ $0.githubIssue = AlertsConfig.GitHubIssue(repo: "acme/tool") }, githubBase: api.baseURL)
    let failures = await AlertChannels(config: config, client: client(timeout: 30), environment: ["ALMANAC_GITHUB_TOKEN": "ghp_alerts_token"]).deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(api.requests.allSatisfy { $0.header("authorization") == "Bearer ghp_alerts_token" })
    #expect(!elsewhere.requests.isEmpty, "\(failures)")
    #expect(elsewhere.requests.allSatisfy { $0.header("authorization") == nil })
    let none = await AlertChannels(config: config, client: client(timeout: 30), environment: [:]).deliver([AlertEvent(kind: .opened, alert: Self.alert())])
    #expect(none.map(\.description) == ["alerts.channels.github_issue: $ALMANAC_GITHUB_TOKEN is not set, so the issue for `downloads <halved> & co` was not opened; give the workflow a token with `issues: write`"])
  }
}
