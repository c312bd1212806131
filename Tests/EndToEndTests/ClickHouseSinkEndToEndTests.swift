import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// `almanac export --to clickhouse` on the demo, into the real ClickHouse server the suite
/// starts: totals in SQL equal the sums of Almanac's own JSON export, a second load changes
/// nothing, and a user who may not write gets one clear message without its password.
@Suite(.serialized, .enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct ClickHouseSinkEndToEnd {
  /// rows and sum of value per source, from the JSON Lines export.
  static func sums(jsonl: String) throws -> [String: [Int64]] {
    var out: [String: [Int64]] = [:]
    for line in jsonl.split(separator: "\n") {
      let row = try JSONParser.parse(line.utf8)
      let source = try #require(row["source"]?.stringValue)
      let value = row["value"]?.int64Value ?? 0
      out[source, default: [0, 0]][0] += 1
      out[source, default: [0, 0]][1] += value
    }
    return out
  }

  static func totals(_ server: ClickHouseTestServer, _ database: String, table: String = "series") async throws -> [String: [Int64]] {
    let tsv = try await server.execute("SELECT source, count(), sum(ifNull(value, 0)) FROM \(database).\(table) GROUP BY source FORMAT TSV")
    var out: [String: [Int64]] = [:]
    for line in tsv.split(separator: "\n") {
      let f = line.split(separator: "\t").map(String.init)
      out[f[0]] = [Int64(f[1]) ?? -1, Int64(f[2]) ?? -1]
    }
    return out
  }

  @Test func theDemoLoadsWithAlmanacsTotalsAndASecondLoadChangesNothing() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("ch-sink")
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    let expected = try Self.sums(jsonl: try await Shell.run("almanac export --stats-dir out --format json -o -", cwd: dir.path).stdout)
    #expect(Set(expected.keys).isSuperset(of: ["pypistats", "pypi", "github", "plausible", "sentry"]))
    let load = "almanac export --stats-dir out --to clickhouse --url \(server.baseURL) --database sink_demo"
    let first = try await Shell.run(load, cwd: dir.path)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("sink_demo.series: pypistats replaced with \(expected["pypistats"]?[0] ?? -1) rows"))
    #expect(try await Self.totals(server, "sink_demo") == expected)
    let second = try await Shell.run(load, cwd: dir.path)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(try await Self.totals(server, "sink_demo") == expected)
    // The table is what docs/scale.md says, and no staging table is left behind.
    let engine = try await server.execute("SELECT engine, partition_key, sorting_key FROM system.tables WHERE database = 'sink_demo' FORMAT TSV")
    #expect(engine == "MergeTree\tsource\tsource, entity, metric, dimension, date\n")
    // One of the org dashboard's queries, checked against the export.
    let top = try await server.execute(
      "SELECT entity, sum(value) FROM sink_demo.series WHERE source = 'pypistats' AND metric = 'downloads' AND dimension = 'overall' AND category = 'without_mirrors' GROUP BY entity FORMAT TSV")
    let jsonl = try #require(try await Shell.run("almanac export --stats-dir out --format csv --source pypistats -o -", cwd: dir.path).stdout)
    let own = jsonl.split(separator: "\n").filter { $0.contains(",downloads,overall,without_mirrors,") }.compactMap { Int64($0.split(separator: ",")[6]) }
    #expect(top == "tidewater\t\(own.reduce(0, +))\n")
  }

  @Test func oneSourceReplacesOnlyItsPartitionFromTheConfiguredSink() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("ch-sink-config")
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    try dir.write("almanac.yml", "targets: {packages: [tidewater]}\nstats_dir: out\nsinks:\n  clickhouse: {endpoint: \"\(server.baseURL)\", database: sink_config, table: daily}\n")
    try await server.execute("CREATE DATABASE IF NOT EXISTS sink_config")
    try await server.execute(
      "CREATE TABLE sink_config.daily (date Date, source String, entity String, metric String, dimension String, category Nullable(String), value Nullable(Int64), provisional UInt8) ENGINE = MergeTree PARTITION BY source ORDER BY (source, entity, metric, dimension, date)")
    try await server.execute("INSERT INTO sink_config.daily VALUES ('2020-01-01', 'sentry', 'old', 'm', 'overall', NULL, 5, 0), ('2020-01-01', 'pypi', 'kept', 'm', 'overall', NULL, 7, 0)")
    let run = try await Shell.run("almanac export --to clickhouse --source sentry", cwd: dir.path)
    #expect(run.status == 0, "\(run.stderr)")
    let left = try await server.execute("SELECT source, entity, count() FROM sink_config.daily GROUP BY source, entity ORDER BY source, entity FORMAT TSV")
    let sentry = try Self.sums(jsonl: try await Shell.run("almanac export --format json --source sentry -o -", cwd: dir.path).stdout)["sentry"]
    #expect(left.hasPrefix("pypi\tkept\t1\n"), "the pypi partition was not touched: \(left)")
    #expect(try await Self.totals(server, "sink_config", table: "daily")["sentry"] == sentry)
    #expect(!left.contains("old"))
  }

  @Test func aUserWhoMayNotWriteGetsOneMessageWithoutThePassword() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("ch-sink-readonly")
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    let run = try await Shell.run(
      "almanac export --stats-dir out --to clickhouse --url \(server.baseURL) --user \(ClickHouseTestServer.user) --password-env CH_PW --database sink_ro",
      cwd: dir.path, environment: ["CH_PW": ClickHouseTestServer.password])
    #expect(run.status == 1)
    #expect(run.stderr.contains("ClickHouse sink: ClickHouse query for creating the database sink_ro failed"), "\(run.stderr)")
    #expect(run.stderr.contains("the stats/ files are not affected"))
    #expect(!run.stderr.contains(ClickHouseTestServer.password) && !run.stdout.contains(ClickHouseTestServer.password))
  }

  @Test func badSinkArgumentsAreExplained() async throws {
    let dir = TempDirectory("ch-sink-bad")
    let cases: [(String, Int32, String)] = [
      ("--to postgres", 64, "--to postgres: the one destination is `clickhouse`"),
      ("--url http://x:8123", 64, "--url belongs to --to clickhouse"),
      ("--to clickhouse --url ftp://x", 64, "--url ftp://x: expected the server's HTTP address"),
      ("--to clickhouse --url http://x --database a-b", 64, "--database a-b: expected a name of letters"),
      ("--to clickhouse --url http://x --since 2026-01-01", 64, "--since cannot be combined with --to clickhouse"),
      ("--to clickhouse --stats-dir .", 1, "--to clickhouse needs a server: give --url"),
    ]
    for (args, status, message) in cases {
      let run = try await Shell.run("almanac export \(args)", cwd: dir.path)
      #expect(run.status == status, "\(args): \(run.stderr)")
      #expect(run.stderr.contains(message), "\(args): \(run.stderr)")
    }
  }
}
