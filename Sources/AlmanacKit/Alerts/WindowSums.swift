/// Window sums of one metric in constant time per window, shared by every rule on it.
///
/// A prefix count of blocked days (unknown or excluded) says whether a window is whole. When
/// every usable value is an integer and their total stays below 2^53, every partial sum is an
/// exact integer in any order, so prefix sums give bit for bit what adding the window day by
/// day gives; otherwise (fractional values, huge totals) the window is summed day by day,
/// newest first, as the rules are defined (`AlertEngineFastPathTests` keeps that definition).
struct WindowSums {
  let values: [Double]
  /// Blocked days in `0..<i`.
  let blockedBefore: [Int32]
  /// Sums of the usable values in `0..<i`, when exact.
  let prefix: [Double]?

  init(_ metric: Metric, blocked: [Bool]) {
    values = metric.values
    var before = [Int32](repeating: 0, count: values.count + 1)
    var prefix = [Double](repeating: 0, count: values.count + 1)
    var exact = true
    var magnitude = 0.0
    for i in 0..<values.count {
      before[i + 1] = before[i] + (blocked[i] ? 1 : 0)
      let v = blocked[i] ? 0 : values[i]
      if v != v.rounded() { exact = false }
      magnitude += abs(v)
      prefix[i + 1] = prefix[i] + v
    }
    blockedBefore = before
    self.prefix = exact && magnitude < 9_007_199_254_740_992 ? prefix : nil
  }

  /// The sum of `days` days ending at offset `end`, when each is known and none is excluded.
  func sum(endingAt end: Int, days: Int) -> Double? {
    let start = end - days + 1
    guard end < values.count, start >= 0, blockedBefore[end + 1] == blockedBefore[start] else { return nil }
    if let prefix { return prefix[end + 1] - prefix[start] }
    var sum = 0.0
    for i in stride(from: end, through: start, by: -1) { sum += values[i] }
    return sum
  }
}
