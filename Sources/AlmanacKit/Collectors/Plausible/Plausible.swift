/// Plausible's Stats API v1 answers (api-notes §4.1, §4.2), decoded strictly: a body that does
/// not have the documented shape is a failure naming what was wrong, never an empty success,
/// so a bad 200 cannot replace an earlier good answer.
public enum Plausible {
  public static let source = "plausible"
  public static let defaultBaseURL = "https://plausible.io"
  /// The key's default budget; Plausible sends no rate headers and no `Retry-After`.
  public static let requestsPerHour = 600

  /// One day of the site's figures (`/api/v1/stats/timeseries?interval=day`).
  public struct Day: Equatable, Sendable {
    public var date: AlmanacKit.Day
    public var visitors: Int64
    public var visits: Int64
    public var pageviews: Int64
    /// Seconds; not additive (a month is weighted by visits).
    public var visitDuration: Double
    /// Percent; not additive (a month is weighted by visits).
    public var bounceRate: Double
  }

  /// One row of a breakdown (`page` for `event:page`, `country` for `visit:country`).
  public struct BreakdownRow: Equatable, Sendable {
    public var value: String
    public var metrics: [String: Double]
  }

  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  public static let dayMetrics = ["visitors", "visits", "pageviews", "visit_duration", "bounce_rate"]

  public static func decodeTimeseries(_ body: String) throws(Failure) -> [Day] {
    let rows = try results(body)
    return try rows.enumerated().map { (i, row) throws(Failure) -> Day in
      guard let text = row["date"]?.stringValue, let date = AlmanacKit.Day(text) else {
        throw Failure(message: "results[\(i)].date: expected a date YYYY-MM-DD, found \(row["date"].map(describe) ?? "nothing")")
      }
      func number(_ key: String) throws(Failure) -> Double {
        switch row[key] {
        case .int(let v)?: return Double(v)
        case .double(let v)?: return v
        // Plausible answers null for a day without visits' duration or bounce rate.
        case .null?: return 0
        case let other: throw Failure(message: "results[\(i)].\(key): expected a number, found \(other.map(describe) ?? "nothing")")
        }
      }
      func count(_ key: String) throws(Failure) -> Int64 {
        let v = try number(key)
        guard v >= 0, v == v.rounded(), v < 9.0e15 else { throw Failure(message: "results[\(i)].\(key): expected a whole count, found \(v)") }
        return Int64(v)
      }
      return Day(
        date: date, visitors: try count("visitors"), visits: try count("visits"), pageviews: try count("pageviews"),
        visitDuration: try number("visit_duration"), bounceRate: try number("bounce_rate"))
    }
  }

  /// A breakdown page; `key` is the property without its prefix (`page`, `country`).
  public static func decodeBreakdown(_ body: String, key: String) throws(Failure) -> [BreakdownRow] {
    try results(body).enumerated().map { (i, row) throws(Failure) -> BreakdownRow in
      guard let value = row[key]?.stringValue else {
        throw Failure(message: "results[\(i)].\(key): expected a string, found \(row[key].map(describe) ?? "nothing")")
      }
      var metrics: [String: Double] = [:]
      for (name, v) in row.objectValue ?? [:] where name != key {
        switch v {
        case .int(let n): metrics[name] = Double(n)
        case .double(let d): metrics[name] = d
        case .null: metrics[name] = 0
        default: throw Failure(message: "results[\(i)].\(name): expected a number, found \(describe(v))")
        }
      }
      return BreakdownRow(value: value, metrics: metrics)
    }
  }

  /// What an error answer means and what to do, from its `{"error": "…"}` body (§4.2).
  public static func explain(status: Int, body: String) -> String {
    let text = (try? JSONParser.parse(body))?["error"]?.stringValue
    guard let text else {
      return "HTTP \(status) without Plausible's error body (a proxy or an outage answered); the night will retry"
    }
    let what: String
    switch status {
    case 401 where text.hasPrefix("Missing API key"):
      what = "no API key was sent: set the variable sources.plausible.key_env names"
    case 401:
      what = "the API key is wrong or has no access to this site: check sources.plausible.sites and the key's site access"
    case 402:
      what = "the account or site has no Stats API access (plan or subscription); nothing can be fetched until the owner fixes it"
    case 429:
      what = "the key's hourly limit (\(requestsPerHour) requests) is used up; the night waits or ends partial"
    case 400:
      what = "Plausible refused the query; this is a bug in Almanac's request or an unsupported self-hosted version"
    default:
      what = "Plausible answered HTTP \(status)"
    }
    return "\(what) (Plausible said: \(text))"
  }

  static func results(_ body: String) throws(Failure) -> [JSONValue] {
    let json: JSONValue
    do { json = try JSONParser.parse(body) } catch { throw Failure(message: "the body is not JSON (\(error)); Plausible or a proxy answered with something else") }
    if let error = json["error"]?.stringValue { throw Failure(message: "the answer is an error: \(error)") }
    guard let rows = json["results"]?.arrayValue else {
      throw Failure(message: "expected an object with a `results` list, found \(json["results"].map(describe) ?? describe(json))")
    }
    for (i, row) in rows.enumerated() where row.objectValue == nil {
      throw Failure(message: "results[\(i)]: expected an object, found \(describe(row))")
    }
    return rows
  }

  static func describe(_ v: JSONValue) -> String { v.kindName }
}
