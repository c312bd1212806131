/// Tidy rows from a generic series file (`series/<source>/<name>.csv`: pypistats, pypi,
/// plausible, sentry, github-events). The stored `dimension`/`category` pair is mapped to a
/// metric and a breakdown per source, so a Plausible `site`/`visitors` row becomes metric
/// `visitors` (a total) and `page_visitors`/`/docs` becomes metric `visitors` by `page`.
public enum ExportRows {
  /// Dimensions that hold people's logins (only stored when a configuration opted in): never
  /// exported.
  public static let personalDimensions: Set<String> = [GitHubEvents.forkersDimension, GitHubEvents.releasersDimension]

  public static func series(_ series: Series, filter: ExportFilter = ExportFilter()) -> [ExportRow] {
    var out: [ExportRow] = []
    out.reserveCapacity(series.points.count)
    var mapped: [String: (metric: String, dimension: String?)] = [:]
    for (key, point) in series.points where filter.keeps(key.date) && !personalDimensions.contains(key.dimension) {
      let m = mapped[key.dimension] ?? metric(source: series.source, dimension: key.dimension)
      mapped[key.dimension] = m
      let metric = m.dimension == nil && series.source == Plausible.source ? key.category : m.metric
      out.append(ExportRow(
        date: key.date, source: series.source, entity: series.package, metric: metric,
        dimension: m.dimension ?? ExportRow.overall, category: m.dimension == nil ? nil : key.category, value: point.downloads))
    }
    return out.sorted(by: <)
  }

  /// The metric a stored dimension measures, and the breakdown it is (nil: a total, whose
  /// category names the metric for plausible's `site` rows).
  static func metric(source: String, dimension: String) -> (metric: String, dimension: String?) {
    switch (source, dimension) {
    case (PyPIStats.source, _), (PyPIClickHouse.source, _): ("downloads", dimension)
    case (Plausible.source, Plausible.siteDimension): ("", nil)
    case (Plausible.source, Plausible.pageVisitorsDimension): ("visitors", "page")
    case (Plausible.source, Plausible.pagePageviewsDimension): ("pageviews", "page")
    case (Plausible.source, Plausible.pageTimeDimension): ("time_on_page_ms", "page")
    case (Plausible.source, Plausible.countryVisitorsDimension): ("visitors", "country")
    case (Sentry.source, _): (dimension, "outcome")
    case (GitHubEvents.source, GitHubEvents.eventsDimension): ("events", "type")
    case (GitHubEvents.source, GitHubEvents.actorsDimension): ("actors", "type")
    case (GitHubEvents.source, GitHubEvents.releasesDimension): ("releases", "tag")
    case (GitHubEvents.source, GitHubEvents.stargazersDimension): ("stargazers_all_time", nil)
    default: (dimension, "category")
    }
  }
}
