import AlmanacKit
import Foundation

/// Delivers tonight's alert events beyond the always-on ones (annotations, step summary,
/// REPORT.md): a Slack-compatible webhook, a generic signed webhook and GitHub issues. Each
/// channel's failure is returned as a line (and never thrown): the night's data is saved
/// before any channel runs, and a channel that is down costs nothing but its message.
public struct AlertChannels: Sendable {
  public var config: AlertsConfig
  public var client: HTTPClient
  public var environment: [String: String]
  /// Where GitHub's API is (`sources.github.base_url`) and which variable holds its token.
  public var githubBaseURL: String
  public var githubTokenVariable: String

  public init(config: Config, client: HTTPClient, environment: [String: String]) {
    self.config = config.alerts
    self.client = client
    self.environment = environment
    githubBaseURL = config.github?.baseURL ?? GitHub.defaultBaseURL
    githubTokenVariable = config.githubTokenVariable
  }

  /// The night's client with the channels' own budget from now on (`alerts.deadline`), whatever
  /// is left of the sources' (`http.deadline`).
  public static func budgeted(_ client: HTTPClient, _ config: AlertsConfig) -> HTTPClient {
    var client = client
    client.deadline = client.now().addingTimeInterval(Double(config.deadline))
    client.deadlineName = "the channels' time budget (alerts.deadline, \(config.deadline) s)"
    return client
  }

  /// The channels' secrets in `environment` (webhook URLs, the signing key) and each URL's path
  /// alone (a Slack URL's path is the secret part): masked and redacted from the start of a run.
  public static func secrets(_ config: AlertsConfig, environment: [String: String]) -> [String] {
    var out: [String] = []
    for variable in config.secretVariables {
      guard let value = environment[variable], !value.isEmpty else { continue }
      out.append(value)
      if let path = URLComponents(string: value)?.percentEncodedPath, path.count > 1 { out.append(path) }
    }
    return out
  }

  /// A channel that could not deliver: which, what, and why (never a secret).
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var channel: String
    public var message: String
    public var description: String { "alerts.channels.\(channel): \(message)" }
  }

  /// Sends every event to the channels its rule names (every configured one by default), in
  /// event order; returns what failed.
  public func deliver(_ events: [AlertEvent]) async -> [Failure] {
    var failures: [Failure] = []
    let rules = Dictionary(config.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for event in events {
      let channels = rules[event.alert.rule].map(config.channels(of:)) ?? config.configuredChannels
      for channel in channels {
        do {
          switch channel {
          case "slack": if let hook = config.slack { try await post(AlertMessage.slack(event), to: hook, channel: channel, event: event) }
          case "webhook": if let hook = config.webhook { try await post(AlertMessage.webhook(event), to: hook, channel: channel, event: event) }
          case "github_issue": if let issue = config.githubIssue { try await github(event, issue) }
          default: continue
          }
        } catch {
          failures.append(error)
        }
      }
    }
    return failures
  }

  /// POSTs a JSON body to the URL in the hook's variable, which must lie on the configured
  /// origin; the generic webhook signs the body with HMAC-SHA256. Retried by the client's policy.
  func post(_ body: String, to hook: AlertsConfig.Webhook, channel: String, event: AlertEvent) async throws(Failure) {
    func fail(_ message: String) -> Failure { Failure(channel: channel, message: message) }
    guard let url = environment[hook.urlVariable], !url.isEmpty else {
      throw fail("$\(hook.urlVariable) is not set, so the \(event.kind.rawValue) alert `\(event.alert.rule)` was not sent; set it to the webhook URL (as a secret) in the workflow's env")
    }
    var client = client
    client.redactor.add(url)
    if let path = URLComponents(string: url)?.percentEncodedPath, path.count > 1 { client.redactor.add(path) }
    guard let origin = HTTPCredential.origin(of: url), let allowed = HTTPCredential.origin(of: hook.origin), origin == allowed else {
      throw fail("the URL in $\(hook.urlVariable) does not point at \(hook.origin), the origin configured for it; nothing was sent (set `origin` under alerts.channels.\(channel) if the hook moved)")
    }
    var headers = HTTPHeaders([("Content-Type", "application/json")])
    if let secretVariable = hook.secretVariable {
      guard let key = environment[secretVariable], !key.isEmpty else {
        throw fail("$\(secretVariable) (the signing key) is not set, so nothing was sent; an unsigned body would be refused by a receiver that checks \(AlertMessage.signatureHeader)")
      }
      client.redactor.add(key)
      headers.set(AlertMessage.signatureHeader, AlertMessage.signature(body: body, key: key))
      headers.set("X-Almanac-Event", event.kind.rawValue)
    }
    let request = HTTPRequest(method: "POST", url: url, headers: headers, body: Data(body.utf8), purpose: "alert \(event.kind.rawValue) to \(channel)")
    let response: HTTPResponse
    do { response = try await client.send(request) } catch { throw fail(error.description) }
    guard (200...299).contains(response.status) else {
      // A receiver may quote the hook back: its body is redacted like the URL.
      throw fail("\(request.purpose): HTTP \(response.status) from \(client.redactor.redact(url)): \(client.redactor.redact(String(response.text.prefix(160))))")
    }
  }
}
