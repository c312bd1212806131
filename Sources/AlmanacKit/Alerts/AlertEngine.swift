/// Evaluates rules over a catalog by replaying every day of every matched metric, oldest first:
/// the alerts as of a day are a pure function of the stored series and the rules, so a night
/// that runs twice, and a store rebuilt from raw snapshots, give the same `alerts.json`.
///
/// A day is not evaluated when its value (or a value its window or comparison needs) is
/// unknown, or when it falls on an excluded day (a release window or a known outage): such a
/// day neither fires nor counts as clear, and baselines leave excluded days out.
public enum AlertEngine {
  /// What a rule reads on one day.
  public struct Reading: Equatable, Sendable {
    public var day: Day
    /// The window's sum.
    public var value: Double
    /// What the threshold is compared with: the value (above/below), the change in percent
    /// (drop/rise), robust standard deviations (anomaly; in a replay exact whenever the rule
    /// fires, and on quieter days a bound that stays below every anomaly threshold).
    public var score: Double
    /// The earlier window's sum (drop/rise) or the baseline's typical value (anomaly).
    public var reference: Double?
    public var fires: Bool
  }

  public static func evaluate(_ rules: [AlertRule], catalog: MetricCatalog, asOf: Day) -> AlertState {
    // Scores below every anomaly rule's threshold cannot fire: they need not be exact.
    let exactFrom = rules.filter { $0.condition == .anomaly }.map(\.threshold).min() ?? 0
    // Metric by metric, each with the rules that watch it (they share its caches, dropped when
    // the metric is done); AlertState orders the alerts (opened, rule, metric). Spreading the
    // metrics over both cores (concurrentPerform) was tried: on the loaded build machine the
    // median replay took three times as long, waiting for the slower worker.
    var watching: [MetricName: [AlertRule]] = [:]
    var metrics: [Metric] = []
    for rule in rules {
      for metric in catalog.matching(rule.metric) {
        if watching[metric.name] == nil { metrics.append(metric) }
        watching[metric.name, default: []].append(rule)
      }
    }
    let jobs = metrics.map { ($0, watching[$0.name] ?? []) }
    var alerts: [Alert] = []
    for (metric, rules) in jobs {
      var cache = AnomalyCache(exactFrom: exactFrom)
      for rule in rules { alerts += replay(rule, metric, asOf: asOf, cache: &cache) }
    }
    return AlertState(asOf: asOf, alerts: alerts)
  }

  /// The rules whose metric matches nothing stored: worth a warning, since a typo in a metric
  /// name would otherwise watch nothing in silence.
  public static func unmatched(_ rules: [AlertRule], catalog: MetricCatalog) -> [AlertRule] {
    rules.filter { catalog.matching($0.metric).isEmpty }
  }

  /// Above, below, drop and rise on one day; nil when the day is not evaluated.
  public static func reading(_ rule: AlertRule, _ metric: Metric, _ day: Day) -> Reading? {
    var cache = AnomalyCache()
    if rule.condition == .anomaly { return cache.scores(metric, rule).reading(day - metric.first, day: day, threshold: rule.threshold) }
    return reading(rule, day - metric.first, day: day, sums: cache.sums(metric))
  }

  /// The same at a day offset, with the metric's window sums at hand.
  static func reading(_ rule: AlertRule, _ offset: Int, day: Day, sums: WindowSums) -> Reading? {
    guard let value = sums.sum(endingAt: offset, days: rule.window) else { return nil }
    switch rule.condition {
    case .above: return Reading(day: day, value: value, score: value, reference: nil, fires: value > rule.threshold)
    case .below: return Reading(day: day, value: value, score: value, reference: nil, fires: value < rule.threshold)
    case .dropPercent, .risePercent:
      // A release or outage day in the earlier window would make an ordinary week look like a
      // drop: such a comparison is not made.
      guard let before = sums.sum(endingAt: offset - rule.comparisonShift, days: rule.window) else { return nil }
      guard before >= rule.minVolume * Double(rule.window), before > 0 else {
        return Reading(day: day, value: value, score: 0, reference: before, fires: false)
      }
      let change = ((value - before) / before * 1000).fastRounded / 10
      let fires = rule.condition == .dropPercent ? change <= -rule.threshold : change >= rule.threshold
      return Reading(day: day, value: value, score: change, reference: before, fires: fires)
    case .anomaly:
      return nil
    }
  }
}
