extension Config {
  /// `sinks:`: where a night's series are copied after it is rendered.
  public struct Sinks: Equatable, Sendable {
    /// `sinks.clickhouse`: every series loaded into a ClickHouse table (`ClickHouseExport`).
    public var clickhouse: ClickHouseSink?

    public init() {}
  }

  /// A ClickHouse server Almanac writes to: its HTTP address, the user, the environment variable
  /// holding the password (never the password), the database and the table.
  public struct ClickHouseSink: Equatable, Sendable {
    public var endpoint: String
    public var user: String?
    public var passwordEnv: String?
    public var database = ClickHouseExport.defaultDatabase
    public var table = ClickHouseExport.defaultTable

    public init(endpoint: String) { self.endpoint = endpoint }
  }
}
