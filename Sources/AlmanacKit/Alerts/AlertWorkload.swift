/// A seeded synthetic workload for the alert benchmark (`almanac bench-alerts`,
/// `Benchmarks/alerts-bench`): `series` daily series of `years` years with a weekly rhythm,
/// slow growth, noise, release spikes, a few outage gaps and planted drops, and four rules per
/// series (a one-day drop, a weekly rise, a monthly floor and an anomaly rule), so the default
/// 50 series give 200 rules. Same seed, same workload.
public struct AlertWorkload: Sendable {
  public var catalog: MetricCatalog
  public var rules: [AlertRule]
  public var asOf: Day

  public init(series: Int = 50, years: Int = 10, seed: UInt64 = 20_261_204) {
    var rng = SeededGenerator(seed: seed)
    let days = years * 365
    let asOf = Day("2026-11-22") ?? Day(ordinal: 0)
    let first = asOf.adding(days: -(days - 1))
    var metrics: [Metric] = []
    var rules: [AlertRule] = []
    for s in 0..<series {
      let name = MetricName(source: "pypistats", subject: "pkg-\(s)", measure: "downloads")
      let base = 20 + Double(rng.next() % 5_000)
      var daily: [Day: Double] = [:]
      var excluded: [Day: String] = [:]
      for i in 0..<days {
        let day = first.adding(days: i)
        if rng.next() % 500 == 0 { continue }  // a gap: the source said nothing
        let trend = 1 + Double(i) / Double(days)
        let weekly = day.isWeekend ? 0.6 : 1.0
        let noise = 0.85 + Double(rng.next() % 300) / 1000
        var v = base * trend * weekly * noise
        if rng.next() % 90 == 0 {
          v *= 3
          excluded[day] = "release \(s).\(i) (\(day))"
        }
        if rng.next() % 400 == 0 { v *= 0.4 }
        daily[day] = v.rounded()
      }
      metrics.append(Metric(name: name, about: "synthetic downloads", daily: daily, excluded: excluded))
      var drop = AlertRule(id: "\(name) drop", metric: name, condition: .dropPercent, threshold: 40)
      drop.minVolume = 10
      var rise = AlertRule(id: "\(name) rise", metric: name, condition: .risePercent, threshold: 80)
      rise.window = 7
      var floor = AlertRule(id: "\(name) floor", metric: name, condition: .below, threshold: base * 30 * 0.5)
      floor.window = 30
      floor.minDays = 3
      let odd = AlertRule(id: "\(name) odd", metric: name, condition: .anomaly, threshold: AlertRule.defaultAnomalyThreshold)
      rules += [drop, rise, floor, odd]
    }
    catalog = MetricCatalog(metrics)
    self.rules = rules
    self.asOf = asOf
  }
}
