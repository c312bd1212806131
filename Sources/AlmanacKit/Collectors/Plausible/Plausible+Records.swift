/// What a night asks Plausible and how the answers become records (`records/plausible/`) and
/// series (`series/plausible/<site>.csv`, one file per site).
///
/// Every value is an integer, as the store holds them: counts as sent; the visit duration in
/// milliseconds and the bounce rate in basis points (hundredths of a percent), so the figures
/// Plausible sends (whole seconds and percents in v1) round-trip exactly. Both are per-visit
/// rates: a longer period is weighted by visits (`Plausible.months`), never averaged.
extension Plausible {
  /// The site's day: categories `visitors`, `visits`, `pageviews`, `visit_duration_ms`,
  /// `bounce_rate_bp`. Plausible answers every day of a range (0 without visits), so the
  /// dimension is dense.
  public static let siteDimension = "site"
  /// Per page (the path is the category): visitors, pageviews and time on page (ms).
  public static let pageVisitorsDimension = "page_visitors"
  public static let pagePageviewsDimension = "page_pageviews"
  public static let pageTimeDimension = "page_time_on_page_ms"
  /// Per country (ISO 3166 alpha-2 as the category): visitors.
  public static let countryVisitorsDimension = "country_visitors"

  /// Dimensions that are series. The page and country ones are sparse: a page that is not in
  /// a day's top list is not a zero, so the merge never fills their gaps.
  public static let seriesDimensions: Set<String> = [siteDimension, pageVisitorsDimension, pagePageviewsDimension, pageTimeDimension, countryVisitorsDimension]
  public static let sparseDimensions: Set<String> = [pageVisitorsDimension, pagePageviewsDimension, pageTimeDimension, countryVisitorsDimension]

  /// The breakdown endpoints, named in raw snapshots as `<kind>/<day>/<page>` so a day's answer
  /// and its pages are told apart (`pages/2026-11-20/1`).
  public enum Breakdown: String, CaseIterable, Sendable {
    case pages
    case countries

    public var property: String { self == .pages ? "event:page" : "visit:country" }
    public var key: String { self == .pages ? "page" : "country" }
    public var metrics: String { self == .pages ? "visitors,pageviews,time_on_page" : "visitors" }
  }

  public static let timeseriesEndpoint = "timeseries"
  /// Rows asked per breakdown page; countries are paged until a short page, pages stop at
  /// `top_pages`.
  public static let countryPageLimit = 100

  public static func breakdownEndpoint(_ kind: Breakdown, day: AlmanacKit.Day, page: Int) -> String { "\(kind.rawValue)/\(day)/\(page)" }

  /// `pages/2026-11-20/1` → (.pages, 2026-11-20, 1).
  public static func parseEndpoint(_ endpoint: String) -> (kind: Breakdown, day: AlmanacKit.Day, page: Int)? {
    let parts = endpoint.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3, let kind = Breakdown(rawValue: String(parts[0])), let day = AlmanacKit.Day(String(parts[1])), let page = Int(parts[2]), page >= 1 else { return nil }
    return (kind, day, page)
  }

  public static func timeseriesURL(base: String, site: String, from: AlmanacKit.Day, through: AlmanacKit.Day) -> String {
    "\(trimmed(base))/api/v1/stats/timeseries?" + URLQuery.encode([
      ("site_id", site), ("period", "custom"), ("date", "\(from),\(through)"), ("interval", "day"), ("metrics", dayMetrics.joined(separator: ",")),
    ])
  }

  public static func breakdownURL(base: String, site: String, kind: Breakdown, day: AlmanacKit.Day, limit: Int, page: Int) -> String {
    "\(trimmed(base))/api/v1/stats/breakdown?" + URLQuery.encode([
      ("site_id", site), ("period", "day"), ("date", day.description), ("property", kind.property), ("metrics", kind.metrics),
      ("limit", String(limit)), ("page", String(page)),
    ])
  }

  static func trimmed(_ base: String) -> String { base.hasSuffix("/") ? String(base.dropLast()) : base }

  /// The first day a night asks: `--lookback-days` reaches back that far; otherwise the day
  /// before the newest day held (Plausible revises today and yesterday, and a skipped night's
  /// days are filled), or `lookback` days back when nothing is held.
  public static func firstDay(through: AlmanacKit.Day, newestHeld: AlmanacKit.Day?, lookback: Int, backfill: Int?) -> AlmanacKit.Day {
    if let backfill { return through.adding(days: -(max(backfill, 1) - 1)) }
    guard let newestHeld else { return through.adding(days: -(lookback - 1)) }
    return min(newestHeld, through).adding(days: -1)
  }

  /// A backfill's timeseries (nothing held, or `--lookback-days`) is named so: its days before
  /// the site's first visitor are not recorded (the site did not exist yet; those are not
  /// observed zeros). A nightly answer keeps its zero days.
  public static let backfillTimeseriesEndpoint = "timeseries/backfill"

  /// Records from a raw snapshot. An answer that does not decode is a diagnostic and adds
  /// nothing (the fetch refuses such bodies, so only a hand-edited snapshot has one).
  public static func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    var records: [DownloadRecord] = []
    var diagnostics: [Diagnostic] = []
    var seen = Set<DownloadRecord.Key>()
    func add(_ site: String, _ dimension: String, _ category: String, _ day: AlmanacKit.Day, _ value: Int64) {
      let r = DownloadRecord(date: day, package: site, source: source, dimension: dimension, category: category, downloads: value)
      // The first answer for a key wins (a fetch lists tonight's answers before kept ones).
      if seen.insert(r.key).inserted { records.append(r) }
    }
    for exchange in raw.exchanges {
      guard isSiteID(exchange.target) else {
        diagnostics.append(Diagnostic(.error, "`\(exchange.target)` is not a Plausible site id; its answer is skipped", at: path))
        continue
      }
      let site = exchange.target
      let api = Plausible.api(ofURL: exchange.url)
      do {
        if exchange.endpoint == timeseriesEndpoint || exchange.endpoint == backfillTimeseriesEndpoint {
          let days = try decodeTimeseries(exchange.body, api: api)
          let trim = exchange.endpoint == backfillTimeseriesEndpoint
          let first = days.first { $0.visitors > 0 || $0.pageviews > 0 }?.date
          for d in days {
            if trim, first.map({ d.date < $0 }) ?? true { continue }
            add(site, siteDimension, "visitors", d.date, d.visitors)
            add(site, siteDimension, "visits", d.date, d.visits)
            add(site, siteDimension, "pageviews", d.date, d.pageviews)
            add(site, siteDimension, "visit_duration_ms", d.date, scaled(d.visitDuration, 1000))
            add(site, siteDimension, "bounce_rate_bp", d.date, scaled(d.bounceRate, 100))
          }
        } else if let (kind, day, _) = parseEndpoint(exchange.endpoint) {
          for row in try decodeBreakdown(exchange.body, kind: kind, api: api) where !row.value.isEmpty {
            switch kind {
            case .pages:
              add(site, pageVisitorsDimension, row.value, day, scaled(row.metrics["visitors"] ?? 0, 1))
              add(site, pagePageviewsDimension, row.value, day, scaled(row.metrics["pageviews"] ?? 0, 1))
              add(site, pageTimeDimension, row.value, day, scaled(row.metrics["time_on_page"] ?? 0, 1000))
            case .countries:
              add(site, countryVisitorsDimension, row.value, day, scaled(row.metrics["visitors"] ?? 0, 1))
            }
          }
        } else {
          diagnostics.append(Diagnostic(.warning, "unknown plausible endpoint `\(exchange.endpoint)` skipped", at: path))
        }
      } catch {
        diagnostics.append(Diagnostic(.error, "\(exchange.endpoint) for \(site): \(error.message)", at: path))
      }
    }
    return (RecordSet(snapshot: raw.date, records: records), diagnostics)
  }

  /// `value × factor` as a whole non-negative number (negative or non-finite values are 0).
  static func scaled(_ value: Double, _ factor: Double) -> Int64 {
    let v = (value * factor).rounded()
    guard v.isFinite, v > 0 else { return 0 }
    return v < 9.0e15 ? Int64(v) : Int64(9.0e15)
  }
}
