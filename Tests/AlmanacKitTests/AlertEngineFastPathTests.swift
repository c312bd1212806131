import Testing

@testable import AlmanacKit

/// The engine's fast path (a dense mask of blocked days, a sliding sorted baseline, selection
/// for the deviations' median) against the plain definition it replaced, kept here verbatim in
/// spirit: per day, look every day up, rebuild and sort the baseline.
@Suite struct AlertEngineFastPathTests {
  enum Reference {
    static func windowSum(_ metric: Metric, endingAt end: Day, days: Int) -> Double? {
      var sum = 0.0
      for i in 0..<days {
        let day = end.adding(days: -i)
        guard let v = metric.value(day), !metric.isExcluded(day) else { return nil }
        sum += v
      }
      return sum
    }

    static func median(_ values: [Double]) -> Double {
      let sorted = values.sorted()
      let mid = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    static func anomaly(_ metric: Metric, baselineDays: Int, minVolume: Double) -> [(value: Double, z: Double, expected: Double, quiet: Bool)?] {
      let n = metric.values.count
      var points: [(value: Double, z: Double, expected: Double, quiet: Bool)?] = Array(repeating: nil, count: n)
      let usable: [Bool] = (0..<n).map { i in !metric.values[i].isNaN && !metric.isExcluded(metric.first.adding(days: i)) }
      let needed = max(7, baselineDays / 2)
      for i in 0..<n where usable[i] {
        var baseline: [Double] = []
        var weekdays: [Int] = []
        for j in max(0, i - baselineDays)..<i where usable[j] {
          baseline.append(metric.values[j])
          weekdays.append(metric.first.adding(days: j).isoWeekday)
        }
        guard baseline.count >= needed else { continue }
        let median = median(baseline)
        let x = metric.values[i]
        guard median >= minVolume else {
          points[i] = (x, 0, median, true)
          continue
        }
        var byWeekday: [[Double]] = Array(repeating: [], count: 8)
        for (v, w) in zip(baseline, weekdays) { byWeekday[w].append(v) }
        var factor = [Double](repeating: 1, count: 8)
        for w in 1...7 where byWeekday[w].count >= 2 { factor[w] = min(4, max(0.25, Self.median(byWeekday[w]) / median)) }
        let residuals = zip(baseline, weekdays).map { abs($0 / factor[$1] - median) }
        let spread = max(1.4826 * Self.median(residuals), median.squareRoot(), 0.1 * median)
        let f = factor[metric.first.adding(days: i).isoWeekday]
        points[i] = (x, ((x / f - median) / spread * 10).rounded() / 10, (median * f).rounded(), false)
      }
      return points
    }

    static func reading(_ rule: AlertRule, _ metric: Metric, _ day: Day) -> AlertEngine.Reading? {
      guard let value = windowSum(metric, endingAt: day, days: rule.window) else { return nil }
      switch rule.condition {
      case .above: return AlertEngine.Reading(day: day, value: value, score: value, reference: nil, fires: value > rule.threshold)
      case .below: return AlertEngine.Reading(day: day, value: value, score: value, reference: nil, fires: value < rule.threshold)
      case .dropPercent, .risePercent:
        guard let before = windowSum(metric, endingAt: day.adding(days: -rule.comparisonShift), days: rule.window) else { return nil }
        guard before >= rule.minVolume * Double(rule.window), before > 0 else { return AlertEngine.Reading(day: day, value: value, score: 0, reference: before, fires: false) }
        let change = ((value - before) / before * 1000).rounded() / 10
        return AlertEngine.Reading(day: day, value: value, score: change, reference: before, fires: rule.condition == .dropPercent ? change <= -rule.threshold : change >= rule.threshold)
      case .anomaly:
        let p = anomaly(metric, baselineDays: rule.baselineDays, minVolume: rule.minVolume)[day - metric.first]
        return p.map { AlertEngine.Reading(day: day, value: $0.value, score: $0.z, reference: $0.expected, fires: !$0.quiet && abs($0.z) >= rule.threshold) }
      }
    }

    /// The replay as it was, one reading per day from the definitions above.
    static func evaluate(_ rules: [AlertRule], catalog: MetricCatalog, asOf: Day) -> AlertState {
      var alerts: [Alert] = []
      for rule in rules {
        for metric in catalog.matching(rule.metric) {
          let last = min(asOf, metric.last)
          guard last >= metric.first else { continue }
          let scores = rule.condition == .anomaly ? anomaly(metric, baselineDays: rule.baselineDays, minVolume: rule.minVolume) : nil
          var open: Alert?
          var firing = 0
          var clear = 0
          for offset in 0...(last - metric.first) {
            let day = metric.first.adding(days: offset)
            let r: AlertEngine.Reading?
            if let scores {
              r = scores[offset].map { AlertEngine.Reading(day: day, value: $0.value, score: $0.z, reference: $0.expected, fires: !$0.quiet && abs($0.z) >= rule.threshold) }
            } else {
              r = reading(rule, metric, day)
            }
            guard let r else { continue }
            if r.fires {
              firing += 1
              clear = 0
              if open == nil, firing >= rule.minDays { open = Alert(rule: rule, metric: metric, opening: r) }
              open?.observe(r, condition: rule.condition)
            } else {
              firing = 0
              guard open != nil else { continue }
              clear += 1
              open?.lastValue = r.value
              if clear >= rule.clearDays, var closing = open {
                closing.closed = day
                alerts.append(closing)
                open = nil
                clear = 0
              }
            }
          }
          if let open { alerts.append(open) }
        }
      }
      return AlertState(asOf: asOf, alerts: alerts)
    }
  }

  @Test(arguments: [UInt64(1), 7, 20_261_204])
  func theFastReplayGivesTheSameAlertsAsThePlainDefinition(seed: UInt64) {
    var workload = AlertWorkload(series: 4, years: 2, seed: seed)
    // Other baselines and volumes too: rules that share a metric but not its statistics.
    for (i, rule) in workload.rules.enumerated() where rule.condition == .anomaly {
      var other = rule
      other.id += " short"
      other.baselineDays = 14 + i
      other.minVolume = 0
      other.threshold = 2.5
      workload.rules.append(other)
    }
    let fast = AlertEngine.evaluate(workload.rules, catalog: workload.catalog, asOf: workload.asOf)
    let plain = Reference.evaluate(workload.rules, catalog: workload.catalog, asOf: workload.asOf)
    #expect(!plain.alerts.isEmpty)
    #expect(fast == plain)
    #expect(fast.encoded() == plain.encoded())
  }

  /// The replay holds an open alert as plain readings: runs that must last (`min_days`), slow
  /// closes (`clear_days`) and peaks that deepen after the opening, for every condition, give
  /// the same alerts as the definition.
  @Test(arguments: [UInt64(3), 11])
  func runsPeaksAndClosesMatchThePlainDefinition(seed: UInt64) {
    var rng = SeededGenerator(seed: seed)
    let first = Day("2026-01-05") ?? Day(ordinal: 0)
    var daily: [Day: Double] = [:]
    for i in 0..<300 {
      let depth: Double = (100..<108).contains(i) ? 0.6 - Double(i - 100) * 0.05 : ((200..<215).contains(i) ? 2.2 : 1)
      let weekly = first.adding(days: i).isWeekend ? 0.6 : 1.0
      daily[first.adding(days: i)] = (1_000 * weekly * depth * (0.9 + Double(rng.next() % 200) / 1_000)).rounded()
    }
    let name = MetricName(source: "pypistats", subject: "web", measure: "downloads")
    let catalog = MetricCatalog([Metric(name: name, about: "test", daily: daily)])
    func rule(_ id: String, _ condition: AlertRule.Condition, _ threshold: Double, window: Int = 1, minDays: Int, clearDays: Int) -> AlertRule {
      var r = AlertRule(id: id, metric: name, condition: condition, threshold: threshold)
      if condition != .anomaly { r.window = window }
      r.minDays = minDays
      r.clearDays = clearDays
      return r
    }
    var rules: [AlertRule] = []
    for (minDays, clearDays) in [(1, 1), (2, 3), (3, 2)] {
      rules += [
        rule("drop \(minDays)", .dropPercent, 30, minDays: minDays, clearDays: clearDays),
        rule("rise \(minDays)", .risePercent, 40, window: 7, minDays: minDays, clearDays: clearDays),
        rule("below \(minDays)", .below, 4_000, window: 7, minDays: minDays, clearDays: clearDays),
        rule("above \(minDays)", .above, 1_800, minDays: minDays, clearDays: clearDays),
        rule("odd \(minDays)", .anomaly, 2.5, minDays: minDays, clearDays: clearDays),
      ]
    }
    let asOf = first.adding(days: 299)
    let fast = AlertEngine.evaluate(rules, catalog: catalog, asOf: asOf)
    let plain = Reference.evaluate(rules, catalog: catalog, asOf: asOf)
    #expect(Set(plain.alerts.map(\.condition)).count == 5)
    #expect(plain.alerts.contains { $0.peak != $0.opening })
    // min_days moves the opening: the same drop opens a day or two later for a longer run.
    #expect(Set(plain.alerts.filter { $0.rule.hasPrefix("drop") }.map(\.opened)).count > 1)
    #expect(fast.encoded() == plain.encoded())
  }

  /// `fastRounded` is `rounded()` bit for bit: halves both ways, the largest fraction below a
  /// half, signed zeros, the edge of 2^52, integers beyond it, the infinities and NaN, and a
  /// spread of seeded values over many magnitudes.
  @Test func fastRoundingEqualsRounded() {
    var values: [Double] = [
      0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 0.3, -0.3, 1e-300, -1e-300,
      4_503_599_627_370_495.5, -4_503_599_627_370_495.5, 4_503_599_627_370_496, 9_007_199_254_740_993, 1e300, -1e300,
      .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
    ]
    var rng = SeededGenerator(seed: 17)
    for _ in 0..<20_000 {
      let scale = Double(sign: .plus, exponent: Int(rng.next() % 70) - 10, significand: 1)
      let v = Double(rng.next() % 1_000_000) / 1_000_000 * scale
      values += [v, -v, v.rounded(.down) + 0.5, -(v.rounded(.down) + 0.5)]
    }
    for v in values {
      let (fast, slow) = (v.fastRounded, v.rounded())
      #expect(fast.bitPattern == slow.bitPattern || (fast.isNaN && slow.isNaN), "\(v): \(fast) against \(slow)")
    }
  }

  /// Fractional values (a rate, a mean) cannot use exact prefix sums: the windows are summed
  /// day by day, and still agree with the definition.
  @Test func fractionalValuesGiveTheSameAlertsAsThePlainDefinition() {
    let workload = AlertWorkload(series: 3, years: 2, seed: 42)
    let scaled = MetricCatalog(workload.catalog.metrics.values.map { m in
      var m = m
      m.values = m.values.map { $0 * 1.37 + 0.1 }
      return m
    })
    #expect(scaled.metrics.values.allSatisfy { m in WindowSums(m, blocked: m.values.map(\.isNaN)).prefix == nil })
    let fast = AlertEngine.evaluate(workload.rules, catalog: scaled, asOf: workload.asOf)
    let plain = Reference.evaluate(workload.rules, catalog: scaled, asOf: workload.asOf)
    #expect(!plain.alerts.isEmpty)
    #expect(fast == plain)
    // Integer counts do take the prefix sums.
    #expect(workload.catalog.metrics.values.allSatisfy { m in WindowSums(m, blocked: m.values.map(\.isNaN)).prefix != nil })
  }

  @Test func theSlidingAnomalyScoresEqualTheDefinitionDayByDay() {
    let workload = AlertWorkload(series: 3, years: 1, seed: 99)
    for metric in workload.catalog.metrics.values {
      var cache = AnomalyCache()
      let fast = Anomaly.scores(metric, blocked: cache.blocked(metric), baselineDays: 28, minVolume: 10).points
      let plain = Reference.anomaly(metric, baselineDays: 28, minVolume: 10)
      #expect(fast.count == plain.count)
      for (a, b) in zip(fast, plain) {
        #expect(a?.value == b?.value && a?.z == b?.z && a?.expected == b?.expected && a?.quiet == b?.quiet)
      }
      #expect(fast.contains { $0 != nil })
    }
  }

  /// With a threshold the sliding pass skips the days that cannot fire (near their weekday's
  /// median), most days of the workload; read back, a skipped day is the definition's value,
  /// expected value and quietness, with a score at least as far from zero as the exact one and
  /// below the threshold, and every day at or past the threshold is exact.
  @Test func skippedDaysReadBackAsBoundsOfTheDefinition() {
    let workload = AlertWorkload(series: 2, years: 1, seed: 8)
    for metric in workload.catalog.metrics.values {
      var cache = AnomalyCache()
      let scores = Anomaly.scores(metric, blocked: cache.blocked(metric), baselineDays: 28, minVolume: 10, exactFrom: 3.5)
      let plain = Reference.anomaly(metric, baselineDays: 28, minVolume: 10)
      let scored = scores.raw.filter { $0.kind != .unscored }.count
      #expect(scores.raw.filter { $0.kind == .skipped }.count * 10 > scored * 9)
      for (i, e) in plain.enumerated() {
        guard let e, let f = scores.point(i) else {
          #expect(plain[i] == nil && scores.point(i) == nil)
          continue
        }
        #expect(e.value == f.value && e.expected == f.expected && e.quiet == f.quiet)
        if abs(e.z) >= 3.5 || abs(f.z) >= 3.5 { #expect(e.z == f.z) } else { #expect(abs(f.z) >= abs(e.z)) }
      }
    }
  }

  @Test func selectionFindsTheMedianASortWould() {
    var rng = SeededGenerator(seed: 5)
    for n in 1...40 {
      var values = (0..<n).map { _ in Double(rng.next() % 20) }
      let sorted = values.sorted()
      let expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
      #expect(values.withUnsafeMutableBufferPointer { Anomaly.selectMedian($0) } == expected, "\(n)")
    }
  }
}
