import Foundation
import Testing

@testable import AlmanacKit

/// Every input kept under `Tests/Fixtures/fuzz/<target>/` (seeds we wrote, and each crash,
/// leak or timeout a fuzz run found, after its fix) goes through the check its libFuzzer target
/// runs (`FuzzCheck`), so a fixed bug stays fixed without running the fuzzers.
@Suite struct FuzzRegressionTests {
  static let root = Fixtures.url("fuzz")

  static var inputs: [String] {
    let fm = FileManager.default
    let targets = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
    return targets.sorted().flatMap { target in
      ((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? []).sorted().map { "\(target)/\($0)" }
    }
  }

  @Test(arguments: inputs)
  func aKeptInputPassesItsTargetsCheck(_ input: String) throws {
    let target = String(input.prefix { $0 != "/" })
    let check = try #require(FuzzCheck.targets[target], "Tests/Fixtures/fuzz/\(target)/ names no fuzz target FuzzCheck knows")
    let bytes = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent(input)))
    #expect(throws: Never.self, "\(input)") { try check(bytes) }
  }

  @Test func everyCheckedTargetHasKeptInputs() {
    for target in FuzzCheck.targets.keys {
      #expect(Self.inputs.contains { $0.hasPrefix(target + "/") }, "no input under Tests/Fixtures/fuzz/\(target)/")
    }
  }

  /// The seeds reach past the parsers: the rules parse and open alerts of several conditions,
  /// the alerts.json decodes, the rows are rows.
  @Test func theSeedsReachTheCodeBehindTheParsers() throws {
    let rules = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("FuzzAlertRules/seed-every-condition")))
    let cut = try #require(rules.firstIndex(of: 0))
    let config = try ConfigParser.parse(String(decoding: rules[..<cut], as: UTF8.self), path: "seed.yml")
    #expect(config.alerts.rules.count == 5)
    let days = rules[(cut + 1)...]
    let first = day("2026-01-05")
    var daily: [Day: Double] = [:]
    for (i, b) in days.enumerated() where b != 255 { daily[first.adding(days: i)] = Double(b) * 7 }
    let name = MetricName(source: "pypistats", subject: "web", measure: "downloads")
    let state = AlertEngine.evaluate(
      config.alerts.rules, catalog: MetricCatalog([Metric(name: name, about: "seed", daily: daily)]), asOf: first.adding(days: days.count))
    #expect(Set(state.alerts.map(\.condition)).count >= 3)

    let json = try Fixtures.read("fuzz/FuzzAlerts/seed-open-and-closed.json")
    #expect(try AlertState.decode(json, path: "seed").alerts.count == 2)

    let parquet = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("FuzzParquet/seed-eight-rows")))
    #expect(FuzzCheck.parquetRows(parquet).count == 8)

    // The format-3 seed is a delta of its base that rebuilds (both checksums hold), with `&` and `%`.
    let delta = try [UInt8](Data(contentsOf: Self.root.appendingPathComponent("FuzzDelta/seed-format-3")))
    let nul = try #require(delta.firstIndex(of: 0))
    let file = try DeltaFile.decode(String(decoding: delta[(nul + 1)...], as: UTF8.self), path: "seed")
    #expect(file.ops.contains { if case .edit = $0 { true } else { false } } && file.ops.contains { if case .digits = $0 { true } else { false } })
    _ = try file.apply(to: String(decoding: delta[..<nul], as: UTF8.self), path: "seed", basePath: "base")
  }

  /// Input a parser refuses is handled, not a finding: the checks throw only for a bug.
  @Test func refusedInputIsNotAFinding() {
    #expect(throws: Never.self) { try FuzzCheck.alerts(Array("not json".utf8)) }
    #expect(throws: Never.self) { try FuzzCheck.alertRules(Array("alerts: [".utf8)) }
    #expect(throws: Never.self) { try FuzzCheck.parquet([1]) }
    #expect(throws: Never.self) { try FuzzCheck.delta(Array("#almanac:delta:3 x\n".utf8)) }
  }
}
