import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// Issue 13 item 1: every CSV the demo writes (series, records, classified, the pypistats-era
/// `downloads_<date>.csv`, the tidy export) reads with `pandas.read_csv(path)` and
/// `duckdb.read_csv(path)` and no options, with the rows, sums and missing cells Almanac's own
/// reader finds (scripts/check-csv-readers).
@Suite(.serialized) struct CSVReadersEndToEnd {
  /// What Almanac's reader finds in one file: columns, rows, integer column sums, empty cells.
  static func entry(_ path: String) throws -> JSONValue {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let header = try #require(try CSV.parse(String(text.prefix { $0 != "\n" }) + "\n").first?.fields)
    let table = try Table.decode(text, path: path, expected: Table(kind: "csv", version: 1, columns: header))
    #expect(!table.hasFormatLine, "\(path) starts with a format line")
    var sums: [String: JSONValue] = [:]
    var empty: [String: JSONValue] = [:]
    for (k, column) in header.enumerated() {
      let cells = table.rows.map { $0[k] }
      empty[column] = .int(Int64(cells.filter(\.isEmpty).count))
      let known = cells.filter { !$0.isEmpty }
      let numbers = known.compactMap { Int64($0) }
      if !known.isEmpty, numbers.count == known.count { sums[column] = .int(numbers.reduce(0, +)) }
    }
    return .object([
      "path": .string(path), "columns": .array(header.map(JSONValue.string)), "rows": .int(Int64(table.rows.count)),
      "sums": .object(sums), "empty": .object(empty),
    ])
  }

  static func csvFiles(under root: String) -> [String] {
    let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return files.filter { $0.hasSuffix(".csv") }.sorted().map { "\(root)/\($0)" }
  }

  @Test func pandasAndDuckDBReadEveryDemoCSVWithDefaults() async throws {
    let python = "\(Paths.packageRoot)/.venv-tools/bin/python"
    try #require(FileManager.default.isExecutableFile(atPath: python), "the tools venv is missing: run scripts/setup --tools")
    let dir = TempDirectory("csv-readers")
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    let export = try await Shell.run("almanac export --stats-dir out --format csv -o x", cwd: dir.path)
    #expect(export.status == 0, "\(export.stderr)")
    let files = Self.csvFiles(under: dir.file("out")) + Self.csvFiles(under: dir.file("x"))
    let kinds = Set(files.map { $0.dropFirst(dir.path.count + 1).split(separator: "/").prefix(2).joined(separator: "/") })
    for kind in ["out/series", "out/records", "out/classified", "x/almanac-export.csv"] {
      #expect(kinds.contains { $0.hasPrefix(kind) }, "no \(kind) file in the demo")
    }
    let manifest = JSONValue.object(["files": .array(try files.map(Self.entry))])
    try dir.write("manifest.json", CanonicalJSON.encode(manifest))
    let run = try await Shell.run("'\(Paths.packageRoot)/scripts/check-csv-readers' manifest.json", cwd: dir.path)
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONParser.parse(run.stdout)
    #expect(summary["files"]?.int64Value == Int64(files.count))
    #expect(summary["problems"]?.int64Value == 0)
  }

  /// The check fails on what it exists to catch: the old format line, and `null` for unknown.
  @Test func theCheckRefusesAFormatLineAndANullCategory() async throws {
    let python = "\(Paths.packageRoot)/.venv-tools/bin/python"
    try #require(FileManager.default.isExecutableFile(atPath: python), "the tools venv is missing: run scripts/setup --tools")
    let dir = TempDirectory("csv-readers-bad")
    let header = "date,package,source,dimension,category,downloads\n"
    try dir.write("records/pypistats/2026-11-20.csv", header + "2026-11-19,p,pypistats,system,null,4\n2026-11-19,p,pypistats,system,Linux,6\n")
    try dir.write("stream.csv", "#almanac:records:1 snapshot=2026-11-20\n" + header + "2026-11-19,p,pypistats,system,Linux,6\n")
    // Almanac's reader: the first file has no empty cell; the stream has a header and one row.
    let first = try Self.entry(dir.file("records/pypistats/2026-11-20.csv"))
    let stream = JSONValue.object([
      "path": .string(dir.file("stream.csv")), "columns": .array(header.dropLast().split(separator: ",").map { .string(String($0)) }),
      "rows": .int(1), "sums": .object(["downloads": .int(6)]), "empty": .object([:]),
    ])
    try dir.write("manifest.json", CanonicalJSON.encode(.object(["files": .array([first, stream])])))
    let run = try await Shell.run("'\(Paths.packageRoot)/scripts/check-csv-readers' manifest.json", cwd: dir.path)
    #expect(run.status == 1)
    #expect(run.stderr.contains("2026-11-20.csv: pandas: column category: 1 missing values, Almanac has 0 empty cells (read as missing: ['null'])"), "\(run.stderr)")
    #expect(run.stderr.contains("stream.csv: pandas: columns ['#almanac:records:1 snapshot=2026-11-20']"), "\(run.stderr)")
  }
}
