/// The robust anomaly score of a day: how far its value lies from the median of a trailing
/// baseline, in robust standard deviations (1.4826 × the median absolute deviation), after
/// taking out the weekday rhythm.
///
/// Weekday-aware: each weekday's factor is the median of that weekday's baseline days over the
/// baseline median (when the baseline holds at least two of them), so a quiet Sunday is compared
/// with Sundays. Release-window and outage days are left out of the baseline and never scored.
/// The spread has a floor of √median (the noise of a count), so a flat series does not turn a
/// one-download wiggle into a huge score.
enum Anomaly {
  static func scores(_ metric: Metric, baselineDays: Int, minVolume: Double) -> AnomalyCache.Scores {
    let n = metric.values.count
    var points: [(value: Double, z: Double, expected: Double, quiet: Bool)?] = Array(repeating: nil, count: n)
    let usable: [Bool] = (0..<n).map { i in !metric.values[i].isNaN && !metric.isExcluded(metric.first.adding(days: i)) }
    let needed = max(7, baselineDays / 2)
    var baseline: [Double] = []
    var weekdays: [Int] = []
    var byWeekday: [[Double]] = Array(repeating: [], count: 8)
    var residuals: [Double] = []
    baseline.reserveCapacity(baselineDays)
    for i in 0..<n where usable[i] {
      baseline.removeAll(keepingCapacity: true)
      weekdays.removeAll(keepingCapacity: true)
      for j in max(0, i - baselineDays)..<i where usable[j] {
        baseline.append(metric.values[j])
        weekdays.append(metric.first.adding(days: j).isoWeekday)
      }
      guard baseline.count >= needed else { continue }
      let median = Self.median(baseline)
      let x = metric.values[i]
      guard median >= minVolume else {
        points[i] = (x, 0, median, true)
        continue
      }
      for w in 1...7 { byWeekday[w].removeAll(keepingCapacity: true) }
      for (v, w) in zip(baseline, weekdays) { byWeekday[w].append(v) }
      var factor = [Double](repeating: 1, count: 8)
      for w in 1...7 where byWeekday[w].count >= 2 {
        factor[w] = min(4, max(0.25, Self.median(byWeekday[w]) / median))
      }
      residuals.removeAll(keepingCapacity: true)
      for (v, w) in zip(baseline, weekdays) { residuals.append(abs(v / factor[w] - median)) }
      let spread = max(1.4826 * Self.median(residuals), median.squareRoot())
      let f = factor[metric.first.adding(days: i).isoWeekday]
      let z = ((x / f - median) / spread * 10).rounded() / 10
      points[i] = (x, z, (median * f).rounded(), false)
    }
    return AnomalyCache.Scores(points: points)
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
}
