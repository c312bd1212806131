/// One observation in the tidy long schema every export shares (`schemas/export.row.schema.json`):
/// a day, where it came from (`source`, `entity`: a package, `owner/repo`, a site or project),
/// what was measured (`metric`), an optional breakdown (`dimension` and its `category`, null
/// for a total), the value (null when the source did not give it) and whether the source may
/// still revise it (`provisional`).
public struct ExportRow: Hashable, Sendable {
  public var date: Day
  public var source: String
  public var entity: String
  public var metric: String
  public var dimension: String
  public var category: String?
  public var value: Int64?
  public var provisional: Bool

  public init(
    date: Day, source: String, entity: String, metric: String, dimension: String = ExportRow.overall,
    category: String? = nil, value: Int64?, provisional: Bool = false
  ) {
    self.date = date
    self.source = source
    self.entity = entity
    self.metric = metric
    self.dimension = dimension
    self.category = category
    self.value = value
    self.provisional = provisional
  }

  /// The dimension of a total (no breakdown; `category` is null).
  public static let overall = "overall"
  public static let columns = ["date", "source", "entity", "metric", "dimension", "category", "value", "provisional"]

  /// The export order: source, entity, metric, dimension, category (null first), date; UTF-8
  /// byte order for text, so every format lists the rows the same way.
  public static func < (a: ExportRow, b: ExportRow) -> Bool {
    if a.source != b.source { return a.source.utf8.lexicographicallyPrecedes(b.source.utf8) }
    if a.entity != b.entity { return a.entity.utf8.lexicographicallyPrecedes(b.entity.utf8) }
    if a.metric != b.metric { return a.metric.utf8.lexicographicallyPrecedes(b.metric.utf8) }
    if a.dimension != b.dimension { return a.dimension.utf8.lexicographicallyPrecedes(b.dimension.utf8) }
    if a.category != b.category {
      guard let x = a.category else { return true }
      guard let y = b.category else { return false }
      return x.utf8.lexicographicallyPrecedes(y.utf8)
    }
    return a.date < b.date
  }
}

/// Which rows an export keeps: one source, and days from `since` to `until` (inclusive).
public struct ExportFilter: Equatable, Sendable {
  public var source: String?
  public var since: Day?
  public var until: Day?

  public init(source: String? = nil, since: Day? = nil, until: Day? = nil) {
    self.source = source
    self.since = since
    self.until = until
  }

  public func keeps(_ day: Day) -> Bool { (since.map { day >= $0 } ?? true) && (until.map { day <= $0 } ?? true) }
}
