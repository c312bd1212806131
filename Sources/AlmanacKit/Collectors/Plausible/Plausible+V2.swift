/// Plausible's Stats API v2 (`POST /api/v2/query`, api-notes §4.3) asked for the same figures as
/// v1, and its answers read into the same `Day` and `BreakdownRow` values, so a v2 night writes
/// the same records and series as a v1 night.
///
/// A v2 answer is read from its own `query` echo: `results[].metrics` is positional in the order
/// of `query.metrics`, and the day range is `query.date_range`. Empty time buckets are omitted by
/// v2, so every day of the echoed range that no row names is a day without visits (v1 sends it
/// as zeros). The raw snapshot keeps the answer only (a v2 URL is the same for every query), and
/// the echo makes it self-describing, so records rebuild from raw alone.
extension Plausible {
  public enum API: String, CaseIterable, Sendable {
    case v1, v2
  }

  /// The path every v2 query is posted to.
  public static let queryPath = "/api/v2/query"

  /// A request of either API: v1 is a GET with everything in the URL, v2 a POST of a JSON query.
  public struct Request: Equatable, Sendable {
    public var url: String
    public var body: String?
  }

  /// The API a stored answer came from: its URL names it.
  public static func api(ofURL url: String) -> API {
    url.split(separator: "?", maxSplits: 1).first.map { $0.hasSuffix(queryPath) } == true ? .v2 : .v1
  }

  public static func timeseriesRequest(_ api: API, base: String, site: String, from: AlmanacKit.Day, through: AlmanacKit.Day) -> Request {
    guard api == .v2 else { return Request(url: timeseriesURL(base: base, site: site, from: from, through: through)) }
    return query(base, [
      "site_id": .string(site), "metrics": .array(dayMetrics.map { .string($0) }),
      "date_range": .array([.string(from.description), .string(through.description)]), "dimensions": .array([.string("time:day")]),
    ])
  }

  public static func breakdownRequest(_ api: API, base: String, site: String, kind: Breakdown, day: AlmanacKit.Day, limit: Int, page: Int) -> Request {
    guard api == .v2 else { return Request(url: breakdownURL(base: base, site: site, kind: kind, day: day, limit: limit, page: page)) }
    return query(base, [
      "site_id": .string(site), "metrics": .array(kind.metrics.split(separator: ",").map { .string(String($0)) }),
      "date_range": .array([.string(day.description), .string(day.description)]), "dimensions": .array([.string(kind.property)]),
      "order_by": .array([.array([.string("visitors"), .string("desc")]), .array([.string(kind.property), .string("asc")])]),
      "pagination": .object(["limit": .int(Int64(limit)), "offset": .int(Int64((page - 1) * limit))]),
    ])
  }

  static func query(_ base: String, _ fields: [String: JSONValue]) -> Request {
    Request(url: trimmed(base) + queryPath, body: CanonicalJSON.encodeCompact(.object(fields)))
  }

  public static func decodeTimeseries(_ body: String, api: API) throws(Failure) -> [Day] {
    guard api == .v2 else { return try decodeTimeseries(body) }
    let answer = try v2Answer(body, dimension: "time:day")
    let range = try v2DateRange(answer.query)
    var byDay: [AlmanacKit.Day: [String: Double]] = [:]
    for (i, row) in answer.rows.enumerated() {
      guard let day = AlmanacKit.Day(String(row.dimension.prefix(10))), range.contains(day) else {
        throw Failure(message: "results[\(i)].dimensions[0]: expected a day from \(range.lowerBound) to \(range.upperBound), found `\(row.dimension.prefix(40))`")
      }
      guard byDay.updateValue(row.metrics, forKey: day) == nil else { throw Failure(message: "results[\(i)]: \(day) is answered twice") }
    }
    for name in dayMetrics where !answer.metrics.contains(name) {
      throw Failure(message: "query.metrics: `\(name)` was not answered (the answer holds \(answer.metrics.joined(separator: ", ")))")
    }
    return try range.days.map { (d) throws(Failure) -> Day in
      let m = byDay[d] ?? [:]
      func count(_ key: String) throws(Failure) -> Int64 {
        let v = m[key] ?? 0
        guard v >= 0, v == v.rounded(), v < 9.0e15 else { throw Failure(message: "\(d) \(key): expected a whole count, found \(v)") }
        return Int64(v)
      }
      return Day(
        date: d, visitors: try count("visitors"), visits: try count("visits"), pageviews: try count("pageviews"),
        visitDuration: m["visit_duration"] ?? 0, bounceRate: m["bounce_rate"] ?? 0)
    }
  }

  /// A breakdown page of either API; `kind` names the v1 key and the v2 dimension.
  public static func decodeBreakdown(_ body: String, kind: Breakdown, api: API) throws(Failure) -> [BreakdownRow] {
    guard api == .v2 else { return try decodeBreakdown(body, key: kind.key) }
    return try v2Answer(body, dimension: kind.property).rows.map { BreakdownRow(value: $0.dimension, metrics: $0.metrics) }
  }

  struct V2Answer {
    var query: [String: JSONValue]
    var metrics: [String]
    var rows: [(dimension: String, metrics: [String: Double])]
  }

  /// The rows of a v2 answer grouped by one dimension, each row's metrics named from the echo.
  static func v2Answer(_ body: String, dimension: String) throws(Failure) -> V2Answer {
    let rows = try results(body)
    guard let query = (try? JSONParser.parse(body))?["query"]?.objectValue else {
      throw Failure(message: "expected the `query` echo beside `results` (a Stats API v2 answer); is `api: v2` right for this server?")
    }
    guard let names = query["metrics"]?.arrayValue?.compactMap(\.stringValue), names.count == query["metrics"]?.arrayValue?.count, !names.isEmpty else {
      throw Failure(message: "query.metrics: expected a list of metric names, found \(query["metrics"].map(describe) ?? "nothing")")
    }
    guard query["dimensions"]?.arrayValue?.map(\.stringValue) == [dimension] else {
      throw Failure(message: "query.dimensions: expected [\"\(dimension)\"], found \(query["dimensions"].map { CanonicalJSON.encodeCompact($0).prefix(80) } ?? "nothing")")
    }
    let out = try rows.enumerated().map { (i, row) throws(Failure) -> (dimension: String, metrics: [String: Double]) in
      guard let dims = row["dimensions"]?.arrayValue, dims.count == 1, let value = dims[0].stringValue else {
        throw Failure(message: "results[\(i)].dimensions: expected one string, found \(row["dimensions"].map(describe) ?? "nothing")")
      }
      guard let values = row["metrics"]?.arrayValue, values.count == names.count else {
        throw Failure(message: "results[\(i)].metrics: expected \(names.count) values in the order of query.metrics, found \(row["metrics"]?.arrayValue.map { "\($0.count)" } ?? "nothing")")
      }
      var metrics: [String: Double] = [:]
      for (name, v) in zip(names, values) {
        switch v {
        case .int(let n): metrics[name] = Double(n)
        case .double(let d): metrics[name] = d
        case .null: metrics[name] = 0
        default: throw Failure(message: "results[\(i)].metrics (\(name)): expected a number, found \(describe(v))")
        }
      }
      return (value, metrics)
    }
    return V2Answer(query: query, metrics: names, rows: out)
  }

  /// `query.date_range` as echoed (`["2024-09-04T00:00:00+00:00", "2024-09-10T23:59:59+00:00"]`
  /// or plain dates), as whole days; at most ten years.
  static func v2DateRange(_ query: [String: JSONValue]) throws(Failure) -> ClosedRange<AlmanacKit.Day> {
    let ends = query["date_range"]?.arrayValue?.compactMap { $0.stringValue.flatMap { AlmanacKit.Day(String($0.prefix(10))) } } ?? []
    guard ends.count == 2, query["date_range"]?.arrayValue?.count == 2, ends[0] <= ends[1], ends[1] - ends[0] < 3660 else {
      throw Failure(message: "query.date_range: expected two dates, first to last, found \(query["date_range"].map { CanonicalJSON.encodeCompact($0).prefix(80) } ?? "nothing")")
    }
    return ends[0]...ends[1]
  }
}
