/// The robust anomaly score of a day: how far its value lies from the median of a trailing
/// baseline, in robust standard deviations (1.4826 × the median absolute deviation), after
/// taking out the weekday rhythm.
///
/// Weekday-aware: each weekday's factor is the median of that weekday's baseline days over the
/// baseline median (when the baseline holds at least two of them), so a quiet Sunday is compared
/// with Sundays. Release-window and outage days are left out of the baseline and never scored.
/// The spread has two floors: √median (the noise of a count), so a flat series does not turn a
/// one-download wiggle into a huge score, and a tenth of the median (`relativeFloor`): weekday
/// factors taken from four samples each fit their own samples and shrink the deviations, so
/// without it ±15% of ordinary noise scored above 3.5 about once a month. A day must then lie
/// about 35% from its weekday's typical value to reach the default 3.5.
///
/// The baseline slides one day at a time in flat buffers: its values are kept sorted (whole
/// and per weekday), so each day costs an insertion, a removal and two medians read off the
/// sorted buffers. Since the spread is never below the floors, a day whose deviation over the
/// floors stays clearly below `exactFrom` (the smallest threshold of the rules sharing the
/// scores: ten times it, less one, before rounding) cannot fire and keeps that bound as its
/// score, rounded only if it is ever read; only the others select the deviations' median.
/// `AlertEngineFastPathTests` holds the plain definition and checks both agree.
enum Anomaly {
  typealias Point = (value: Double, z: Double, expected: Double, quiet: Bool)

  /// The spread's floor relative to the baseline median.
  static let relativeFloor = 0.1

  /// The score of each day (`Scores.point`: nil when not scored). `z` is exact wherever
  /// |z| ≥ `exactFrom`; below it, it may be a bound at least as far from zero as the exact score
  /// (and still below `exactFrom`).
  static func scores(_ metric: Metric, blocked: [Bool], baselineDays: Int, minVolume: Double, exactFrom: Double = 0) -> AnomalyCache.Scores {
    let n = metric.values.count
    var points = [AnomalyCache.Scores.Raw](repeating: .init(value: 0, score: 0, expected: 0, kind: .unscored), count: n)
    let needed = max(7, baselineDays / 2)
    let perDay = baselineDays / 7 + 2
    let window = UnsafeMutablePointer<Double>.allocate(capacity: baselineDays + 1)
    let byWeekday = UnsafeMutablePointer<Double>.allocate(capacity: 8 * perDay)
    byWeekday.initialize(repeating: 0, count: 8 * perDay)
    let residuals = UnsafeMutablePointer<Double>.allocate(capacity: baselineDays + 1)
    let count = UnsafeMutablePointer<Int>.allocate(capacity: 8)
    count.initialize(repeating: 0, count: 8)
    defer {
      window.deallocate()
      byWeekday.deallocate()
      residuals.deallocate()
      count.deallocate()
    }
    var windowCount = 0
    // A day whose score over the floors, times ten, stays below this cannot reach `exactFrom`
    // once rounded (its rounding is left to the read).
    let boundedBelow = 10 * exactFrom - 1
    // |x / weekday median − 1| below this cannot fire: the deviation is the baseline median times
    // it, the spread at least a tenth of that median, and a z under exactFrom − 0.05 rounds below
    // exactFrom (1% kept for the roundings on the way).
    let skipBelow = (0.1 * exactFrom - 0.005) * 0.99
    // Weekdays 1...7 by counters, not a division per day: `today` is day i's; from day 1 on,
    // `entering` is day i − 1's and `leaving` day i − 1 − baselineDays's.
    let shift = baselineDays % 7
    var today = metric.first.isoWeekday
    var entering = today
    var leaving = entering - shift <= 0 ? entering - shift + 7 : entering - shift
    @inline(__always) func next(_ w: inout Int) { w = w == 7 ? 1 : w + 1 }
    @inline(__always) func factor(_ w: Int, _ median: Double) -> Double {
      count[w] >= 2 ? min(4, max(0.25, sortedMedian(byWeekday + w * perDay, count[w]) / median)) : 1
    }
    metric.values.withUnsafeBufferPointer { values in
      blocked.withUnsafeBufferPointer { blocked in
        points.withUnsafeMutableBufferPointer { points in
          for i in 0..<n {
            if i > 0 {
              // The day before enters the baseline, the one `baselineDays` before it leaves: a
              // day that does both is one move within the sorted buffer (whole weeks of
              // baseline keep the weekday part too).
              let added = i - 1
              let left = i - 1 - baselineDays
              let adds = !blocked[added]
              let removes = left >= 0 && !blocked[left]
              windowCount += (adds ? 1 : 0) - (removes ? 1 : 0)
              if adds, removes, entering == leaving {
                replace(values[left], with: values[added], in: byWeekday + entering * perDay, count: &count[entering])
              } else {
                if adds { insert(values[added], into: byWeekday + entering * perDay, count: &count[entering]) }
                if removes { remove(values[left], from: byWeekday + leaving * perDay, count: &count[leaving]) }
              }
              next(&entering)
              next(&leaving)
            }
            defer { next(&today) }
            guard !blocked[i], windowCount >= needed else { continue }
            let x = values[i]
            if count[today] >= 2 {
              // Skipped when it cannot fire whatever the baseline's median: near its weekday's
              // median, with every baseline value positive and within a factor 4 of it (so the
              // weekday factor is not clamped).
              let typical = sortedMedian(byWeekday + today * perDay, count[today])
              if abs(x / typical - 1) < skipBelow {
                var lo = Double.infinity
                var hi = -Double.infinity
                for w in 1...7 {
                  let c = count[w]
                  let part = byWeekday + w * perDay
                  lo = min(lo, c > 0 ? part[0] : .infinity)
                  hi = max(hi, c > 0 ? part[max(c, 1) - 1] : -.infinity)
                }
                if lo > 0, typical >= 0.25 * hi * (1 + 1e-9), typical <= 4 * lo * (1 - 1e-9) {
                  points[i] = .init(value: x, score: 0, expected: 0, kind: .skipped)
                  continue
                }
              }
            }
            // The baseline's median, selected from the weekday parts.
            var c = 0
            for w in 1...7 {
              let part = byWeekday + w * perDay
              for k in 0..<count[w] {
                window[c] = part[k]
                c += 1
              }
            }
            let median = selectMedian(UnsafeMutableBufferPointer(start: window, count: c))
            guard median >= minVolume else {
              points[i] = .init(value: x, score: 0, expected: median, kind: .quiet)
              continue
            }
            let dayFactor = factor(today, median)
            let expected = median * dayFactor
            let deviation = x / dayFactor - median
            let bound = deviation / max(median.squareRoot(), relativeFloor * median) * 10
            if abs(bound) < boundedBelow {
              points[i] = .init(value: x, score: bound, expected: expected, kind: .bounded)
              continue
            }
            var r = 0
            for w in 1...7 {
              let part = byWeekday + w * perDay
              let f = factor(w, median)
              for k in 0..<count[w] {
                residuals[r] = abs(part[k] / f - median)
                r += 1
              }
            }
            let mad = selectMedian(UnsafeMutableBufferPointer(start: residuals, count: r))
            let spread = max(1.4826 * mad, median.squareRoot(), relativeFloor * median)
            points[i] = .init(value: x, score: (deviation / spread * 10).fastRounded / 10, expected: expected, kind: .exact)
          }
        }
      }
    }
    return AnomalyCache.Scores(
      raw: points, values: metric.values, blocked: blocked, firstWeekday: metric.first.isoWeekday, baselineDays: baselineDays, minVolume: minVolume)
  }

  /// The first index whose value is not below `v`.
  static func lowerBound(_ v: Double, in sorted: UnsafeMutablePointer<Double>, _ count: Int) -> Int {
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  static func insert(_ v: Double, into sorted: UnsafeMutablePointer<Double>, count: inout Int) {
    let at = lowerBound(v, in: sorted, count)
    var k = count
    while k > at {
      sorted[k] = sorted[k - 1]
      k -= 1
    }
    sorted[at] = v
    count += 1
  }

  static func remove(_ v: Double, from sorted: UnsafeMutablePointer<Double>, count: inout Int) {
    let at = lowerBound(v, in: sorted, count)
    guard at < count, sorted[at] == v else { return }
    for k in at..<(count - 1) { sorted[k] = sorted[k + 1] }
    count -= 1
  }

  /// Takes `old` out of a sorted buffer and puts `new` in, moving only the values between them
  /// (a loop that stops at the place, not a block move: the buffers are a few dozen values).
  static func replace(_ old: Double, with new: Double, in sorted: UnsafeMutablePointer<Double>, count: inout Int) {
    var at = lowerBound(old, in: sorted, count)
    guard at < count, sorted[at] == old else {
      insert(new, into: sorted, count: &count)
      return
    }
    if new > old {
      while at + 1 < count, sorted[at + 1] < new {
        sorted[at] = sorted[at + 1]
        at += 1
      }
    } else {
      while at > 0, sorted[at - 1] > new {
        sorted[at] = sorted[at - 1]
        at -= 1
      }
    }
    sorted[at] = new
  }

  static func sortedMedian(_ sorted: UnsafeMutablePointer<Double>, _ count: Int) -> Double {
    let mid = count / 2
    return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }

  /// The median of `values` (reordered in place) by selection: the same number a sort gives.
  static func selectMedian(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
    let n = values.count
    let mid = n / 2
    select(mid, in: values)
    guard n % 2 == 0 else { return values[mid] }
    var below = values[0]
    for i in 1..<mid where values[i] > below { below = values[i] }
    return (below + values[mid]) / 2
  }

  /// Places the k-th smallest at `k`, smaller-or-equal ones before it (Hoare's selection).
  static func select(_ k: Int, in a: UnsafeMutableBufferPointer<Double>) {
    var lo = 0
    var hi = a.count - 1
    while lo < hi {
      let pivot = a[(lo + hi) / 2]
      var i = lo
      var j = hi
      while i <= j {
        while a[i] < pivot { i &+= 1 }
        while a[j] > pivot { j &-= 1 }
        if i <= j {
          a.swapAt(i, j)
          i &+= 1
          j &-= 1
        }
      }
      if k <= j { hi = j } else if k >= i { lo = i } else { return }
    }
  }
}
