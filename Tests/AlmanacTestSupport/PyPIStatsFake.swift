import AlmanacKit

/// pypistats.org's JSON API (`psf/pypistats.org` `views/api.py`, `views/error.py`), answered from
/// `PyPIStatsData` as a pure function of the request, with the real site's quirks:
///
/// - bodies are Flask's `jsonify`: compact, keys sorted, a trailing newline, `application/json`;
/// - rows ordered by category then date, by date alone when filtered; zero days have no row;
/// - an unknown package: `recent`/`overall` answer 404 with the body `404` (HTML), `python_major`,
///   `python_minor` and `system` answer 200 with `"data":[]`;
/// - `recent?period=` other than `day`, `week`, `month` → 404; `overall?mirrors=true|false`
///   filters, any other value is ignored; `version`/`os` filters are title-cased (`linux` →
///   `Linux`), so `os=other` matches nothing, as on the site;
/// - the package name in the path has `.` and `_` replaced by `-` (not lowercased), except
///   `__all__`;
/// - lenient query parsing, so the `pypistats` client's `?&period=day` works.
public struct PyPIStatsFake: Sendable {
  public var packages: [PyPIStatsData]
  /// The last date the site loaded (its "D"); `recent` counts `last_day` = D, `last_week` =
  /// date > D−7, `last_month` = date > D−30. Defaults to the latest date in any package's `days`.
  public var loadedThrough: String?

  public init(_ packages: [PyPIStatsData], loadedThrough: String? = nil) {
    self.packages = packages
    self.loadedThrough = loadedThrough
  }

  /// Every route lives under this path.
  public static let pathPrefix = "/api/packages/"
  /// Flask-Limiter's answer: `429` and this HTML, with no `Retry-After` or rate headers.
  public static let rateLimited = FakeResponse.html(
    429, #"<a href="/api/#etiquette">429 RATE LIMIT EXCEEDED</a>"#)
  /// The site's 404 page: the three characters `404`.
  public static let notFound = FakeResponse.html(404, "404")

  /// The answer pypistats.org would give to `request`.
  public func respond(to request: FakeRequest) -> FakeResponse {
    guard request.path.hasPrefix(Self.pathPrefix) else { return Self.notFound }
    let parts = request.path.dropFirst(Self.pathPrefix.count).split(
      separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty else { return Self.notFound }
    let name = Self.siteName(parts[0])
    let data = packages.first { $0.package == name } ?? PyPIStatsData(package: name, days: [])
    switch parts[1] {
    case "recent": return recent(data, period: request.query("period"))
    case "overall": return overall(data, mirrors: request.query("mirrors"))
    case "python_major":
      return series("python_major", name, data.pythonMajorRows, request.query("version"))
    case "python_minor":
      return series("python_minor", name, data.pythonMinorRows, request.query("version"))
    case "system": return series("system", name, data.systemRows, request.query("os"))
    default: return Self.notFound
    }
  }

  func recent(_ data: PyPIStatsData, period: String?) -> FakeResponse {
    let periods = ["day": 1, "week": 7, "month": 30]
    if let period, periods[period] == nil { return Self.notFound }
    let latest = loadedThrough ?? packages.flatMap { $0.days.map(\.date) }.max()
    guard let latest, let end = Day(latest) else { return Self.notFound }
    let rows = data.overallRows.filter { $0.category == "without_mirrors" }
    var found: [String: JSONValue] = [:]
    for (name, length) in periods where period == nil || period == name {
      let matching = rows.filter { row in
        guard let day = Day(row.date) else { return false }
        return length == 1 ? day == end : day > end.adding(days: -length)
      }
      if !matching.isEmpty {
        found["last_" + name] = .int(Int64(matching.reduce(0) { $0 + $1.downloads }))
      }
    }
    guard !found.isEmpty else { return Self.notFound }
    var body: [String: JSONValue] = [:]
    for (name, _) in periods where period == nil || period == name {
      body["last_" + name] = found["last_" + name] ?? 0
    }
    return Self.jsonify([
      "data": .object(body), "package": .string(data.package), "type": "recent_downloads",
    ])
  }

  func overall(_ data: PyPIStatsData, mirrors: String?) -> FakeResponse {
    var rows = data.overallRows
    switch mirrors {
    case "true": rows = Self.byDate(rows.filter { $0.category == "with_mirrors" })
    case "false": rows = Self.byDate(rows.filter { $0.category == "without_mirrors" })
    default: break
    }
    guard !rows.isEmpty else { return Self.notFound }
    return Self.jsonify([
      "data": Self.encode(rows), "package": .string(data.package), "type": "overall_downloads",
    ])
  }

  func series(_ kind: String, _ package: String, _ rows: [PyPIStatsData.Row], _ filter: String?)
    -> FakeResponse
  {
    let chosen =
      filter.map { value in Self.byDate(rows.filter { $0.category == Self.title(value) }) } ?? rows
    return Self.jsonify([
      "data": Self.encode(chosen), "package": .string(package),
      "type": .string(kind + "_downloads"),
    ])
  }

  /// The site's spelling of a package name from the path: `.` and `_` become `-` (no
  /// lowercasing), except for `__all__`.
  static func siteName(_ name: Substring) -> String {
    name == "__all__" ? String(name) : String(name.map { $0 == "." || $0 == "_" ? "-" : $0 })
  }
}
