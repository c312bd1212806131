/// The `pypi` source: PyPI's download log in ClickHouse (the public ClickPy data set, or your
/// own copy), pypi-notes.md §2. Every query is filtered on `project` (the tables' first sorting
/// key, so the public user's read budget is never hit) and always `sum(count) … GROUP BY`,
/// because the SummingMergeTree roll-ups hold several rows per key until they merge.
public enum PyPIClickHouse {
  public static let source = "pypi"
  public static let defaultEndpoint = "https://sql-clickhouse.clickhouse.com"
  public static let defaultUser = "demo"
  public static let defaultDatabase = "pypi"
  public static let defaultReferenceProject = "requests"

  /// The queries, by the name a raw snapshot's exchange carries as its `endpoint`.
  public enum Endpoint: String, CaseIterable, Sendable {
    /// Downloads per day, every installer (pypistats' `with_mirrors`).
    case perDay = "per_day"
    /// Per day × version × installer × type × country (→ `DetailedRecordSet`).
    case detail
    case pythonMinor = "python_minor"
    case system
    /// All-time downloads.
    case total
    /// The reference project's newest day and its downloads (the freshness gate).
    case freshness
  }

  public struct Query: Equatable, Sendable, ClickHouseQuery {
    public var endpoint: Endpoint
    /// The package (or, for `freshness`, the reference project).
    public var target: String
    /// `database.table`, as in the SQL's FROM.
    public var table: String
    public var sql: String
    /// In words, for progress lines and error messages.
    public var purpose: String

    public var endpointName: String { endpoint.rawValue }

    public var loses: String {
      switch endpoint {
      case .perDay: "daily downloads"
      case .detail: "downloads by version, installer, type and country (and the installer classes)"
      case .pythonMinor: "downloads by Python version"
      case .system: "downloads by operating system"
      case .total: "the all-time total"
      case .freshness: "the freshness check, so the whole source"
      }
    }

    /// The columns each answer row must carry (`total` is exactly one row).
    public var shape: ClickHouseShape {
      switch endpoint {
      case .perDay: ClickHouseShape(["date", "downloads"])
      case .detail: ClickHouseShape(["date", "v", "i", "t", "c", "downloads"])
      case .pythonMinor: ClickHouseShape(["date", "python_minor", "downloads"])
      case .system: ClickHouseShape(["date", "system", "downloads"])
      case .total: ClickHouseShape(["downloads"], oneRow: true)
      case .freshness: ClickHouseShape(["date", "downloads"])
      }
    }
  }

  /// The queries for one package over `days`: per day, detail, python minor and system.
  public static func queries(_ package: PackageName, days: ClosedRange<Day>, database: String = defaultDatabase) -> [Query] {
    let p = ClickHouseSQL.literal(package.normalized)
    let range = "date >= \(ClickHouseSQL.literal(days.lowerBound)) AND date <= \(ClickHouseSQL.literal(days.upperBound))"
    let span = days.lowerBound == days.upperBound ? "\(days.lowerBound)" : "\(days.lowerBound)…\(days.upperBound)"
    func q(_ e: Endpoint, _ table: String, _ columns: String, _ group: String) -> Query {
      Query(
        endpoint: e, target: package.normalized, table: "\(database).\(table)",
        sql: "SELECT \(columns), sum(count) AS downloads FROM \(database).\(table) WHERE project = \(p) AND \(range) GROUP BY \(group) ORDER BY \(group)",
        purpose: "pypi \(e.rawValue) for \(package) \(span)")
    }
    return [
      q(.perDay, "pypi_downloads_per_day", "date", "date"),
      // Short names keep the raw snapshot small: this answer is most of its bytes.
      q(.detail, "pypi_downloads_per_day_by_version_by_installer_by_type_by_country",
        "date, version AS v, installer AS i, type AS t, country_code AS c", "date, v, i, t, c"),
      q(.pythonMinor, "pypi_downloads_per_day_by_version_by_python", "date, python_minor", "date, python_minor"),
      q(.system, "pypi_downloads_per_day_by_version_by_system", "date, system", "date, system"),
    ]
  }

  public static func totalQuery(_ package: PackageName, database: String = defaultDatabase) -> Query {
    Query(
      endpoint: .total, target: package.normalized, table: "\(database).pypi_downloads",
      sql: "SELECT sum(count) AS downloads FROM \(database).pypi_downloads WHERE project = \(ClickHouseSQL.literal(package.normalized))",
      purpose: "pypi all-time total for \(package)")
  }

  /// The reference project's newest day within `searchDays` before `asOf`, and its downloads.
  public static func freshnessQuery(_ reference: PackageName, asOf: Day, searchDays: Int = 60, database: String = defaultDatabase) -> Query {
    Query(
      endpoint: .freshness, target: reference.normalized, table: "\(database).pypi_downloads_per_day",
      sql: "SELECT date, sum(count) AS downloads FROM \(database).pypi_downloads_per_day WHERE project = \(ClickHouseSQL.literal(reference.normalized)) AND date >= \(ClickHouseSQL.literal(asOf.adding(days: -searchDays))) AND date <= \(ClickHouseSQL.literal(asOf)) GROUP BY date ORDER BY date DESC LIMIT 1",
      purpose: "pypi freshness check on \(reference)")
  }

  // MARK: which days to ask for

  /// The days a night asks for: the days after the newest it holds plus a trailing window
  /// (the data set stalls and rewrites past days), or the last `lookbackDays` when backfilling.
  /// Never past `sourceNewest`. Nil when there is nothing to ask.
  public static func window(sourceNewest: Day, newestHeld: Day?, trailingDays: Int, lookbackDays: Int?) -> ClosedRange<Day>? {
    let until = sourceNewest
    var since = until.adding(days: -(max(1, trailingDays) - 1))
    if let lookbackDays { since = min(since, until.adding(days: -(max(1, lookbackDays) - 1))) }
    if let newestHeld, newestHeld < since { since = newestHeld.adding(days: 1) }
    return since <= until ? since...until : nil
  }

  /// `days` cut at calendar-month boundaries: one query per month keeps each answer bounded.
  public static func monthChunks(_ days: ClosedRange<Day>) -> [ClosedRange<Day>] {
    var chunks: [ClosedRange<Day>] = []
    var start = days.lowerBound
    while start <= days.upperBound {
      let (y, m, _) = start.components
      let nextMonth = Day(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1) ?? days.upperBound.adding(days: 1)
      let end = min(days.upperBound, nextMonth.adding(days: -1))
      chunks.append(start...end)
      start = end.adding(days: 1)
    }
    return chunks
  }
}
