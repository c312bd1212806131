import AlmanacKit
import Foundation

/// The ClickHouse tables behind the offline demo: rows written by
/// `scripts/make-demo-recording.py --clickhouse-rows DIR` (the same `tidewater` truth as the
/// pypistats.org answers), loaded into a real server under ClickPy's table names and columns.
/// `load(upTo:)` keeps the days before a night only, as the public data set held them that night.
public struct DemoClickHouseData: Sendable {
  /// The TSV files' directory.
  public var directory: String

  public init(directory: String) { self.directory = directory }

  /// Runs the generator into `directory`.
  public static func generate(into directory: String) async throws -> DemoClickHouseData {
    let script = Paths.packageRoot + "/scripts/make-demo-recording.py"
    let r = try await Shell.run("python3 '\(script)' --clickhouse-rows '\(directory)'")
    guard r.status == 0 else { throw ClickHouseTestServer.LaunchError(message: "\(script) failed: \(r.stderr)", retryable: false) }
    return DemoClickHouseData(directory: directory)
  }

  /// (file, table, columns): every file's first column is the date (or the event time).
  static let files: [(file: String, table: String, columns: String)] = [
    ("per_day", "pypi.pypi_downloads_per_day", "date, project, count"),
    ("detail", "pypi.pypi_downloads_per_day_by_version_by_installer_by_type_by_country", "date, project, version, installer, type, country_code, count"),
    ("python_minor", "pypi.pypi_downloads_per_day_by_version_by_python", "date, project, version, python_minor, count"),
    ("system", "pypi.pypi_downloads_per_day_by_version_by_system", "date, project, version, system, count"),
    ("events", "github.github_events", "created_at, event_type, actor_login, repo_name, repo_id, action, release_tag_name"),
  ]

  /// Replaces the server's `pypi` and `github` databases with the days up to `newest`.
  public func load(into server: ClickHouseTestServer, upTo newest: Day) async throws {
    for db in ["pypi", "github"] {
      try await server.execute("DROP DATABASE IF EXISTS \(db)")
      try await server.execute("CREATE DATABASE \(db)")
    }
    for t in ClickPyFixture.pypiTables {
      try await server.execute("CREATE TABLE pypi.\(t.name) (\(t.columns), count Int64) ENGINE = SummingMergeTree ORDER BY \(t.order)")
    }
    try await server.execute(
      "CREATE TABLE github.github_events (file_time DateTime, event_type Enum8(\(ClickPyFixture.eventTypes)), actor_login String, repo_name String, repo_id String, created_at DateTime, updated_at DateTime, action Enum8(\(ClickPyFixture.actions)), number UInt32, ref String, release_tag_name String, release_name String, merged UInt8) ENGINE = MergeTree ORDER BY (repo_id, event_type, created_at)")
    try await server.execute("CREATE TABLE github.repo_name_to_id (repo_name String, repo_id String) ENGINE = ReplacingMergeTree ORDER BY repo_name")
    let last = newest.description
    for f in Self.files {
      let text = try String(contentsOfFile: "\(directory)/\(f.file).tsv", encoding: .utf8)
      let kept = text.split(separator: "\n").filter { $0.prefix(10) <= last }
      try await server.execute("INSERT INTO \(f.table) (\(f.columns)) FORMAT TabSeparated\n" + kept.joined(separator: "\n") + "\n")
    }
    try await server.execute("INSERT INTO pypi.pypi_downloads SELECT project, sum(count) FROM pypi.pypi_downloads_per_day GROUP BY project")
    let repos = try String(contentsOfFile: "\(directory)/repos.tsv", encoding: .utf8)
    try await server.execute("INSERT INTO github.repo_name_to_id FORMAT TabSeparated\n" + repos)
  }
}
