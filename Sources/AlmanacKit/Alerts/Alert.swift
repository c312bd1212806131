/// One alert: a rule firing on one metric from the day it opened until the day it closed (nil
/// while open), with the reading that opened it and the most extreme one since.
public struct Alert: Equatable, Sendable {
  public var rule: String
  public var metric: MetricName
  public var condition: AlertRule.Condition
  public var threshold: Double
  public var window: Int
  public var opened: Day
  public var closed: Day?
  public var opening: AlertEngine.Reading
  public var peak: AlertEngine.Reading
  /// The newest value the rule read while the alert was open.
  public var lastValue: Double

  init(rule: AlertRule, metric: Metric, opening: AlertEngine.Reading, peak: AlertEngine.Reading? = nil, lastValue: Double? = nil, closed: Day? = nil) {
    self.rule = rule.id
    self.metric = metric.name
    condition = rule.condition
    threshold = rule.threshold
    window = rule.window
    opened = opening.day
    self.closed = closed
    self.opening = opening
    self.peak = peak ?? opening
    self.lastValue = lastValue ?? opening.value
  }

  public init(
    rule: String, metric: MetricName, condition: AlertRule.Condition, threshold: Double, window: Int, opened: Day, closed: Day?,
    opening: AlertEngine.Reading, peak: AlertEngine.Reading, lastValue: Double
  ) {
    self.rule = rule
    self.metric = metric
    self.condition = condition
    self.threshold = threshold
    self.window = window
    self.opened = opened
    self.closed = closed
    self.opening = opening
    self.peak = peak
    self.lastValue = lastValue
  }

  public var isOpen: Bool { closed == nil }

  /// Names one alert for good: rule, metric and the day it opened. Channels mark their messages
  /// and issues with it.
  public var key: String { "\(rule)|\(metric)|\(opened)" }

  /// Keeps the most extreme reading in the rule's direction (the lowest for below and drop).
  mutating func observe(_ reading: AlertEngine.Reading, condition: AlertRule.Condition) {
    lastValue = reading.value
    if Self.exceeds(reading, peak, condition: condition) { peak = reading }
  }

  /// Whether `reading` is more extreme than `peak` in the rule's direction.
  @inline(__always)
  static func exceeds(_ reading: AlertEngine.Reading, _ peak: AlertEngine.Reading, condition: AlertRule.Condition) -> Bool {
    switch condition {
    case .above, .risePercent: return reading.score > peak.score
    case .below, .dropPercent: return reading.score < peak.score
    case .anomaly: return abs(reading.score) > abs(peak.score)
    }
  }

  /// What happened, in words, from the opening reading: `pypistats.tidewater.downloads fell
  /// 52% (1,234 on 2026-11-20 against 2,570 on 2026-11-13; the rule asks for a drop of 40%)`.
  public var message: String { Self.describe(opening, metric: metric, condition: condition, threshold: threshold, window: window) }

  public static func describe(_ r: AlertEngine.Reading, metric: MetricName, condition: AlertRule.Condition, threshold: Double, window: Int) -> String {
    let value = NumberFormat.grouped(Int64(r.value.rounded()))
    let when = window == 1 ? "on \(r.day)" : "in the \(window) days to \(r.day)"
    let t = CanonicalJSON.number(threshold)
    switch condition {
    case .above: return "\(metric) was \(value) \(when), above \(NumberFormat.grouped(Int64(threshold.rounded())))"
    case .below: return "\(metric) was \(value) \(when), below \(NumberFormat.grouped(Int64(threshold.rounded())))"
    case .dropPercent, .risePercent:
      let shift = max(1, (window + 6) / 7) * 7
      let before = r.reference.map { NumberFormat.grouped(Int64($0.rounded())) } ?? "?"
      let verb = condition == .dropPercent ? "fell" : "rose"
      let against = window == 1 ? "on \(r.day.adding(days: -shift))" : "in the \(window) days to \(r.day.adding(days: -shift))"
      return "\(metric) \(verb) \(CanonicalJSON.number(abs(r.score)))% (\(value) \(when) against \(before) \(against); the rule asks for \(t)%)"
    case .anomaly:
      let typical = r.reference.map { NumberFormat.grouped(Int64($0.rounded())) } ?? "?"
      let side = r.score < 0 ? "below" : "above"
      return "\(metric) was \(value) \(when), \(CanonicalJSON.number(abs(r.score))) robust standard deviations \(side) the typical \(typical) (the rule asks for \(t))"
    }
  }
}
