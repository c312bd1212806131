import Testing

@testable import AlmanacKit

/// The anomaly rule on ordinary noise: a year of ±15% uniform noise on a weekly rhythm raises
/// nothing at the default 3.5 (it raised about one alert a month before the spread had a floor
/// relative to the median), while a day at half its usual level still raises exactly one.
@Suite struct AnomalyNoiseTests {
  static let start = day("2025-11-03")  // a Monday

  /// One year (365 days) of `base` downloads a day, weekends at 60%, each day ±15% uniform noise.
  static func noisy(seed: UInt64, base: Double, halved: Int? = nil) -> Metric {
    var rng = SeededGenerator(seed: seed)
    var daily: [Day: Double] = [:]
    for i in 0..<365 {
      let d = start.adding(days: i)
      let noise = 0.85 + Double(rng.next() % 301) / 1000
      var v = base * (d.isWeekend ? 0.6 : 1) * noise
      if i == halved { v *= 0.5 }
      daily[d] = v.rounded()
    }
    return Metric(name: MetricName(source: "pypistats", subject: "noisy-\(seed)", measure: "downloads"), about: "noise", daily: daily)
  }

  static let rule = AlertRule(
    id: "odd", metric: MetricName(source: "pypistats", subject: "*", measure: "downloads"), condition: .anomaly,
    threshold: AlertRule.defaultAnomalyThreshold)

  @Test(arguments: [(UInt64(1), 200.0), (2, 1_000), (3, 5_000), (4, 20_000), (5, 80_000), (6, 400)])
  func aYearOfFifteenPercentNoiseRaisesNothing(seed: UInt64, base: Double) {
    let metric = Self.noisy(seed: seed, base: base)
    let state = AlertEngine.evaluate([Self.rule], catalog: MetricCatalog([metric]), asOf: metric.last)
    #expect(state.alerts.isEmpty, "\(state.alerts.map(\.message))")
    // The scores are real: the same year with the floor's job undone (no noise) would be 0;
    // here they spread, just not as far as 3.5.
    let scores = Anomaly.scores(metric, blocked: metric.values.map(\.isNaN), baselineDays: 28, minVolume: 10).points.compactMap { $0?.z }
    #expect(scores.count > 300)
    #expect(scores.contains { abs($0) >= 1 })
    #expect(scores.allSatisfy { abs($0) < 3.5 })
  }

  @Test(arguments: [(UInt64(11), 1_000.0, 200), (12, 5_000, 101), (13, 20_000, 333)])
  func aDayAtHalfItsLevelStillRaisesExactlyOneAlert(seed: UInt64, base: Double, halved: Int) throws {
    let metric = Self.noisy(seed: seed, base: base, halved: halved)
    let state = AlertEngine.evaluate([Self.rule], catalog: MetricCatalog([metric]), asOf: metric.last)
    #expect(state.alerts.count == 1)
    let alert = try #require(state.alerts.first)
    #expect(alert.opened == Self.start.adding(days: halved))
    #expect(alert.opening.score <= -3.5)
    #expect(alert.closed == Self.start.adding(days: halved + AlertRule.defaultClearDays))
  }

  @Test func quietDaysKeepABoundThatNeverUnderstatesTheScore() {
    let metric = Self.noisy(seed: 21, base: 3_000, halved: 150)
    let blocked = metric.values.map(\.isNaN)
    let exact = Anomaly.scores(metric, blocked: blocked, baselineDays: 28, minVolume: 10).points
    let fast = Anomaly.scores(metric, blocked: blocked, baselineDays: 28, minVolume: 10, exactFrom: 3.5).points
    var bounded = 0
    for (e, f) in zip(exact, fast) {
      guard let e, let f else {
        #expect(e == nil && f == nil)
        continue
      }
      #expect(e.value == f.value && e.expected == f.expected && e.quiet == f.quiet)
      if abs(e.z) >= 3.5 || abs(f.z) >= 3.5 {
        #expect(e.z == f.z)
      } else {
        #expect(abs(f.z) >= abs(e.z))
        if f.z != e.z { bounded += 1 }
      }
    }
    #expect(exact[150]?.z == fast[150]?.z)
    #expect((fast[150]?.z ?? 0) <= -3.5)
    #expect(bounded > 0)
  }
}
