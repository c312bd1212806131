import Testing

@testable import AlmanacKit

private func day(_ s: String) -> Day { Day(s) ?? Day(ordinal: 0) }


private func window(_ days: [String: (Int64, Int64)], total: (Int64, Int64)? = nil) -> TrafficWindow {
  window(.views, days, total: total)
}

private func window(_ metric: TrafficWindow.Metric, _ days: [String: (Int64, Int64)], total: (Int64, Int64)? = nil) -> TrafficWindow {
  var d: [Day: TrafficWindow.Count] = [:]
  for (k, v) in days { d[day(k)] = TrafficWindow.Count(count: v.0, uniques: v.1) }
  let t = total ?? (d.values.reduce(0) { $0 + $1.count }, d.values.reduce(0) { $0 + $1.uniques })
  return TrafficWindow(metric: metric, total: TrafficWindow.Count(count: t.0, uniques: t.1), days: d)
}

@Suite struct TrafficMergeRules {
  @Test func perDateTheMaximumOverSnapshotsWinsAndTodayIsProvisional() {
    var h = TrafficHistory()
    // Night of the 20th: the 20th is today (partial), the 6th is the cut oldest day.
    h.apply(window(["2026-11-06": (3, 1), "2026-11-19": (40, 10), "2026-11-20": (5, 2)]), snapshot: day("2026-11-20"))
    #expect(h.points[.init(date: day("2026-11-20"), metric: .views)] == .init(value: TrafficWindow.Count(count: 5, uniques: 2), complete: false, snapshot: day("2026-11-20")))
    // Next night shows the 20th complete, and the 19th lower (a cut): the maximum stays.
    h.apply(window(["2026-11-19": (38, 9), "2026-11-20": (50, 12)]), snapshot: day("2026-11-21"))
    let p20 = h.points[.init(date: day("2026-11-20"), metric: .views)]
    #expect(p20 == .init(value: TrafficWindow.Count(count: 50, uniques: 12), complete: true, snapshot: day("2026-11-21")))
    #expect(h.points[.init(date: day("2026-11-19"), metric: .views)]?.value == TrafficWindow.Count(count: 40, uniques: 10))
    #expect(h.points[.init(date: day("2026-11-19"), metric: .views)]?.snapshot == day("2026-11-20"))
  }

  @Test func anAbsentDayIsAnObservedZeroThatNeverErasesAndNeverTouchesTheOtherMetric() {
    var h = TrafficHistory()
    h.apply(window(.views, ["2026-11-10": (7, 3)]), snapshot: day("2026-11-20"))
    h.apply(window(.clones, ["2026-11-11": (2, 1)]), snapshot: day("2026-11-20"))
    // Absent from views: an observed zero for views, while clones keep their value.
    #expect(h.points[.init(date: day("2026-11-11"), metric: .views)]?.value == .zero)
    #expect(h.points[.init(date: day("2026-11-11"), metric: .clones)]?.value == TrafficWindow.Count(count: 2, uniques: 1))
    // A later window without the 10th does not erase it.
    h.apply(window(.views, ["2026-11-12": (1, 1)]), snapshot: day("2026-11-21"))
    #expect(h.points[.init(date: day("2026-11-10"), metric: .views)]?.value == TrafficWindow.Count(count: 7, uniques: 3))
  }

  @Test func daysThatRolledOutOfTheWindowStayForever() {
    var h = TrafficHistory()
    h.apply(window(["2026-10-01": (9, 4)]), snapshot: day("2026-10-10"))
    h.apply(window(["2026-11-20": (1, 1)]), snapshot: day("2026-11-21"))
    #expect(h.points[.init(date: day("2026-10-01"), metric: .views)]?.value == TrafficWindow.Count(count: 9, uniques: 4))
  }

  @Test func anAllZeroWindowOverKnownTrafficIsAnOutageAndChangesNothing() {
    var h = TrafficHistory()
    h.apply(window(["2026-11-15": (9, 4), "2026-11-19": (3, 2)]), snapshot: day("2026-11-20"))
    let before = h.points
    #expect(h.apply(window([:], total: (0, 0)), snapshot: day("2026-11-21")) == .outage)
    #expect(h.points == before)
    #expect(h.windows[.init(date: day("2026-11-21"), metric: .views)]?.outage == true)
    // A quiet repository's all-zero window is data, not an outage.
    var quiet = TrafficHistory()
    // Fourteen zeros: S−14, which GitHub did not list, stays unknown (its window may start later).
    #expect(quiet.apply(window([:], total: (0, 0)), snapshot: day("2026-11-21")) == .merged(changed: 14))
  }

  @Test func fourteenDayUniquesAreKeptPerSnapshotNotSummed() {
    var h = TrafficHistory()
    h.apply(window(["2026-11-19": (40, 10), "2026-11-18": (20, 8)], total: (60, 12)), snapshot: day("2026-11-20"))
    #expect(h.windows[.init(date: day("2026-11-20"), metric: .views)]?.total == TrafficWindow.Count(count: 60, uniques: 12))
    #expect(h.encodedWindows() == """
      snapshot,metric,first,last,count,uniques,status
      2026-11-20,views,2026-11-06,2026-11-20,60,12,ok

      """)
  }

  @Test func aGapOfMoreThanFourteenNightsIsACoverageHoleWithItsDates() {
    var h = TrafficHistory()
    h.apply(window([:]), snapshot: day("2026-11-01"))
    h.apply(window([:]), snapshot: day("2026-11-21"))
    #expect(h.holes == [day("2026-11-01")...day("2026-11-07")])
    #expect(h.encodedCoverage().hasSuffix("first,last,days\n2026-11-01,2026-11-07,7\n"))
  }

  @Test func filesRoundTripAndApplyingTwiceOrInAnotherOrderChangesNothing() throws {
    let a = window(["2026-11-06": (3, 1), "2026-11-19": (40, 10), "2026-11-20": (5, 2)])
    let b = window(["2026-11-19": (38, 9), "2026-11-20": (50, 12), "2026-11-21": (1, 1)])
    var forward = TrafficHistory()
    forward.apply(a, snapshot: day("2026-11-20"))
    forward.apply(b, snapshot: day("2026-11-21"))
    var backward = TrafficHistory()
    backward.apply(b, snapshot: day("2026-11-21"))
    backward.apply(a, snapshot: day("2026-11-20"))
    backward.apply(a, snapshot: day("2026-11-20"))
    #expect(forward == backward)
    let decoded = try TrafficHistory.decode(traffic: forward.encodedTraffic(), trafficPath: "t.csv", windows: forward.encodedWindows(), windowsPath: "w.csv")
    #expect(decoded == forward)
  }

  @Test func theReportSubtractsAlmanacsOwnCheckoutsAndFlagsAutomatedClones() {
    var data = GitHubRepoData()
    data.traffic.apply(window(.clones, ["2026-11-18": (1, 1), "2026-11-19": (3, 2), "2026-11-17": (40, 2)]), snapshot: day("2026-11-20"))
    data.traffic.apply(window(.views, ["2026-11-19": (5, 2)]), snapshot: day("2026-11-20"))
    let t = GitHubReport.traffic(data, asOf: day("2026-11-20"), ownRuns: [day("2026-11-18"), day("2026-11-19")])
    #expect(t[.clones] == TrafficWindow.Count(count: 42, uniques: 3))  // 44 − 2 own clones, 5 − 2 own cloners
    // Clones without views that day, or ten per cloner, look automated; they stay in the data.
    #expect(GitHubReport.automatedCloneDays(data) == [day("2026-11-17"), day("2026-11-18")])
  }

  @Test func aDamagedTrafficFileNamesTheFileAndLine() {
    let text = "#almanac:github-traffic:1\ndate,metric,count,uniques,state,snapshot\n2026-11-20,views,5,x,complete,2026-11-21\n"
    #expect(throws: FormatError(path: "t.csv", line: 3, problem: "`uniques` must be a non-negative integer, found `x`")) {
      try TrafficHistory.decode(traffic: text, trafficPath: "t.csv", windows: nil, windowsPath: "w.csv")
    }
  }
}

/// 120 nights of windows generated from a known daily truth, with every trap at once: random
/// skipped nights, absent zero days, partial first and last days, one outage, one 20-night gap.
@Suite struct TrafficMergeSimulation {
  struct Night {
    var snapshot: Day
    var windows: [TrafficWindow]
    var outage: Bool
  }

  static let start = day("2026-01-01")

  static func truth(_ rng: inout SeededGenerator) -> [TrafficWindow.Metric: [Day: TrafficWindow.Count]] {
    var out: [TrafficWindow.Metric: [Day: TrafficWindow.Count]] = [:]
    for metric in TrafficWindow.Metric.allCases {
      for i in 0..<160 {
        let quiet = Int.random(in: 0..<10, using: &rng) == 0
        let count = quiet ? 0 : Int64.random(in: 1...(metric == .views ? 400 : 40), using: &rng)
        out[metric, default: [:]][start.adding(days: i)] = TrafficWindow.Count(count: count, uniques: count == 0 ? 0 : Int64.random(in: 1...count, using: &rng))
      }
    }
    return out
  }

  /// What GitHub would show on `snapshot` at `fraction` of the day: today counted up to then,
  /// the oldest day from then on, zero days left out.
  static func observe(_ truth: [Day: TrafficWindow.Count], metric: TrafficWindow.Metric, snapshot: Day, fraction: Double) -> TrafficWindow {
    var days: [Day: TrafficWindow.Count] = [:]
    for d in TrafficHistory.window(of: snapshot).days {
      guard let t = truth[d] else { continue }
      let share = d == snapshot ? fraction : d == snapshot.adding(days: -14) ? 1 - fraction : 1
      let seen = TrafficWindow.Count(count: Int64((Double(t.count) * share).rounded(.down)), uniques: Int64((Double(t.uniques) * share).rounded(.down)))
      if seen.count > 0 { days[d] = seen }
    }
    let total = TrafficWindow.Count(count: days.values.reduce(0) { $0 + $1.count }, uniques: days.values.map(\.uniques).max() ?? 0)
    return TrafficWindow(metric: metric, total: total, days: days)
  }

  static func nights(_ truth: [TrafficWindow.Metric: [Day: TrafficWindow.Count]], _ rng: inout SeededGenerator) -> [Night] {
    var out: [Night] = []
    let outageNight = 40
    for n in 0..<120 {
      if (70..<90).contains(n) { continue }  // the 20-night gap
      if n != outageNight, n > 0, Int.random(in: 0..<6, using: &rng) == 0 { continue }  // a skipped night
      let snapshot = start.adding(days: 20 + n)
      let fraction = Double.random(in: 0.02...0.98, using: &rng)
      let windows = TrafficWindow.Metric.allCases.map { metric in
        n == outageNight
          ? TrafficWindow(metric: metric, total: .zero, days: [:])
          : observe(truth[metric] ?? [:], metric: metric, snapshot: snapshot, fraction: fraction)
      }
      out.append(Night(snapshot: snapshot, windows: windows, outage: n == outageNight))
    }
    return out
  }

  @Test(arguments: [1, 7, 42] as [UInt64])
  func mergedSeriesEqualsTheTruthOnEveryCompletelyShownDateAndTheGapIsReported(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let truth = Self.truth(&rng)
    let nights = Self.nights(truth, &rng)
    var history = TrafficHistory()
    for night in nights {
      for w in night.windows {
        let applied = history.apply(w, snapshot: night.snapshot)
        #expect((applied == .outage) == night.outage, "night \(night.snapshot)")
      }
    }
    var completelyShown = Set<Day>()
    for night in nights where !night.outage { completelyShown.formUnion(TrafficHistory.completeDays(of: night.snapshot).days) }
    #expect(completelyShown.count > 60)
    for metric in TrafficWindow.Metric.allCases {
      for d in completelyShown {
        let key = TrafficHistory.Key(date: d, metric: metric)
        let point = try #require(history.points[key], "\(metric) \(d) missing")
        #expect(point.value == truth[metric]?[d], "\(metric) on \(d)")
        #expect(point.complete)
      }
      // Dates only an edge showed are lower bounds, marked provisional.
      for (key, point) in history.points where key.metric == metric && !completelyShown.contains(key.date) {
        #expect(!point.complete)
        #expect(point.value.count <= truth[metric]?[key.date]?.count ?? 0)
      }
    }
    // The 20-night gap leaves six dates no window showed completely; nothing else is a hole.
    let gapStart = Self.start.adding(days: 20 + 70)
    let holes = history.holes
    #expect(holes.count == 1)
    let hole = try #require(holes.first)
    #expect(hole.lowerBound >= gapStart.adding(days: -14) && hole.upperBound < gapStart.adding(days: 20))
    #expect(hole.days.allSatisfy { !completelyShown.contains($0) })
    #expect(hole.days.count >= 6)
    // Any order of the same nights gives the same history.
    var shuffled = TrafficHistory()
    for night in nights.shuffled(using: &rng) { for w in night.windows { shuffled.apply(w, snapshot: night.snapshot) } }
    #expect(shuffled.points == history.points)
  }
}
