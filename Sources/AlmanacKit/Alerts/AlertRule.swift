/// One rule from `alerts.rules` in `almanac.yml`: a metric (or `source.*.measure` for every
/// subject), a condition and its threshold.
public struct AlertRule: Equatable, Sendable {
  public enum Condition: String, CaseIterable, Sendable {
    /// The window's sum is above the threshold.
    case above
    /// The window's sum is below the threshold.
    case below
    /// The window's sum fell by at least `threshold` percent against the same window a week (or
    /// whole weeks) earlier, so the same weekdays are compared.
    case dropPercent = "drop_percent"
    /// The window's sum rose by at least `threshold` percent on the same basis.
    case risePercent = "rise_percent"
    /// The day is at least `threshold` robust standard deviations from the median of a trailing
    /// baseline (median/MAD, weekday-adjusted), in either direction.
    case anomaly
  }

  /// The rule's name: given as `name`, else `<metric> <condition> <threshold>`. Alerts and
  /// channels refer to it, so renaming a rule starts its alerts afresh.
  public var id: String
  public var metric: MetricName
  public var condition: Condition
  /// A count for above/below, a percentage for drop/rise, robust standard deviations for anomaly.
  public var threshold: Double
  /// Days summed into the value the condition reads (1: the day itself).
  public var window = 1
  /// Days in a row the condition must hold before the alert opens.
  public var minDays = 1
  /// Days in a row the condition must be clear before an open alert closes.
  public var clearDays = AlertRule.defaultClearDays
  /// Trailing days the anomaly baseline spans.
  public var baselineDays = AlertRule.defaultBaselineDays
  /// Below this many per day in the baseline (anomaly) or in the earlier window (drop/rise,
  /// per window), the rule stays quiet: a package with 3 downloads a day does not alarm.
  public var minVolume = AlertRule.defaultMinVolume
  /// Channels beyond the default ones (annotation, step summary, REPORT.md): names under
  /// `alerts.channels`. Nil: every configured channel.
  public var channels: [String]?

  public static let defaultClearDays = 2
  public static let defaultBaselineDays = 28
  public static let defaultMinVolume = 10.0
  public static let defaultAnomalyThreshold = 3.5

  public init(id: String, metric: MetricName, condition: Condition, threshold: Double) {
    self.id = id
    self.metric = metric
    self.condition = condition
    self.threshold = threshold
  }

  public static func defaultID(metric: MetricName, condition: Condition, threshold: Double) -> String {
    "\(metric) \(condition.rawValue) \(CanonicalJSON.number(threshold))"
  }

  /// How many days before the evaluated one the comparison window of drop/rise ends: whole
  /// weeks, at least one, so Mondays are compared with Mondays.
  public var comparisonShift: Int { max(1, (window + 6) / 7) * 7 }
}

/// `alerts:` in `almanac.yml`: the rules and where else alerts are delivered.
public struct AlertsConfig: Equatable, Sendable {
  public struct Webhook: Equatable, Sendable {
    /// The environment variable holding the URL (a webhook URL is a secret).
    public var urlVariable: String
    /// The only origin the URL may point at (`https://hooks.slack.com` for Slack).
    public var origin: String
    /// The environment variable holding the HMAC-SHA256 key (generic webhook only).
    public var secretVariable: String?
    public init(urlVariable: String, origin: String, secretVariable: String? = nil) {
      self.urlVariable = urlVariable
      self.origin = origin
      self.secretVariable = secretVariable
    }
  }

  public struct GitHubIssue: Equatable, Sendable {
    /// `owner/name` where the issues are opened.
    public var repo: String
    /// The label that marks Almanac's alert issues (with a hidden marker per alert in the body).
    public var label = "almanac-alert"
    public init(repo: String) { self.repo = repo }
  }

  public var rules: [AlertRule] = []
  public var slack: Webhook?
  public var webhook: Webhook?
  public var githubIssue: GitHubIssue?
  /// `alerts.deadline`: seconds every channel delivery of a night may take together, its own
  /// budget beside `http.deadline` (a hanging receiver must not eat the sources' time).
  public var deadline = AlertsConfig.defaultDeadline

  public init() {}

  public static let defaultDeadline = 30

  public static let slackOrigin = "https://hooks.slack.com"
  /// The channel names a rule may list under `channels`.
  public static let channelNames = ["slack", "webhook", "github_issue"]

  public var configuredChannels: [String] {
    [slack.map { _ in "slack" }, webhook.map { _ in "webhook" }, githubIssue.map { _ in "github_issue" }].compactMap { $0 }
  }

  /// The environment variables whose values are secrets: webhook URLs and the signing key (the
  /// GitHub token is a source token, masked with the others).
  public var secretVariables: [String] {
    [slack?.urlVariable, webhook?.urlVariable, webhook?.secretVariable].compactMap { $0 }
  }

  /// The configured channels a rule delivers to (beyond annotation, step summary and REPORT.md).
  public func channels(of rule: AlertRule) -> [String] {
    rule.channels ?? configuredChannels
  }
}
