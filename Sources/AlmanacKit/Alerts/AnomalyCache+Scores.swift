extension AnomalyCache {
  /// One metric's anomaly scores for one baseline, a day per offset, stored as computed: what a
  /// day needs only when it is read (the rounding of its score and expected value) is left for
  /// the read, since the replay reads in full only the days that fire.
  struct Scores {
    enum Kind: UInt8 {
      /// Not scored: unknown or excluded, or too little baseline.
      case unscored
      /// The baseline's median is below the minimum volume: never fires.
      case quiet
      /// Cannot fire: `score` is ten times a bound of the z, rounded when read.
      case bounded
      /// `score` is the exact robust z.
      case exact
      /// Cannot fire, and passed over by the sliding pass (`Anomaly.scores`): the point is
      /// computed from scratch if it is ever read (`Anomaly.boundedPoint`).
      case skipped
    }

    /// `expected` is the median times the weekday factor before rounding (for a quiet day, the
    /// median as it is).
    struct Raw {
      var value: Double
      var score: Double
      var expected: Double
      var kind: Kind
    }

    var raw: [Raw]
    /// What a skipped day's point is computed from.
    var values: [Double]
    var blocked: [Bool]
    var firstWeekday: Int
    var baselineDays: Int
    var minVolume: Double

    /// The day's point: nil (not scored), or its value, robust z (exact wherever it can fire; on
    /// other days a bound at least as far from zero, below every threshold), expected value and
    /// whether the volume is too small to alarm.
    func point(_ offset: Int) -> Anomaly.Point? {
      guard offset >= 0, offset < raw.count else { return nil }
      let r = raw[offset]
      switch r.kind {
      case .unscored: return nil
      case .quiet: return (r.value, 0, r.expected, true)
      case .bounded: return (r.value, r.score.fastRounded / 10, r.expected.fastRounded, false)
      case .exact: return (r.value, r.score, r.expected.fastRounded, false)
      case .skipped:
        return Anomaly.boundedPoint(offset, values: values, blocked: blocked, firstWeekday: firstWeekday, baselineDays: baselineDays, minVolume: minVolume)
      }
    }

    /// Every day's point (tests compare them with the definition).
    var points: [Anomaly.Point?] { raw.indices.map(point) }

    func reading(_ offset: Int, day: Day, threshold: Double) -> AlertEngine.Reading? {
      guard let p = point(offset) else { return nil }
      return AlertEngine.Reading(day: day, value: p.value, score: p.z, reference: p.expected, fires: !p.quiet && abs(p.z) >= threshold)
    }

    /// Whether the day fires, without the rest of the reading: only an exact score can (a bound,
    /// and a skipped day's, stays below every threshold of the rules sharing the scores).
    @inline(__always)
    static func fires(_ r: Raw, threshold: Double) -> Bool { r.kind == .exact && abs(r.score) >= threshold }
  }
}
