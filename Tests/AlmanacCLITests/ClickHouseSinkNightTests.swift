import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// `sinks.clickhouse` after a night (`Nightly.runSinks`), against the real server: the stored
/// series arrive; a server that refuses is an error diagnostic and a false result (the night is
/// then partial), never a thrown night.
@Suite(.enabled(if: ClickHouseTestServer.runnable, Comment(rawValue: ClickHouseTestServer.skipReason)))
struct ClickHouseSinkNightTests {
  func stages(_ dir: TempDirectory) async throws -> Stages {
    _ = try await DemoCache.shared.copy(to: dir.file("out"))
    return Stages(store: Store(root: dir.file("out")), console: Console(environment: [:], quiet: true), date: Day(year: 2026, month: 11, day: 22) ?? Day(ordinal: 0))
  }

  func config(_ server: ClickHouseTestServer, _ extra: String) throws -> Config {
    try ConfigParser.parse("targets: {packages: [tidewater]}\nsinks:\n  clickhouse: {endpoint: \"\(server.baseURL)\"\(extra)}\n", path: "almanac.yml")
  }

  @Test func aNightLoadsEverySeriesIntoTheSink() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("sink-night")
    let stages = try await stages(dir)
    let loaded = await Nightly.runSinks(
      config: try config(server, ", database: sink_night"), client: client(attempts: 2, timeout: 30), stages: stages, environment: [:])
    #expect(loaded)
    let rows = stages.store.exportEntities().reduce(0) { $0 + ((try? $1.rows(ExportFilter()).count) ?? 0) }
    #expect(rows > 10_000)
    #expect(try await server.execute("SELECT count() FROM sink_night.series FORMAT TSV") == "\(rows)\n")
    withExtendedLifetime(dir) {}
  }

  @Test func aRefusingServerIsAnErrorNotAThrow() async throws {
    let server = try await ClickHouseTestServer.shared()
    let dir = TempDirectory("sink-night-ro")
    let stages = try await stages(dir)
    let loaded = await Nightly.runSinks(
      config: try config(server, ", user: \(ClickHouseTestServer.user), password_env: SINK_PW, database: sink_night_ro"),
      client: client(attempts: 1, timeout: 30), stages: stages, environment: ["SINK_PW": ClickHouseTestServer.password])
    #expect(!loaded)
    let errors = stages.console.diagnostics.filter { $0.severity == .error }.map(\.description)
    #expect(errors.count == 1)
    #expect(errors.first?.contains("sinks.clickhouse: ClickHouse sink: ClickHouse query for creating the database sink_night_ro failed") == true, "\(errors)")
    #expect(errors.allSatisfy { !$0.contains(ClickHouseTestServer.password) })
    withExtendedLifetime(dir) {}
  }
}
