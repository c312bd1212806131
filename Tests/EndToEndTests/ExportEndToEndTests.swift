import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// `almanac export` on the demo, read back by pyarrow and DuckDB (scripts/check-export).
@Suite(.serialized) struct ExportEndToEnd {
  static func checker() throws -> String {
    let python = "\(Paths.packageRoot)/.venv-tools/bin/python"
    try #require(FileManager.default.isExecutableFile(atPath: python), "the tools venv is missing: run scripts/setup --tools")
    return "'\(Paths.packageRoot)/scripts/check-export'"
  }

  @Test(arguments: ["snappy", "gzip", "none"])
  func theDemoExportsReadBackEqualInPyarrowAndDuckDB(_ codec: String) async throws {
    let check = try Self.checker()
    let dir = TempDirectory("export-\(codec)")
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    let run = try await Shell.run(
      """
      almanac export --stats-dir out --format json -o x && almanac export --stats-dir out --format csv -o x \
        && almanac export --stats-dir out --format parquet --compression \(codec) --row-group-rows 4000 -o x \
        && \(check) x/almanac-export.jsonl x/almanac-export.parquet x/almanac-export.csv
      """, cwd: dir.path)
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONParser.parse(run.stdout)
    let rows = try #require(summary["rows"]?.int64Value)
    #expect(rows > 10_000)
    #expect(summary["row_groups"]?.int64Value == (rows + 3999) / 4000)
    #expect(summary["codecs"] == .array([.string(["snappy": "SNAPPY", "gzip": "GZIP", "none": "UNCOMPRESSED"][codec] ?? "")]))
    #expect(summary["encodings"] == .array(["PLAIN", "RLE", "RLE_DICTIONARY"].map(JSONValue.string)))
    #expect(run.stderr.contains("x/almanac-export.parquet: \(rows) rows"))
    // Every source with series in the demo is in it (github-events keeps records only), and no login.
    let jsonl = try #require(dir.read("x/almanac-export.jsonl"))
    for source in ["pypistats", "pypi", "github", "plausible", "sentry"] {
      #expect(jsonl.contains("\"source\":\"\(source)\""), "\(source)")
    }
    #expect(!jsonl.contains("fork_actor") && !jsonl.contains("stargazers.csv"))
  }

  @Test func aFilteredExportToStandardOutputKeepsOnlyTheSourceAndRange() async throws {
    let dir = TempDirectory("export-filter")
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    let run = try await Shell.run("almanac export --stats-dir out --format csv --source sentry --since 2026-11-20 --until 2026-11-21 -o -", cwd: dir.path)
    #expect(run.status == 0, "\(run.stderr)")
    let lines = run.stdout.split(separator: "\n")
    #expect(lines.first == "date,source,entity,metric,dimension,category,value,provisional")
    #expect(lines.count > 2)
    #expect(lines.dropFirst().allSatisfy { ($0.hasPrefix("2026-11-20,sentry,") || $0.hasPrefix("2026-11-21,sentry,")) })
  }

  @Test func badArgumentsAreExplained() async throws {
    let dir = TempDirectory("export-bad")
    let unknown = try await Shell.run("almanac export --stats-dir . --source nope", cwd: dir.path)
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("--source nope: no such source (known: pypistats, pypi, github, github-events, plausible, sentry, reddit, usage)."))
    let range = try await Shell.run("almanac export --since 2026-11-02 --until 2026-11-01", cwd: dir.path)
    #expect(range.status == 64)
    #expect(range.stderr.contains("--until 2026-11-01 is before --since 2026-11-02"))
    let codec = try await Shell.run("almanac export --format parquet --compression lz4 -o x", cwd: dir.path)
    #expect(codec.status == 64 && codec.stderr.contains("--compression lz4: expected snappy, gzip or none."))
    let empty = try await Shell.run("almanac export --stats-dir . --format json -o x", cwd: dir.path)
    #expect(empty.status == 0 && empty.stderr.contains("no series to export yet"))
  }

  /// The writer's corners the demo does not reach: nulls in both optional columns, many pages
  /// per chunk, several row groups, a single-value dictionary, non-ASCII text, negative dates.
  @Test func theWritersCornersReadBackEqual() async throws {
    let check = try Self.checker()
    let dir = TempDirectory("parquet-corners")
    var rows: [ExportRow] = []
    for i in 0..<2_500 {
      rows.append(ExportRow(
        date: Day(ordinal: -400 + i), source: "src", entity: i % 3 == 0 ? "zürich" : "e\(i % 7)", metric: "m\(i % 2)",
        dimension: i % 5 == 0 ? ExportRow.overall : "d", category: i % 5 == 0 ? nil : "c\(i % 11)\u{1F600}",
        value: i % 13 == 0 ? nil : Int64(i) * 1_000_000_007 - 5_000_000_000, provisional: i % 4 == 0))
    }
    var writer = ParquetWriter(columns: ExportParquet.columns, codec: .snappy, pageRows: 97)
    var bytes = writer.start()
    for start in stride(from: 0, to: rows.count, by: 1000) {
      bytes += try writer.rowGroup(ExportParquet.values(rows[start..<min(start + 1000, rows.count)]))
    }
    bytes += writer.finish()
    try Data(bytes).write(to: URL(fileURLWithPath: dir.file("c.parquet")))
    try dir.write("c.jsonl", rows.map(ExportFormat.jsonLine).joined())
    let run = try await Shell.run("\(check) c.jsonl c.parquet", cwd: dir.path)
    #expect(run.status == 0, "\(run.stderr)")
    let summary = try JSONParser.parse(run.stdout)
    #expect(summary["row_groups"]?.int64Value == 3)
    #expect(summary["null_values"]?.int64Value == Int64(rows.count(where: { $0.value == nil })))
    #expect(summary["null_categories"]?.int64Value == 500)
  }
}

/// `almanac render readme` on the demo's figures.
@Suite struct ReadmeEndToEnd {
  @Test func theDemoFillsTheBlockOnceAndRefusesAFileWithoutMarkers() async throws {
    let dir = TempDirectory("readme")
    _ = try await DemoCache.shared.copy(to: dir.file("stats"))
    try dir.write("README.md", "# Tidewater\n\n<!-- almanac:start -->\n<!-- almanac:end -->\n\nUsage: …\n")
    let first = try await Shell.run("almanac render readme README.md", cwd: dir.path)
    #expect(first.status == 0, "\(first.stderr)")
    let readme = try #require(dir.read("README.md"))
    #expect(readme.hasPrefix("# Tidewater\n\n<!-- almanac:start -->\n![tidewater-dev-tidewater-stars](stats/badges/tidewater-dev-tidewater-stars.svg) "))
    #expect(readme.contains("| Downloads, all time | 477,407 | pypistats.org, tidewater |\n"))
    #expect(readme.contains("| GitHub stars | 3,053 | GitHub, tidewater-dev/tidewater |\n"))
    #expect(readme.components(separatedBy: "\n| ").count - 1 == 6)  // the header and five rows
    #expect(readme.hasSuffix("<!-- almanac:end -->\n\nUsage: …\n"))
    let second = try await Shell.run("almanac render readme README.md", cwd: dir.path)
    #expect(second.status == 0 && second.stderr.contains("README.md: unchanged"))
    #expect(dir.read("README.md") == readme)
    try dir.write("OTHER.md", "no markers\n")
    let refused = try await Shell.run("almanac render readme OTHER.md", cwd: dir.path)
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("OTHER.md: has no Almanac block. Add these two lines where the badges and figures should go, then run the command again:\n\n    <!-- almanac:start -->\n    <!-- almanac:end -->"))
    #expect(dir.read("OTHER.md") == "no markers\n")
  }
}
