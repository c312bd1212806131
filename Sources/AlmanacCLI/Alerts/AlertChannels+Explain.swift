import AlmanacKit

extension AlertChannels {
  /// `almanac config check`'s alerts lines: the channels (variables named, never their values)
  /// and each rule in words.
  static func explain(_ alerts: AlertsConfig, config: Config, environment: [String: String]) -> String {
    guard !alerts.rules.isEmpty || !alerts.configuredChannels.isEmpty else { return "" }
    func state(_ variable: String) -> String { environment[variable].map { $0.isEmpty ? "set but empty" : "set" } ?? "not set in this shell" }
    var out = "  alerts: \(alerts.rules.count) rule\(alerts.rules.count == 1 ? "" : "s") over the stored series, replayed into \(config.statsDir)/alerts.json\n"
    if let s = alerts.slack { out += "    channel slack: POST to the URL in $\(s.urlVariable) (\(state(s.urlVariable))), only on \(s.origin)\n" }
    if let w = alerts.webhook {
      out += "    channel webhook: POST to the URL in $\(w.urlVariable) (\(state(w.urlVariable))), only on \(w.origin), signed with HMAC-SHA256 of the key in $\(w.secretVariable ?? "?") (\(state(w.secretVariable ?? ""))) in \(AlertMessage.signatureHeader)\n"
    }
    if let g = alerts.githubIssue {
      let variable = config.githubTokenVariable
      out += "    channel github_issue: an issue per alert in \(g.repo) labelled `\(g.label)`, closed with a comment when it clears; token from $\(variable) (\(state(variable))), sent only to \(config.github?.baseURL ?? GitHub.defaultBaseURL)\n"
    }
    for rule in alerts.rules {
      out += "    rule `\(rule.id)`: \(rule.explained(channels: alerts.channels(of: rule)))\n"
    }
    return out
  }
}
