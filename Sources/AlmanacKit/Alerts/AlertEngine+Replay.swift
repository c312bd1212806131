extension AlertEngine {
  /// One rule over one metric, oldest day first: an alert opens on the `minDays`-th firing day
  /// in a row (days not evaluated neither count nor break the run), keeps its most extreme
  /// reading and the newest value, and closes on the `clearDays`-th evaluated clear day.
  ///
  /// The open alert is held as plain readings and built once it closes (or the days run out):
  /// keeping an `Alert?` (strings inside) across the loop made the compiler copy it every day,
  /// a fifth of the whole replay in `perf`. The readings come from the metric's shared caches;
  /// `AlertEngineFastPathTests` replays the plain definition against this.
  static func replay(_ rule: AlertRule, _ metric: Metric, asOf: Day, cache: inout AnomalyCache) -> [Alert] {
    let last = min(asOf, metric.last)
    guard last >= metric.first else { return [] }
    let days = last - metric.first + 1
    if rule.condition == .anomaly {
      let scores = cache.scores(metric, rule)
      let threshold = rule.threshold
      return scores.raw.withUnsafeBufferPointer { raw in
        replay(rule, metric, days: days) { offset in
          let r = raw[offset]
          return r.kind == .unscored ? nil : (r.value, AnomalyCache.Scores.fires(r, threshold: threshold))
        } reading: { offset in
          scores.reading(offset, day: metric.first.adding(days: offset), threshold: threshold)
        }
      }
    }
    let sums = cache.sums(metric)
    return replay(rule, metric, days: days) { offset in
      reading(rule, offset, day: metric.first, sums: sums).map { ($0.value, $0.fires) }
    } reading: { offset in
      reading(rule, offset, day: metric.first.adding(days: offset), sums: sums)
    }
  }

  /// The loop itself: `glance` says whether a day is evaluated, its value and whether it
  /// fires; `reading` gives the whole reading, asked only on the days that fire (most days
  /// neither fire nor close anything, and need no more than the glance).
  @inline(__always)
  static func replay(
    _ rule: AlertRule, _ metric: Metric, days: Int, glance: (Int) -> (value: Double, fires: Bool)?, reading read: (Int) -> Reading?
  ) -> [Alert] {
    var out: [Alert] = []
    var opening: Reading?
    var peak = Reading(day: metric.first, value: 0, score: 0, reference: nil, fires: false)
    var lastValue = 0.0
    var firing = 0
    var clear = 0
    for offset in 0..<days {
      guard let (value, fires) = glance(offset).map({ ($0.value, $0.fires) }) else { continue }
      if fires {
        firing += 1
        clear = 0
        guard opening != nil || firing >= rule.minDays, let reading = read(offset) else { continue }
        if opening == nil {
          opening = reading
          peak = reading
        } else if Alert.exceeds(reading, peak, condition: rule.condition) {
          peak = reading
        }
        lastValue = value
      } else {
        firing = 0
        guard let opened = opening else { continue }
        clear += 1
        lastValue = value
        if clear >= rule.clearDays {
          out.append(Alert(rule: rule, metric: metric, opening: opened, peak: peak, lastValue: lastValue, closed: metric.first.adding(days: offset)))
          opening = nil
          clear = 0
        }
      }
    }
    if let opened = opening { out.append(Alert(rule: rule, metric: metric, opening: opened, peak: peak, lastValue: lastValue, closed: nil)) }
    return out
  }
}
