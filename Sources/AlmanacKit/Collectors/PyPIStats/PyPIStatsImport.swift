/// Stored pypistats.org answers (one JSON file per endpoint, package and day, as git-scraping
/// repositories and the `pypistats` client's cache keep them) turned into the raw snapshots a
/// night would have written, so normalize, the merge and `aggregate --rebuild` treat them
/// exactly as live answers (issue 9, point 17).
///
/// Each answer names its endpoint (`type`) and package (`package`) itself; its day comes from
/// the file name or from the commit that wrote it. An answer that does not decode, or whose
/// rows reach past its day (a name that dates the data, not the fetch), is skipped and said so.
/// A day that already has a raw snapshot keeps every answer it holds; an imported answer only
/// fills an endpoint it lacks (and clears that endpoint's failure), so importing twice changes
/// nothing.
public enum PyPIStatsImport {
  /// One stored answer: where it came from (for messages), its day, its text.
  public struct Answer: Sendable {
    public var origin: String
    public var date: Day
    public var body: String
    public init(origin: String, date: Day, body: String) {
      self.origin = origin
      self.date = date
      self.body = body
    }
  }

  /// The endpoints an imported answer may be: the nightly's four and `python_major`, which the
  /// night does not ask for (its figures are the sums of python_minor's) but which is kept.
  public static let endpoints = PyPIStats.endpoints + [PyPIStats.pythonMajor]

  public struct Report: Equatable, Sendable {
    public var answers = 0
    public var days = 0
    public var added = 0
    public var skipped: [String] = []
    public init() {}
  }

  /// The first `YYYY-MM-DD` in a file's path, looking at the file name first, then at the
  /// directories from the innermost out.
  public static func date(inPath path: String) -> Day? {
    for part in path.split(separator: "/").reversed() {
      let u = Array(part.utf8)
      guard u.count >= 10 else { continue }
      for i in 0...(u.count - 10) where u[i + 4] == UInt8(ascii: "-") && u[i + 7] == UInt8(ascii: "-") {
        if let d = Day(String(decoding: u[i..<(i + 10)], as: UTF8.self)) { return d }
      }
    }
    return nil
  }

  /// Reads one answer: its package, endpoint and the exchange a fetch would have stored.
  public static func exchange(_ answer: Answer, baseURL: String = PyPIStats.defaultBaseURL) -> Result<RawSnapshot.Exchange, ImportFailure> {
    let doc: JSONValue
    do { doc = try JSONParser.parse(answer.body) } catch {
      return .failure(ImportFailure(origin: answer.origin, problem: "is not JSON (\(error.message)); a scraper stored an error page?"))
    }
    guard let type = doc["type"]?.stringValue, let endpoint = endpoints.first(where: { $0.responseType == type }) else {
      return .failure(ImportFailure(origin: answer.origin, problem: "is not a pypistats.org answer (no known `type`, found \(doc["type"].map { CanonicalJSON.encodeCompact($0) } ?? "none"))"))
    }
    guard let name = doc["package"]?.stringValue, let package = PackageName(name) else {
      return .failure(ImportFailure(origin: answer.origin, problem: "names no valid `package`"))
    }
    let exchange = RawSnapshot.Exchange(
      target: package.normalized, endpoint: endpoint.name, url: "\(baseURL)/packages/\(package.normalized)/\(endpoint.name)",
      status: 200, contentType: "application/json", body: answer.body)
    let rows: [DownloadRecord]
    do { rows = try PyPIStats.decode(doc, of: exchange, endpoint: endpoint, snapshot: answer.date) } catch {
      return .failure(ImportFailure(origin: answer.origin, problem: error.message))
    }
    if let newest = rows.map(\.date).max(), newest > answer.date {
      return .failure(ImportFailure(
        origin: answer.origin,
        problem: "has rows up to \(newest), after its day \(answer.date): the date should be the day the answer was fetched (name the file so, or use --date-from-git)"))
    }
    return .success(exchange)
  }

  /// Groups answers by day into snapshots, each merged over the stored one (`stored(day)`).
  /// Returns only the snapshots that changed, oldest first.
  public static func snapshots(
    _ answers: [Answer], stored: (Day) throws -> RawSnapshot?, report: inout Report
  ) rethrows -> [RawSnapshot] {
    var byDay: [Day: [(String, RawSnapshot.Exchange)]] = [:]
    for answer in answers {
      switch exchange(answer) {
      case .success(let e): byDay[answer.date, default: []].append((answer.origin, e))
      case .failure(let f): report.skipped.append(f.description)
      }
    }
    report.answers = byDay.values.reduce(0) { $0 + $1.count }
    report.days = byDay.count
    var out: [RawSnapshot] = []
    for day in byDay.keys.sorted() {
      let old = try stored(day)
      var snapshot = old ?? RawSnapshot(source: PyPIStats.source, date: day)
      let before = report.added
      // Two files of one day for the same endpoint: the first by path is taken, the other said.
      for (origin, e) in (byDay[day] ?? []).sorted(by: { $0.0 < $1.0 }) {
        if snapshot.exchanges.contains(where: { $0.target == e.target && $0.endpoint == e.endpoint }) {
          if old?.exchanges.contains(where: { $0.target == e.target && $0.endpoint == e.endpoint && $0.body == e.body }) != true,
            !snapshot.exchanges.contains(where: { $0.target == e.target && $0.endpoint == e.endpoint && $0.body == e.body })
          {
            report.skipped.append("\(origin): \(day) already has an answer of \(e.endpoint) for \(e.target); the stored one is kept")
          }
          continue
        }
        snapshot.exchanges.append(e)
        snapshot.failures.removeAll { $0.target == e.target && $0.endpoint == e.endpoint }
        report.added += 1
      }
      // A stored snapshot nothing was added to stays exactly as it is (its order included).
      guard report.added > before else { continue }
      let order = Dictionary(uniqueKeysWithValues: endpoints.enumerated().map { ($1.name, $0) })
      snapshot.exchanges.sort { ($0.target, order[$0.endpoint] ?? 99) < ($1.target, order[$1.endpoint] ?? 99) }
      out.append(snapshot)
    }
    return out
  }
}

public struct ImportFailure: Error, Equatable, Sendable, CustomStringConvertible {
  public var origin: String
  public var problem: String
  public var description: String { "\(origin): \(problem); skipped" }
}
