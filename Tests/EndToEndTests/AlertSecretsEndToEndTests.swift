import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// The channels' secrets through the real `almanac run` under GitHub Actions: a Slack URL (its
/// path is the secret), a generic webhook URL and its signing key, the GitHub token. Each is
/// announced with `::add-mask::` and appears nowhere else: not on stdout or stderr, not in the
/// step summary, the outputs, the stats directory or the HTML report, even when a receiver
/// answers with the secret in its error body.
@Suite struct AlertSecretsEndToEnd {
  static let sentryToken = "sntrys_e2e_secret_token_0123456789"
  static let slackPath = "/hooks/slack/T0SECRET/B0SECRET/slack-secret-path-4b1d"
  static let webhookPath = "/hooks/generic/webhook-secret-path-9f2c"
  static let hmacKey = "hmac-signing-key-secret-77e1"
  static let githubToken = "ghp_e2e_issue_token_secret_5a5a"

  @Test func channelSecretsAreMaskedAndWrittenNowhere() async throws {
    let server = try FakeAPIServer()
    defer { server.stop() }
    var days: [Day: [String: Int]] = [:]
    for d in (Day("2026-11-01")!...Day("2026-11-30")!).days { days[d] = ["accepted": d == Day("2026-11-21")! ? 120 : 40, "filtered": 1] }
    let sentry = SentryFake(org: "acme", projects: ["web": ("11", days)], tokens: [Self.sentryToken: true], baseURL: server.baseURL)
    server.route("*", "/api/*") { sentry.respond(to: $0) }
    var github = GitHubFake([GitHubFakeRepo("acme/web")], baseURL: server.baseURL)
    let issues = GitHubFakeIssues()
    github.issues = issues
    let served = github
    server.route("*", "/repos/*") { served.respond(to: $0) }
    // Slack refuses, quoting the hook it was asked for; the generic webhook accepts.
    server.route("POST", Self.slackPath, .text(404, "no_such_hook: \(Self.slackPath)"))
    server.route("POST", Self.webhookPath, .text(200, "ok"))

    let dir = TempDirectory("alert-secrets")
    try dir.write("almanac.yml", """
      stats_dir: stats
      targets: {packages: [web]}
      sources:
        pypistats: {enabled: false}
        sentry: {org: acme, projects: [web], base_url: "\(server.baseURL)", lookback_days: 30}
        github: {base_url: "\(server.baseURL)"}
      alerts:
        channels:
          slack: {url_env: SLACK_URL, origin: "\(server.baseURL)"}
          webhook: {url_env: HOOK_URL, secret_env: HOOK_KEY, origin: "\(server.baseURL)"}
          github_issue: {repo: acme/web}
        rules:
          - {name: error rate, metric: sentry.web.errors, condition: rise_percent, threshold: 100}

      """)
    try dir.write("summary.md", "")
    try dir.write("output.txt", "")
    let slackURL = server.baseURL + Self.slackPath
    let hookURL = server.baseURL + Self.webhookPath
    let env = [
      "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": dir.file("summary.md"), "GITHUB_OUTPUT": dir.file("output.txt"),
      "SENTRY_AUTH_TOKEN": Self.sentryToken, "SLACK_URL": slackURL, "HOOK_URL": hookURL, "HOOK_KEY": Self.hmacKey,
      "ALMANAC_GITHUB_TOKEN": Self.githubToken,
    ]
    let r = try await Shell.run("almanac run --date 2026-11-22 --site site", cwd: dir.path, environment: env)
    #expect(r.status == 0, "\(r.stderr)")

    // Every channel was really asked: the alert opened and went out three ways.
    #expect(server.requests.contains { $0.path == Self.slackPath })
    #expect(server.requests.contains { $0.path == Self.webhookPath })
    #expect(issues.issues("acme/web").count == 1)
    #expect(r.stderr.contains("alerts.channels.slack: alert opened to slack: HTTP 404"), "\(r.stderr)")
    #expect(dir.read("output.txt")?.contains("alerts-opened=1\n") == true)

    let secrets = [slackURL, Self.slackPath, hookURL, Self.webhookPath, Self.hmacKey, Self.githubToken, Self.sentryToken]
    for secret in [slackURL, Self.slackPath, hookURL, Self.webhookPath, Self.hmacKey, Self.githubToken] {
      #expect(r.stderr.contains("::add-mask::\(secret)\n"), "not masked: \(secret)")
    }
    let path = Self.slackPath.dropFirst()  // also without its leading slash
    for line in (r.stdout + "\n" + r.stderr).split(separator: "\n") where !line.hasPrefix("::add-mask::") {
      #expect(!secrets.contains { line.contains($0) } && !line.contains(path), "a secret in the output: \(line)")
    }
    let files = FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? []
    #expect(files.contains("stats/alerts.json") && files.contains("site/index.html") && files.contains("summary.md"))
    for file in files {
      guard let text = dir.read(file) else { continue }
      #expect(!secrets.contains { text.contains($0) } && !text.contains(path), "a secret in \(file)")
    }
  }
}
