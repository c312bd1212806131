extension Anomaly {
  /// One day's point from scratch: the baseline gathered and sorted, its median, the day's
  /// weekday factor, and the deviation over the floors as the score (a bound of the robust z,
  /// at least as far from zero). What the sliding pass leaves for a day it skipped, since such
  /// a day cannot fire and is read only when asked for (`AlertEngine.reading`, tests); the
  /// numbers are the ones the sliding pass would give.
  static func boundedPoint(_ i: Int, values: [Double], blocked: [Bool], firstWeekday: Int, baselineDays: Int, minVolume: Double) -> Point? {
    guard i >= 0, i < values.count, !blocked[i] else { return nil }
    func weekday(_ j: Int) -> Int { (firstWeekday - 1 + j) % 7 + 1 }
    var baseline: [Double] = []
    var sameWeekday: [Double] = []
    for j in max(0, i - baselineDays)..<i where !blocked[j] {
      baseline.append(values[j])
      if weekday(j) == weekday(i) { sameWeekday.append(values[j]) }
    }
    guard baseline.count >= max(7, baselineDays / 2) else { return nil }
    func median(_ v: [Double]) -> Double {
      let sorted = v.sorted()
      let mid = sorted.count / 2
      return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    let m = median(baseline)
    let x = values[i]
    guard m >= minVolume else { return (x, 0, m, true) }
    let dayFactor = sameWeekday.count >= 2 ? min(4, max(0.25, median(sameWeekday) / m)) : 1
    let bound = (x / dayFactor - m) / max(m.squareRoot(), relativeFloor * m) * 10
    return (x, bound.fastRounded / 10, (m * dayFactor).fastRounded, false)
  }
}
