/// What the rules on one metric share, computed once per replay: the blocked days, the window
/// sums, and the anomaly scores per metric and baseline (anomaly rules on the same metric with
/// the same baseline differ in their thresholds, not in their statistics).
struct AnomalyCache {
  struct Key: Hashable {
    var metric: MetricName
    var baselineDays: Int
    var minVolume: Double
  }

  var scores: [Key: Scores] = [:]
  var masks: [MetricName: [Bool]] = [:]
  var windows: [MetricName: WindowSums] = [:]
  /// Scores whose magnitude is below this are bounds, not exact (`Anomaly.scores`).
  var exactFrom = 0.0

  init(exactFrom: Double = 0) { self.exactFrom = exactFrom }

  mutating func scores(_ metric: Metric, _ rule: AlertRule) -> Scores {
    let key = Key(metric: metric.name, baselineDays: rule.baselineDays, minVolume: rule.minVolume)
    if let held = scores[key] { return held }
    let computed = Anomaly.scores(metric, blocked: blocked(metric), baselineDays: rule.baselineDays, minVolume: rule.minVolume, exactFrom: exactFrom)
    scores[key] = computed
    return computed
  }

  /// The metric's window sums, built once for every above/below/drop/rise rule on it.
  mutating func sums(_ metric: Metric) -> WindowSums {
    if let held = windows[metric.name] { return held }
    let built = WindowSums(metric, blocked: blocked(metric))
    windows[metric.name] = built
    return built
  }

  /// Per day offset: true when the day is unknown or excluded (a release window, an outage),
  /// so neither evaluated nor used as a baseline. Built from the excluded days, not by asking
  /// for every day.
  mutating func blocked(_ metric: Metric) -> [Bool] {
    if let held = masks[metric.name] { return held }
    var mask = metric.values.map(\.isNaN)
    for day in metric.excluded.keys {
      let i = day - metric.first
      if i >= 0, i < mask.count { mask[i] = true }
    }
    masks[metric.name] = mask
    return mask
  }
}
