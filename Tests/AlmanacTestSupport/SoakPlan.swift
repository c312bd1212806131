import AlmanacKit
import Foundation

/// The schedule of a soak (issue 9, point 18): what goes wrong on which night, drawn from a seed,
/// so every run of the same seed injects the same faults on the same nights.
///
/// Rules that keep the comparison with a fault-free run fair: the first and the last night run
/// clean (the final store is compared as of the last night); a stretch of nights that skip or
/// may lose their GitHub answers (skipped, killed) never exceeds 13, because GitHub's window
/// shows the 13 complete days before a night and no store can keep a day nobody showed.
public struct SoakPlan: Sendable {
  public enum Fault: String, Sendable, CaseIterable {
    /// 503 answers before the good one (the client retries).
    case serverError = "5xx"
    /// 429 with `Retry-After: 1`.
    case rateLimited = "429+Retry-After"
    /// A 200 whose body stops before its `Content-Length` (the client retries).
    case truncated = "truncated body"
    /// An answer slower than `http.timeout` (the client retries).
    case timeout
    /// A 200 with an HTML body from pypistats.org: a failure (issue 9 point 5) that keeps the
    /// earlier answer; before that fix it was stored as an answer and a same-day re-run could
    /// overwrite a good one with it.
    case bad200 = "bad 200 body"
  }

  public struct Night: Sendable {
    public var date: Day
    public var skipped = false
    /// Seconds after the start at which the process gets SIGKILL.
    public var killAfter: Double?
    public var concurrentAggregate = false
    public var faults: [Fault] = []
  }

  public var nights: [Night]

  /// `faults`: the kinds to draw from.
  public init(seed: UInt64, nights count: Int, lastNight: Day, faults: [Fault]) {
    var rng = SoakRandom(seed: seed)
    var out: [Night] = []
    var missing = 0  // consecutive nights that may have lost GitHub's answers
    var skipLeft = 0
    for i in 0..<count {
      var night = Night(date: lastNight.adding(days: i - count + 1))
      let edge = i == 0 || i == count - 1
      if skipLeft > 0, !edge {
        night.skipped = true
        skipLeft -= 1
        missing += 1
        out.append(night)
        continue
      }
      if !edge, missing == 0, rng.below(12) == 0 {
        // Up to 13 nights in a row, within what is left before the last night.
        skipLeft = min(1 + rng.below(13), count - 2 - i)
        if skipLeft > 0 {
          night.skipped = true
          skipLeft -= 1
          missing = 1
          out.append(night)
          continue
        }
      }
      if !edge, missing == 0, rng.below(8) == 0 {
        night.killAfter = 0.05 + Double(rng.below(900)) / 1000
        missing = 1
      } else {
        missing = 0
      }
      if !edge, rng.below(6) == 0 { night.concurrentAggregate = true }
      if !edge, !faults.isEmpty {
        if rng.below(2) == 0 { night.faults.append(faults[rng.below(faults.count)]) }
      }
      out.append(night)
    }
    nights = out
  }

  /// The first seed from `seed` on whose plan holds every kind of trouble (a plan that drew
  /// none of one kind would prove nothing about it); the same answer every time.
  public static func covering(seed: UInt64, nights: Int, lastNight: Day, faults: [Fault]) -> SoakPlan {
    var s = seed
    while true {
      let plan = SoakPlan(seed: s, nights: nights, lastNight: lastNight, faults: faults)
      let c = plan.counts
      if (["skipped", "killed", "concurrent aggregate"] + faults.map(\.rawValue)).allSatisfy({ (c[$0] ?? 0) > 0 }) || s > seed + 10_000 {
        return plan
      }
      s += 1
    }
  }

  public var counts: [String: Int] {
    var c: [String: Int] = ["nights": nights.count, "skipped": nights.filter(\.skipped).count,
                            "killed": nights.filter { $0.killAfter != nil }.count,
                            "concurrent aggregate": nights.filter(\.concurrentAggregate).count]
    for n in nights { for f in n.faults { c[f.rawValue, default: 0] += 1 } }
    return c
  }
}

/// SplitMix64: the same numbers for the same seed on every platform.
public struct SoakRandom: Sendable {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
}
