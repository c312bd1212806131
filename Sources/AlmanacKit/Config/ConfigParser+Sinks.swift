import Yams

extension ConfigParser {
  /// `sinks:`, holding `clickhouse:` with `endpoint` (required), `user`, `password_env`,
  /// `database` and `table`.
  static func sinks(_ node: Node, _ c: Cursor) throws(ConfigError) -> Config.Sinks {
    let m = try c.mapping(node, "sinks", allowed: ["clickhouse"])
    var sinks = Config.Sinks()
    if let n = m["clickhouse"] {
      let p = "sinks.clickhouse"
      let cm = try c.mapping(n, p, allowed: clickhouseKeys.union(["table"]))
      guard let e = cm["endpoint"] else {
        throw c.error(n, "\(p).endpoint", "is required: the server's HTTP address, like http://clickhouse.internal:8123")
      }
      var endpoint = Config.ClickHouseEndpoint(database: ClickHouseExport.defaultDatabase)
      endpoint.user = nil
      try clickhouse(cm, p, c, into: &endpoint)
      var sink = Config.ClickHouseSink(endpoint: try c.url(e, "\(p).endpoint"))
      sink.user = endpoint.user
      sink.passwordEnv = endpoint.passwordEnv
      sink.database = endpoint.database
      if let t = cm["table"] {
        let table = try c.string(t, "\(p).table")
        guard ClickHouseExport.isIdentifier(table) else {
          throw c.error(t, "\(p).table", "expected a table name (letters, digits, `_`, not starting with a digit), found `\(table)`")
        }
        sink.table = table
      }
      sinks.clickhouse = sink
    }
    return sinks
  }
}
