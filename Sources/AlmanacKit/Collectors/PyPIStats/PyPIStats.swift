/// The pypistats.org API (pypi-notes.md §1): what to ask for, and how to read the answers.
///
/// Per package, four GET requests: `recent` (last day/week/month), `overall` (with and without
/// mirrors, 181 days), `python_minor` and `system`. Series are sparse: a day with no downloads in
/// a category has no row. `recent` and `overall` answer 404 for an unknown package; the others
/// answer 200 with `data: []`.
public enum PyPIStats {
  public static let source = "pypistats"
  /// Days pypistats.org keeps: every answer covers about this many days before today.
  public static let windowDays = 180
  public static let defaultBaseURL = "https://pypistats.org/api"
  /// pypistats.org allows 30 requests a minute per IP, shared by every job on a CI runner.
  public static let defaultRequestInterval = 2.5

  public struct Endpoint: Hashable, Sendable {
    public var name: String
    public var responseType: String
    public var notFoundMeansNoData: Bool
  }

  public static let endpoints: [Endpoint] = [
    Endpoint(name: "recent", responseType: "recent_downloads", notFoundMeansNoData: true),
    Endpoint(name: "overall", responseType: "overall_downloads", notFoundMeansNoData: true),
    Endpoint(name: "python_minor", responseType: "python_minor_downloads", notFoundMeansNoData: false),
    Endpoint(name: "system", responseType: "system_downloads", notFoundMeansNoData: false),
  ]

  /// Not asked by the night (its figures are python_minor's summed); read from imports, kept
  /// as records of its own dimension, never merged into the series.
  public static let pythonMajor = Endpoint(name: "python_major", responseType: "python_major_downloads", notFoundMeansNoData: false)

  public struct PlannedRequest: Hashable, Sendable {
    public var package: PackageName
    public var endpoint: Endpoint
    public var url: String
  }

  public static func plan(packages: [PackageName], baseURL: String) -> [PlannedRequest] {
    let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    return packages.flatMap { package in
      endpoints.map { PlannedRequest(package: package, endpoint: $0, url: "\(base)/packages/\(package.normalized)/\($0.name)") }
    }
  }

  /// Turns one raw snapshot into canonical records. Problems with one response become
  /// diagnostics (that endpoint is skipped); the rest of the snapshot is still read.
  public static func normalize(_ raw: RawSnapshot, path: String) -> (RecordSet, [Diagnostic]) {
    var records: [DownloadRecord] = []
    var diagnostics: [Diagnostic] = []
    for exchange in raw.exchanges {
      guard let endpoint = (endpoints + [pythonMajor]).first(where: { $0.name == exchange.endpoint }) else {
        diagnostics.append(Diagnostic(.warning, "unknown pypistats endpoint `\(exchange.endpoint)` skipped", at: path))
        continue
      }
      let where_ = "\(path) (\(exchange.endpoint) for \(exchange.target))"
      if exchange.status == 404, endpoint.notFoundMeansNoData {
        diagnostics.append(Diagnostic(
          .warning,
          "pypistats.org has no downloads for `\(exchange.target)` (404 from \(exchange.endpoint)); check the package name",
          at: path))
        continue
      }
      guard exchange.status == 200 else {
        diagnostics.append(Diagnostic(.warning, "HTTP \(exchange.status) recorded, no data taken", at: where_))
        continue
      }
      do {
        records += try decode(exchange, endpoint: endpoint, snapshot: raw.date)
      } catch {
        diagnostics.append(Diagnostic(.error, error.message, at: where_))
      }
    }
    let set = RecordSet(snapshot: raw.date, records: records)
    // A day inside the window that no answer shows is pypistats.org's outage: unknown, not zero.
    let outages = SeriesMerge.outageDays(set)
    if !outages.isEmpty {
      diagnostics.append(Diagnostic(
        .note, "\(outages.map(\.description).joined(separator: ", ")) absent from every answer (an outage at pypistats.org); recorded as unknown, not as zero downloads",
        at: path))
    }
    // What fetch could not get is missing from the records too; say so here as well, so a replay
    // (`normalize --all`) explains its gaps without the fetch log.
    for failure in raw.failures {
      diagnostics.append(Diagnostic(
        .warning, "fetch failed: \(failure.message); no data for it in this snapshot",
        at: "\(path) (\(failure.endpoint) for \(failure.target))"))
    }
    return (set, diagnostics)
  }

  /// Why a body is not the endpoint's answer, in words.
  public struct DecodeFailure: Error, Sendable { public var message: String }

  /// Checks a 200 body with the same decoder normalize uses, before the fetch keeps it: HTML,
  /// `{"error": …}`, an empty or truncated body, or `data: null` is not an answer.
  public static func check(_ body: String, endpoint: Endpoint, package: String, snapshot: Day) throws(DecodeFailure) {
    let exchange = RawSnapshot.Exchange(target: package, endpoint: endpoint.name, url: "", status: 200, contentType: "", body: body)
    _ = try decode(exchange, endpoint: endpoint, snapshot: snapshot)
  }

  static func decode(_ exchange: RawSnapshot.Exchange, endpoint: Endpoint, snapshot: Day) throws(DecodeFailure) -> [DownloadRecord] {
    let doc: JSONValue
    do {
      doc = try JSONParser.parse(exchange.body)
    } catch {
      throw DecodeFailure(message: "the body is not JSON (\(error.message)); pypistats.org may have answered with an error page")
    }
    return try decode(doc, of: exchange, endpoint: endpoint, snapshot: snapshot)
  }

  /// `decode` of a body already parsed (the importer parses each answer once to learn its
  /// package and endpoint).
  static func decode(_ doc: JSONValue, of exchange: RawSnapshot.Exchange, endpoint: Endpoint, snapshot: Day) throws(DecodeFailure) -> [DownloadRecord] {
    guard doc["type"]?.stringValue == endpoint.responseType else {
      // The value itself, not its kind: "found a string" would not say which answer came back.
      throw DecodeFailure(message: "expected `\"type\": \"\(endpoint.responseType)\"`, found \(doc["type"].map { CanonicalJSON.encodeCompact($0) } ?? "no type")")
    }
    let package = exchange.target
    if endpoint.name == "recent" {
      guard let data = doc["data"]?.objectValue else { throw DecodeFailure(message: "`data` is not an object") }
      return try data.keys.sorted().map { (key) throws(DecodeFailure) -> DownloadRecord in
        guard let n = data[key]?.int64Value, n >= 0 else { throw DecodeFailure(message: "`data.\(key)` is not a count") }
        return DownloadRecord(date: snapshot, package: package, source: source, dimension: Dimension.recent, category: key, downloads: n)
      }
    }
    guard let rows = doc["data"]?.arrayValue else { throw DecodeFailure(message: "`data` is not an array") }
    var out: [DownloadRecord] = []
    out.reserveCapacity(rows.count)
    var seen = Set<DownloadRecord.Key>()
    for (i, row) in rows.enumerated() {
      guard let category = row["category"]?.stringValue else {
        throw DecodeFailure(message: "`data[\(i)].category` is not a string")
      }
      guard let dateText = row["date"]?.stringValue, let date = Day(dateText) else {
        throw DecodeFailure(message: "`data[\(i)].date` is not a date YYYY-MM-DD")
      }
      guard let downloads = row["downloads"]?.int64Value, downloads >= 0 else {
        throw DecodeFailure(message: "`data[\(i)].downloads` is not a non-negative integer")
      }
      let record = DownloadRecord(
        date: date, package: package, source: source, dimension: endpoint.name, category: Category.stored(category), downloads: downloads)
      guard seen.insert(record.key).inserted else {
        throw DecodeFailure(message: "`data[\(i)]` repeats \(category) on \(date)")
      }
      out.append(record)
    }
    return out
  }
}
