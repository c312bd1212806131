import Yams

extension ConfigParser {
  static let alertRuleKeys: Set<String> = [
    "name", "metric", "condition", "threshold", "window", "min_days", "clear_days", "baseline_days", "min_volume", "channels",
  ]

  /// `alerts:`: the channels first (rules name them), then the rules, each checked so a typo
  /// fails here instead of watching nothing.
  static func alerts(_ node: Node, _ c: Cursor) throws(ConfigError) -> AlertsConfig {
    let m = try c.mapping(node, "alerts", allowed: ["rules", "channels", "clear_days", "deadline"])
    var out = AlertsConfig()
    if let n = m["deadline"] { out.deadline = try c.int(n, "alerts.deadline", range: 1...3_600) }
    if let n = m["channels"] {
      let channels = try c.mapping(n, "alerts.channels", allowed: Set(AlertsConfig.channelNames))
      if let s = channels["slack"] { out.slack = try webhook(s, "alerts.channels.slack", c, defaultOrigin: AlertsConfig.slackOrigin, signed: false) }
      if let w = channels["webhook"] { out.webhook = try webhook(w, "alerts.channels.webhook", c, defaultOrigin: nil, signed: true) }
      if let g = channels["github_issue"] {
        let gm = try c.mapping(g, "alerts.channels.github_issue", allowed: ["repo", "label"])
        guard let r = gm["repo"] else { throw c.error(g, "alerts.channels.github_issue.repo", "is required: the `owner/name` repository the issues are opened in") }
        let repo = try c.string(r, "alerts.channels.github_issue.repo")
        guard RepoName(repo) != nil else { throw c.error(r, "alerts.channels.github_issue.repo", "expected `owner/name`, found `\(repo)`") }
        var issue = AlertsConfig.GitHubIssue(repo: repo)
        if let l = gm["label"] {
          let label = try c.string(l, "alerts.channels.github_issue.label")
          guard label.count <= 50, !label.contains(",") else { throw c.error(l, "alerts.channels.github_issue.label", "expected a GitHub label of at most 50 characters without a comma, found `\(label)`") }
          issue.label = label
        }
        out.githubIssue = issue
      }
    }
    let clearDays = try m["clear_days"].map { (n) throws(ConfigError) in try c.int(n, "alerts.clear_days", range: 1...365) } ?? AlertRule.defaultClearDays
    guard let rulesNode = m["rules"] else { return out }
    var seen: [String: Int] = [:]
    for (i, item) in try c.list(rulesNode, "alerts.rules").enumerated() {
      var rule = try alertRule(item, "alerts.rules[\(i)]", c, configured: out.configuredChannels)
      if item.mapping?["clear_days"] == nil { rule.clearDays = clearDays }
      if let j = seen[rule.id] {
        throw c.error(item, "alerts.rules[\(i)]", "repeats the rule `\(rule.id)` of alerts.rules[\(j)]; give one of them another `name`")
      }
      seen[rule.id] = i
      out.rules.append(rule)
    }
    return out
  }

  static func alertRule(_ node: Node, _ at: String, _ c: Cursor, configured: [String]) throws(ConfigError) -> AlertRule {
    let m = try c.mapping(node, at, allowed: alertRuleKeys)
    guard let metricNode = m["metric"] else {
      throw c.error(node, "\(at).metric", "is required: the series to watch, like `pypistats.your-package.downloads` or `github.owner/repo.views`")
    }
    let text = try c.string(metricNode, "\(at).metric")
    guard let metric = MetricName(text) else {
      throw c.error(metricNode, "\(at).metric", "expected `source.subject.measure` (like `pypistats.your-package.downloads`, `pypi.your-package.could_be_human`, `github.owner/repo.views`, or `*` as the subject for every one), found `\(text)`")
    }
    guard (knownSources + plannedSources).contains(metric.source) else {
      throw c.error(metricNode, "\(at).metric", "unknown source `\(metric.source)`\(c.didYouMean(metric.source, among: knownSources)); metrics start with one of \(knownSources.joined(separator: ", "))")
    }
    guard let conditionNode = m["condition"] else {
      throw c.error(node, "\(at).condition", "is required: one of \(AlertRule.Condition.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let name = try c.string(conditionNode, "\(at).condition")
    guard let condition = AlertRule.Condition(rawValue: name) else {
      let all = AlertRule.Condition.allCases.map(\.rawValue)
      throw c.error(conditionNode, "\(at).condition", "unknown condition `\(name)`\(c.didYouMean(name, among: all)); conditions: \(all.joined(separator: ", "))")
    }
    let threshold: Double
    if let t = m["threshold"] {
      switch condition {
      case .above, .below: threshold = try c.number(t, "\(at).threshold", range: 0...1e15)
      case .dropPercent: threshold = try c.number(t, "\(at).threshold", range: 0.1...100)
      case .risePercent: threshold = try c.number(t, "\(at).threshold", range: 0.1...1e6)
      case .anomaly: threshold = try c.number(t, "\(at).threshold", range: 0.5...100)
      }
    } else if condition == .anomaly {
      threshold = AlertRule.defaultAnomalyThreshold
    } else {
      let unit = condition == .above || condition == .below ? "a count (the window's sum)" : "a percentage"
      throw c.error(node, "\(at).threshold", "is required for `\(condition.rawValue)`: \(unit)")
    }
    var rule = AlertRule(id: AlertRule.defaultID(metric: metric, condition: condition, threshold: threshold), metric: metric, condition: condition, threshold: threshold)
    if let n = m["name"] {
      rule.id = try c.string(n, "\(at).name")
      guard !rule.id.contains("|"), !rule.id.contains("\n") else { throw c.error(n, "\(at).name", "may not contain `|` or a line break") }
    }
    if let n = m["window"] {
      rule.window = try c.int(n, "\(at).window", range: 1...365)
      if condition == .anomaly, rule.window != 1 {
        throw c.error(n, "\(at).window", "`anomaly` scores single days against their baseline; remove `window` (or use drop_percent/rise_percent for sums)")
      }
    }
    if let n = m["min_days"] { rule.minDays = try c.int(n, "\(at).min_days", range: 1...365) }
    if let n = m["clear_days"] { rule.clearDays = try c.int(n, "\(at).clear_days", range: 1...365) }
    if let n = m["baseline_days"] {
      guard condition == .anomaly else { throw c.error(n, "\(at).baseline_days", "applies to `anomaly` rules only") }
      rule.baselineDays = try c.int(n, "\(at).baseline_days", range: 14...365)
    }
    if let n = m["min_volume"] {
      guard condition != .above, condition != .below else { throw c.error(n, "\(at).min_volume", "applies to drop_percent, rise_percent and anomaly; `\(condition.rawValue)` compares with the threshold alone") }
      rule.minVolume = try c.number(n, "\(at).min_volume", range: 0...1e15)
    }
    if let n = m["channels"] {
      var names: [String] = []
      for (j, item) in try c.list(n, "\(at).channels").enumerated() {
        let channel = try c.string(item, "\(at).channels[\(j)]")
        guard configured.contains(channel) else {
          let hint = AlertsConfig.channelNames.contains(channel)
            ? "is not configured; add it under `alerts.channels`"
            : "is not a channel\(c.didYouMean(channel, among: AlertsConfig.channelNames)); channels: \(AlertsConfig.channelNames.joined(separator: ", "))"
          throw c.error(item, "\(at).channels[\(j)]", "`\(channel)` \(hint) (annotations, the step summary and REPORT.md always get every alert)")
        }
        if !names.contains(channel) { names.append(channel) }
      }
      rule.channels = names
    }
    return rule
  }

  static func webhook(_ node: Node, _ at: String, _ c: Cursor, defaultOrigin: String?, signed: Bool) throws(ConfigError) -> AlertsConfig.Webhook {
    let m = try c.mapping(node, at, allowed: signed ? ["url_env", "origin", "secret_env"] : ["url_env", "origin"])
    guard let u = m["url_env"] else { throw c.error(node, "\(at).url_env", "is required: the environment variable that holds the webhook URL (the URL is a secret and never goes in this file)") }
    let variable = try environmentVariable(u, "\(at).url_env", c, what: "the webhook URL")
    var origin = defaultOrigin
    if let o = m["origin"] {
      let text = try c.url(o, "\(at).origin")
      let authority = text.trimmingSlash.drop { $0 != ":" }.dropFirst(3)
      guard Origin(text) != nil, !authority.contains(where: { "/?#".contains($0) }) else {
        throw c.error(o, "\(at).origin", "expected an origin only (scheme, host and port, like https://hooks.example.org), found `\(text)`")
      }
      origin = text.trimmingSlash
    }
    guard let origin else {
      throw c.error(node, "\(at).origin", "is required: the scheme, host and port the URL in $\(variable) must point at (like https://hooks.example.org); the URL is refused anywhere else")
    }
    var hook = AlertsConfig.Webhook(urlVariable: variable, origin: origin)
    if signed {
      guard let s = m["secret_env"] else { throw c.error(node, "\(at).secret_env", "is required: the environment variable that holds the key the body is signed with (HMAC-SHA256)") }
      hook.secretVariable = try environmentVariable(s, "\(at).secret_env", c, what: "the signing key")
    }
    return hook
  }

  static func environmentVariable(_ node: Node, _ at: String, _ c: Cursor, what: String) throws(ConfigError) -> String {
    let name = try c.string(node, at)
    let valid = name.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
      && name.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    // Never echo the value: it may be the secret itself.
    guard valid, !looksLikeToken(name[...]) else {
      throw c.error(node, at, "expected the name of an environment variable (like ALMANAC_SLACK_WEBHOOK) that holds \(what), not the value; secrets never go in this file")
    }
    return name
  }
}

extension String {
  fileprivate var trimmingSlash: String { hasSuffix("/") ? String(dropLast()) : self }
}
