extension AlertRule {
  /// The rule in words, for `almanac config check`: what it watches, when it opens and closes,
  /// and where it is told.
  public func explained(channels: [String]) -> String {
    let what = metric.isPattern ? "\(metric.source).<every subject>.\(metric.measure)" : metric.description
    let span = window == 1 ? "the day's value" : "the sum of \(window) days"
    let t = CanonicalJSON.number(threshold)
    var text: String
    switch condition {
    case .above: text = "when \(span) of \(what) is above \(t)"
    case .below: text = "when \(span) of \(what) is below \(t)"
    case .dropPercent, .risePercent:
      let weeks = comparisonShift / 7
      let basis = "the same weekday\(window == 1 ? "" : "s") \(weeks == 1 ? "a week" : "\(weeks) weeks") earlier"
      text = "when \(span) of \(what) \(condition == .dropPercent ? "falls" : "rises") \(t)% or more against \(basis)"
      text += " (quiet while that is under \(CanonicalJSON.number(minVolume * Double(window))))"
    case .anomaly:
      text = "when a day of \(what) lies \(t) or more robust standard deviations from the median of the \(baselineDays) days before (weekday-adjusted; quiet below a median of \(CanonicalJSON.number(minVolume)) a day)"
    }
    text += minDays == 1 ? ", on the first such day" : ", after \(minDays) such days in a row"
    text += "; closes after \(clearDays) clear day\(clearDays == 1 ? "" : "s"); release and outage days are never alarmed on"
    if condition != .above, condition != .below { text += " nor used as a baseline" }
    text += ". Told: annotation, step summary, REPORT.md" + channels.map { ", \($0)" }.joined()
    return text
  }
}
