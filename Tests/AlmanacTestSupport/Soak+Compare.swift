import AlmanacKit
import Foundation

extension Soak {
  /// How one stored file is compared: rows keyed by `key` columns, compared on `value`
  /// columns; `complete` files must hold every key of the clean store (a missing key is a lost
  /// day), the others are per-night observations compared where both stores have the night.
  struct Rule {
    var path: String
    var key: [Int]
    var value: [Int]
    var complete: Bool
  }

  static var rules: [Rule] {
    let g = "series/github/\(repo)/"
    return [
      Rule(path: "series/pypistats/\(package).csv", key: [0, 1, 2, 3, 4], value: [5], complete: true),
      Rule(path: "series/pypi/\(package).csv", key: [0, 1, 2, 3, 4], value: [5], complete: true),
      Rule(path: g + "traffic.csv", key: [0, 1], value: [2, 3, 4], complete: true),
      Rule(path: g + "stargazers.csv", key: [0, 1], value: [2], complete: true),
      Rule(path: g + "stars.csv", key: [0], value: [1, 2], complete: true),
      Rule(path: g + "repo.csv", key: [0], value: [1, 2, 3, 4, 5, 6], complete: false),
      Rule(path: g + "popular.csv", key: [0, 1, 2], value: [3, 4, 5, 6, 7], complete: false),
      Rule(path: g + "traffic-windows.csv", key: [0, 1], value: [2, 3, 4, 5, 6], complete: false),
    ]
  }

  static func keyed(_ text: String, _ rule: Rule) throws -> [[String]: [String]] {
    var out: [[String]: [String]] = [:]
    for row in try CSV.parse(text).dropFirst() where !(row.fields.count == 1 && row.fields[0].isEmpty) {
      let f = row.fields
      guard (rule.key + rule.value).allSatisfy({ $0 < f.count }) else { throw SoakCompareError(problem: "\(rule.path):\(row.line): too few fields") }
      out[rule.key.map { f[$0] }] = rule.value.map { f[$0] }
    }
    return out
  }

  static func compare(clean: TempDirectory, faulted: TempDirectory, into report: inout Report) throws {
    for rule in rules {
      guard let want = clean.read("stats/" + rule.path) else { continue }
      guard let have = faulted.read("stats/" + rule.path) else {
        report.lost.append("\(rule.path): missing")
        continue
      }
      let a = try keyed(want, rule)
      let b = try keyed(have, rule)
      for (key, value) in a.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
        guard let other = b[key] else {
          if rule.complete { report.lost.append("\(rule.path): \(key.joined(separator: ","))") }
          continue
        }
        report.comparedRows += 1
        if other != value { report.differing.append("\(rule.path): \(key.joined(separator: ",")): \(value) in the clean run, \(other) after faults") }
      }
      for key in b.keys where a[key] == nil && rule.complete {
        report.differing.append("\(rule.path): \(key.joined(separator: ",")) only after faults")
      }
    }
    // Records of nights both stores took without a failure hold the same bytes for every day
    // both hold (a night after skipped ones asks ClickHouse for more days than the clean one).
    for source in ["pypistats", "pypi"] {
      let dir = "stats/records/\(source)"
      // A name as Almanac reads it: a delta (DESIGN point 85) stands for the file without `.delta`.
      let names = Set(((try? FileManager.default.contentsOfDirectory(atPath: clean.file(dir))) ?? []).map { $0.hasSuffix(".delta") ? String($0.dropLast(6)) : $0 })
      for name in names.sorted() where name.hasSuffix(".csv") {
        guard let have = faulted.read("\(dir)/\(name)"), let want = clean.read("\(dir)/\(name)"), let day = Day(name.prefix(10)) else { continue }
        let raw = faulted.read("stats/raw/\(source)/\(day).json").flatMap { try? RawSnapshot.decode($0, path: "") }
        guard raw?.failures.isEmpty ?? true else { continue }
        report.comparedFiles += 1
        let a = linesByDay(want)
        let b = linesByDay(have)
        for (date, lines) in a where b[date] != nil && b[date] != lines {
          report.differing.append("\(dir)/\(name): the rows of \(date) differ after faults")
        }
        if want.split(separator: "\n").first != have.split(separator: "\n").first {
          report.differing.append("\(dir)/\(name): another header after faults")
        }
      }
    }
    report.corrupt += undecodable(faulted)
  }

  /// A records file's rows (after the header) grouped by their date column.
  static func linesByDay(_ text: String) -> [Substring: [Substring]] {
    var out: [Substring: [Substring]] = [:]
    for line in text.split(separator: "\n").dropFirst() { out[line.prefix(10), default: []].append(line) }
    return out
  }

  /// Every records and series file of the store, read by Almanac's own decoders.
  static func undecodable(_ dir: TempDirectory) -> [String] {
    var out: [String] = []
    for (stored, data) in dir.snapshot().sorted(by: { $0.key < $1.key }) where stored.hasPrefix("stats/") {
      // A delta is read as the whole file it stands for, rebuilt from its chain.
      let relative = stored.hasSuffix(".delta") ? String(stored.dropLast(6)) : stored
      guard let text = stored == relative ? String(decoding: data, as: UTF8.self) : dir.read(relative) else {
        out.append("\(stored): does not rebuild")
        continue
      }
      let parts = relative.split(separator: "/").map(String.init)
      do {
        if parts.count == 4, parts[1] == "records", relative.hasSuffix(".csv"), !relative.hasSuffix(".detail.csv") {
          _ = try RecordSet.decode(text, path: relative, fallbackSnapshot: Day(parts[3].prefix(10)))
        } else if parts.count == 4, parts[1] == "series", parts[2] != "github", relative.hasSuffix(".csv") {
          _ = try Series.decode(text, path: relative, package: String(parts[3].dropLast(4)), source: parts[2])
        } else if parts.count == 4, parts[1] == "raw", relative.hasSuffix(".json") {
          _ = try RawSnapshot.decode(text, path: relative)
        } else if relative.hasSuffix(".json"), !relative.contains("/."), (try? JSONParser.parse(text)) == nil {
          out.append("\(relative): not JSON")
        }
      } catch {
        out.append("\(error)")
      }
    }
    return out
  }
}

struct SoakCompareError: Error, CustomStringConvertible {
  var problem: String
  var description: String { problem }
}
