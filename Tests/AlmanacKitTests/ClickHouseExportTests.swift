import Testing

@testable import AlmanacKit

/// The ClickHouse sink's configuration and SQL (the load itself runs against the real server in
/// ClickHouseSinkEndToEnd).
@Suite struct ClickHouseExportTests {
  static func parse(_ sinks: String) throws(ConfigError) -> Config {
    try ConfigParser.parse("targets: {packages: [p]}\nsinks:\n" + sinks, path: "almanac.yml")
  }

  @Test func aSinkNeedsOnlyAnEndpointAndKeepsThePasswordInAVariable() throws {
    let minimal = try #require(try Self.parse("  clickhouse: {endpoint: \"http://ch:8123\"}\n").sinks.clickhouse)
    #expect(minimal == Config.ClickHouseSink(endpoint: "http://ch:8123"))
    #expect(minimal.user == nil && minimal.database == "almanac" && minimal.table == "series")
    let full = try #require(try Self.parse(
      "  clickhouse: {endpoint: \"https://ch.example:8443\", user: almanac, password_env: CH_PW, database: org, table: daily}\n").sinks.clickhouse)
    #expect(full.user == "almanac" && full.passwordEnv == "CH_PW" && full.database == "org" && full.table == "daily")
    #expect(try ConfigParser.parse("targets: {packages: [p]}\n", path: "a.yml").sinks.clickhouse == nil)
  }

  @Test(arguments: [
    ("  clickhouse: {database: x}\n", "almanac.yml:3: sinks.clickhouse.endpoint: is required: the server's HTTP address, like http://clickhouse.internal:8123"),
    ("  clickhouse: {endpoint: \"http://ch\", table: \"1x\"}\n", "almanac.yml:3: sinks.clickhouse.table: expected a table name (letters, digits, `_`, not starting with a digit), found `1x`"),
    ("  clickhouse: {endpoint: \"http://ch\", password_env: \"s3cr3t!\"}\n", "almanac.yml:3: sinks.clickhouse.password_env: expected the name of an environment variable (like ALMANAC_CLICKHOUSE_PASSWORD), not a password; passwords never go in this file"),
    ("  postgres: {}\n", "almanac.yml:3: sinks.postgres: unknown key; allowed here: clickhouse"),
  ])
  func aBadSinkIsExplained(_ yaml: String, _ message: String) {
    do {
      _ = try Self.parse(yaml)
      Issue.record("parsed without an error")
    } catch {
      #expect(error.description == message)
    }
  }

  @Test func theTableIsPartitionedBySourceAndReplacedFromStaging() {
    let t = ClickHouseExport.Target(database: "org", table: "series")
    #expect(t.createTable.contains("ENGINE = MergeTree PARTITION BY source ORDER BY (source, entity, metric, dimension, date)"))
    #expect(t.replace(source: "pypi", "7_a") == "ALTER TABLE org.series REPLACE PARTITION 'pypi' FROM org.series_load_7_a")
    #expect(t.insert("7_a") == "INSERT INTO org.series_load_7_a FORMAT JSONEachRow")
    #expect(t.replace(source: "o'k", "1").contains("PARTITION 'o\\'k' FROM"))
  }

  @Test(arguments: [("series", true), ("_x1", true), ("1x", false), ("a-b", false), ("", false), ("ü", false)])
  func identifiersAreAsciiNames(_ name: String, _ ok: Bool) {
    #expect(ClickHouseExport.isIdentifier(name) == ok)
  }
}
