import AlmanacCLI
import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// A store written before the header-first layout (every CSV under a `#almanac:` format line,
/// `null` for an unknown category) still renders the same report, and `almanac migrate` turns
/// it into today's store byte for byte.
@Suite(.serialized) struct MigrateEndToEnd {
  /// The format line an earlier Almanac wrote above a file at `relative`, nil for the exports
  /// that never had one.
  static func formatLine(_ relative: String) -> String? {
    let parts = relative.split(separator: "/").map(String.init)
    let name = parts.last ?? ""
    let stem = String(name.prefix { $0 != "." })
    switch parts.first {
    case "records" where name.hasSuffix(".detail.csv"): return "#almanac:detail:1 snapshot=\(stem)"
    case "records", "classified": return "#almanac:\(parts[0]):1 snapshot=\(stem)"
    case "series" where parts.count > 1 && parts[1] == "github":
      return "#almanac:github-\(stem == "traffic-coverage" ? "coverage" : stem):1"
    case "series" where parts.count > 1 && parts[1] == "usage": return "#almanac:usage-\(stem):1"
    case "series": return "#almanac:series:1"
    case "usage": return "#almanac:usage-\(stem):1"
    default: return nil
    }
  }

  /// Today's store as an earlier Almanac wrote it: every dated file whole (no delta chains),
  /// every CSV under a format line.
  static func makeLegacy(_ root: String) throws -> Int {
    let deltas = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".delta") }
    let store = Store(root: root)
    let whole = try deltas.map { relative in
      let path = "\(root)/\(relative.dropLast(".delta".count))"
      return (path, try #require(try store.readText(path)))
    }
    for (path, text) in whole {
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      try FileManager.default.removeItem(atPath: path + ".delta")
    }
    var count = 0
    for relative in (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []) where relative.hasSuffix(".csv") {
      guard let line = formatLine(relative) else { continue }
      let path = "\(root)/\(relative)"
      var text = try String(contentsOfFile: path, encoding: .utf8)
      if ["records", "classified", "series"].contains(where: { line.hasPrefix("#almanac:\($0):") }) {
        text = text.replacingOccurrences(of: ",unknown,", with: ",null,")
      }
      try (line + "\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
      count += 1
    }
    return count
  }

  static func snapshot(_ dir: TempDirectory, _ sub: String) -> [String: Data] {
    Dictionary(uniqueKeysWithValues: dir.snapshot().compactMap { key, value in
      key.hasPrefix(sub + "/") ? (String(key.dropFirst(sub.count + 1)), value) : nil
    })
  }

  @Test func aNightOverAnOlderStoreGivesTodaysStoreAndMigrateRewritesTheRest() async throws {
    let dir = TempDirectory("migrate")
    _ = try await DemoCache.shared.copy(to: dir.file("new"))
    _ = try await DemoCache.shared.copy(to: dir.file("old"))
    let legacy = try Self.makeLegacy(dir.file("old"))
    #expect(legacy > 50)
    #expect(Self.snapshot(dir, "old").values.contains { String(decoding: $0, as: UTF8.self).contains(",null,") })

    // `almanac migrate` rewrites every older file, and a second run changes nothing.
    _ = try await DemoCache.shared.copy(to: dir.file("migrated"))
    _ = try Self.makeLegacy(dir.file("migrated"))
    let m = try await Shell.run("almanac migrate --stats-dir migrated", cwd: dir.path)
    #expect(m.status == 0, "\(m.stderr)")
    #expect(m.stderr.contains(": \(legacy) of "), "\(m.stderr)")
    let today = Self.snapshot(dir, "new")
    #expect(Self.snapshot(dir, "migrated") == today)
    let again = try await Shell.run("almanac migrate --stats-dir migrated", cwd: dir.path)
    #expect(again.status == 0 && again.stderr.contains(": 0 of "), "\(again.stderr)")

    // The demo's newest night replayed over the older store reads it as it is: what the night
    // writes (series, report, summaries, badges) is what it writes over today's store. (Its
    // dated files stay whole until `almanac migrate` puts them into chains.)
    let night = try await Shell.run("almanac demo --out new --quiet && almanac demo --out old --quiet", cwd: dir.path)
    #expect(night.status == 0, "\(night.stderr)")
    let new = Self.snapshot(dir, "new")
    #expect(new == today, "a replayed night changed today's store")
    for (path, data) in Self.snapshot(dir, "old") where !["raw/", "records/", "classified/"].contains(where: path.hasPrefix) {
      #expect(data == new[path], "\(path) differs after a night over the older store")
    }
  }
}
