import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac export --to clickhouse` and the server flags; each flag overrides the same key of
/// `sinks.clickhouse` in almanac.yml.
public struct ClickHouseSinkOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Load into a database instead of writing a file: `clickhouse`.", valueName: "sink"))
  var to: String?

  @Option(help: ArgumentHelp("The ClickHouse server's HTTP address (sinks.clickhouse.endpoint).", valueName: "url"))
  var url: String?

  @Option(help: ArgumentHelp("The database, created if missing (default: almanac).", valueName: "name"))
  var database: String?

  @Option(help: ArgumentHelp("The table, created if missing (default: series).", valueName: "name"))
  var table: String?

  @Option(help: ArgumentHelp("The ClickHouse user (default: the server's default user).", valueName: "name"))
  var user: String?

  @Option(name: .customLong("password-env"), help: ArgumentHelp("The environment variable holding the user's password.", valueName: "variable"))
  var passwordEnv: String?

  public init() {}

  public func validate() throws {
    if let to, to != "clickhouse" { throw ValidationError("--to \(to): the one destination is `clickhouse`; for a file use --format and -o.") }
    let given = [(url, "--url"), (database, "--database"), (table, "--table"), (user, "--user"), (passwordEnv, "--password-env")]
      .filter { $0.0 != nil }.map(\.1)
    if to == nil, let first = given.first { throw ValidationError("\(first) belongs to --to clickhouse; add --to clickhouse, or leave it out for a file export.") }
    if let url, !Self.isServerURL(url) {
      throw ValidationError("--url \(url): expected the server's HTTP address, like http://localhost:8123 (http or https, a host, no user or password in it).")
    }
    for (name, flag) in [(database, "--database"), (table, "--table")] {
      if let name, !ClickHouseExport.isIdentifier(name) {
        throw ValidationError("\(flag) \(name): expected a name of letters, digits and `_`, not starting with a digit.")
      }
    }
    if let passwordEnv, !ClickHouseExport.isIdentifier(passwordEnv) {
      throw ValidationError("--password-env \(passwordEnv): expected the name of an environment variable (like ALMANAC_CLICKHOUSE_PASSWORD), not a password.")
    }
  }

  static func isServerURL(_ text: String) -> Bool {
    guard let c = URLComponents(string: text), let scheme = c.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = c.host, !host.isEmpty, c.user == nil, c.password == nil, c.query == nil
    else { return false }
    return true
  }

  /// The sink the flags and the configuration describe together; flags win.
  func sink(config: Config?) throws(AlmanacError) -> Config.ClickHouseSink {
    guard let endpoint = url ?? config?.sinks.clickhouse?.endpoint else {
      throw .usage("--to clickhouse needs a server: give --url http://HOST:8123, or add `sinks: {clickhouse: {endpoint: …}}` to almanac.yml (see docs/scale.md).")
    }
    var sink = config?.sinks.clickhouse ?? Config.ClickHouseSink(endpoint: endpoint)
    sink.endpoint = endpoint
    if let user { sink.user = user }
    if let passwordEnv { sink.passwordEnv = passwordEnv }
    if let database { sink.database = database }
    if let table { sink.table = table }
    return sink
  }

  func load(config: Config?, stages: Stages, source: String?) async throws(AlmanacError) {
    let sink = try sink(config: config)
    let http = config?.http ?? Config.HTTP()
    var client = HTTPClient(
      transport: .live(), policy: RetryPolicy(attempts: http.attempts, maxWait: Double(http.maxRetryWait)), timeout: http.timeout,
      userAgent: HTTPClient.defaultUserAgent(contact: http.contact))
    client.deadline = Date().addingTimeInterval(Double(http.deadline))
    let entities = stages.store.exportEntities(source: source)
    if entities.isEmpty {
      stages.console.report(Diagnostic(.warning, "no series to load yet; run `almanac aggregate` (or `almanac run`) first", at: stages.store.root))
      return
    }
    _ = try await ClickHouseSink.load(
      sink, entities: entities, client: client, console: stages.console, environment: ProcessInfo.processInfo.environment)
  }
}
