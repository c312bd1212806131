import AlmanacKit
import Foundation

/// `almanac export --to clickhouse` and `sinks.clickhouse` after a night: the password read
/// from the variable the sink names (masked in every line printed), then `ClickHouseLoad`.
enum ClickHouseSink {
  static func load(
    _ sink: Config.ClickHouseSink, entities: [Store.ExportEntity], client: HTTPClient, console: Console,
    environment: [String: String]
  ) async throws(AlmanacError) -> [ClickHouseLoad.Loaded] {
    var password: String?
    if let variable = sink.passwordEnv {
      password = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
      if password == nil {
        console.report(Diagnostic(.warning, "\(variable) is not set, so the ClickHouse user `\(sink.user ?? "default")` is sent without a password", at: "sinks.clickhouse"))
      }
    }
    console.mask([password].compactMap { $0 })
    let target = ClickHouseExport.Target(database: sink.database, table: sink.table)
    let load = ClickHouseLoad(
      client: ClickHouseClient(http: client, endpoint: sink.endpoint, user: sink.user, password: password), target: target)
    let loaded = try await load.load(entities)
    for l in loaded { console.note("\(sink.endpoint) \(target.qualified): \(l.source) replaced with \(l.rows) rows") }
    return loaded
  }
}
