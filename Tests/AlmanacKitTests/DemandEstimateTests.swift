import Testing

@testable import AlmanacKit

@Suite struct DemandEstimateTests {
  /// A skewed human version mix over ten versions: newer versions pulled far more.
  static let human: [String: Int64] = {
    var out: [String: Int64] = [:]
    for i in 0..<10 { out["1.\(i)"] = Int64((i + 1) * (i + 1) * 100) }
    return out
  }()

  static func mix(demand: Double, total: Double = 100_000) -> [String: Int64] {
    let humanTotal = Double(human.values.reduce(0, +))
    var out: [String: Int64] = [:]
    for (version, n) in human {
      let share = demand * Double(n) / humanTotal + (1 - demand) / Double(human.count)
      out[version] = Int64((share * total).rounded())
    }
    return out
  }

  @Test(arguments: [0.0, 0.3, 0.5, 1.0])
  func recoversTheDemandShareOfASyntheticDay(demand: Double) throws {
    let result = try #require(DemandEstimate.estimate(proxy: Self.mix(demand: demand), human: Self.human))
    #expect(abs(result.weight - demand) < 0.01)
    #expect(abs(Double(result.downloads) - demand * 100_000) < 1_000)
  }

  @Test func clampsToZeroAndOne() throws {
    // Proxy mix skewed the other way round: anti-correlated with demand, read as pure sync.
    var reversed: [String: Int64] = [:]
    for i in 0..<10 { reversed["1.\(i)"] = Self.human["1.\(9 - i)"] }
    #expect(try #require(DemandEstimate.estimate(proxy: reversed, human: Self.human)).weight == 0)
    // More skewed than the human mix: capped at all of it.
    let steeper = Dictionary(uniqueKeysWithValues: Self.human.map { ($0.key, $0.value * $0.value) })
    #expect(try #require(DemandEstimate.estimate(proxy: steeper, human: Self.human)).weight == 1)
  }

  @Test func answersNothingWhenSyncAndDemandLookAlike() {
    let uniform: [String: Int64] = ["1.0": 50, "1.1": 50]
    #expect(DemandEstimate.estimate(proxy: ["1.0": 10, "1.1": 10], human: uniform) == nil)
    #expect(DemandEstimate.estimate(proxy: ["1.0": 10], human: ["1.0": 4]) == nil)
    #expect(DemandEstimate.estimate(proxy: [:], human: Self.human) == nil)
    #expect(DemandEstimate.estimate(proxy: ["1.0": 10, "1.1": 3], human: [:]) == nil)
  }

  @Test func theClassifierWritesTheEstimateOfAMixedDay() {
    var rows: [DetailedDownload] = []
    for (version, n) in Self.human {
      rows.append(DetailedDownload(date: day("2026-11-20"), package: "p", version: version, installer: "pip", type: "sdist", country: "", downloads: n))
    }
    for (version, n) in Self.mix(demand: 0.3) {
      rows.append(DetailedDownload(date: day("2026-11-20"), package: "p", version: version, installer: "Nexus", type: "sdist", country: "", downloads: n))
    }
    let (out, _) = InstallerClassifier.classify(DetailedRecordSet(snapshot: day("2026-11-20"), rows: rows), rules: InstallerRules())
    let estimate = out.records.records.first { $0.dimension == Dimension.estimate }
    #expect(estimate.map { abs($0.downloads - 30_000) < 1_000 } == true)
  }
}
