/// One answer of `traffic/views` or `traffic/clones` (api-notes.md §1.1–1.2): GitHub's 14-day
/// totals (uniques de-duplicated across the window, so never a sum of days) and the daily items
/// it chose to list (days without traffic are left out).
public struct TrafficWindow: Equatable, Sendable {
  public enum Metric: String, CaseIterable, Sendable, Comparable {
    case clones, views
    public static func < (a: Metric, b: Metric) -> Bool { a.rawValue < b.rawValue }
  }

  public struct Count: Equatable, Sendable {
    public var count: Int64
    public var uniques: Int64
    public init(count: Int64, uniques: Int64) {
      self.count = count
      self.uniques = uniques
    }
    public static let zero = Count(count: 0, uniques: 0)
  }

  public var metric: Metric
  public var total: Count
  public var days: [Day: Count]

  public init(metric: Metric, total: Count, days: [Day: Count]) {
    self.metric = metric
    self.total = total
    self.days = days
  }

  /// True when GitHub showed nothing at all: the shape of its 2019 all-zero outage.
  public var isAllZero: Bool { total == .zero && days.values.allSatisfy { $0 == .zero } }

  public static func decode(_ body: String, metric: Metric, at path: String) throws(FormatError) -> TrafficWindow {
    let doc = try GitHub.parse(body, at: path)
    let r = JSONReader(path: path)
    let total = Count(count: try r.count(doc, "count"), uniques: try r.count(doc, "uniques"))
    var days: [Day: Count] = [:]
    for (i, item) in try r.array(doc, metric.rawValue).enumerated() {
      let at = "\(metric.rawValue)[\(i)]."
      let stamp = try r.timestamp(item, "timestamp", in: at)
      guard let day = Day(isoPrefix: stamp) else { continue }
      let value = Count(count: try r.count(item, "count", in: at), uniques: try r.count(item, "uniques", in: at))
      guard days.updateValue(value, forKey: day) == nil else {
        throw FormatError(path: path, problem: "`\(at)timestamp` repeats \(day)")
      }
    }
    return TrafficWindow(metric: metric, total: total, days: days)
  }
}

/// One item of `traffic/popular/referrers` or `traffic/popular/paths`: a 14-day rolling sum, not
/// a daily value. `title` is set for paths only.
public struct PopularItem: Equatable, Sendable {
  public enum Kind: String, Sendable, CaseIterable { case path, referrer }

  public var kind: Kind
  public var name: String
  public var title: String
  public var count: Int64
  public var uniques: Int64

  public init(kind: Kind, name: String, title: String = "", count: Int64, uniques: Int64) {
    self.kind = kind
    self.name = name
    self.title = title
    self.count = count
    self.uniques = uniques
  }

  public static func decode(_ body: String, kind: Kind, at path: String) throws(FormatError) -> [PopularItem] {
    let r = JSONReader(path: path)
    return try r.topArray(try GitHub.parse(body, at: path)).enumerated().map { (i, item) throws(FormatError) -> PopularItem in
      let at = "[\(i)]."
      return PopularItem(
        kind: kind, name: try r.string(item, kind == .path ? "path" : "referrer", in: at),
        title: kind == .path ? try r.string(item, "title", in: at) : "",
        count: try r.count(item, "count", in: at), uniques: try r.count(item, "uniques", in: at))
    }
  }
}
