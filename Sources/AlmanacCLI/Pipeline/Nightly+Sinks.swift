import AlmanacKit
import Foundation

extension Nightly {
  /// `sinks.clickhouse`: after the night is saved and rendered, every series is loaded into
  /// the configured table (`ClickHouseSink`). Returns false when the load failed; that is
  /// reported as an error and makes the night partial, while the stats/ files stand.
  static func runSinks(config: Config, client: HTTPClient, stages: Stages, environment: [String: String]) async -> Bool {
    guard let sink = config.sinks.clickhouse else { return true }
    var client = client
    client.deadline = Date().addingTimeInterval(Double(config.http.deadline))
    do {
      let entities = stages.store.exportEntities()
      guard !entities.isEmpty else { return true }
      _ = try await ClickHouseSink.load(sink, entities: entities, client: client, console: stages.console, environment: environment)
      return true
    } catch {
      stages.console.report(Diagnostic(.error, "sinks.clickhouse: \(error.description)"))
      return false
    }
  }
}
