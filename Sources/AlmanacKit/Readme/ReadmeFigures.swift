/// The README table's five headline figures, read from `summary.json` (written by
/// `almanac render`): always the same five rows in the same order, `—` where a source has no
/// data yet. When the store holds several packages, repositories, sites or projects, the
/// figures add them up.
public enum ReadmeFigures {
  public static let none = "—"

  public static func from(summary: JSONValue) -> [ReadmeBlock.Figure] {
    let total = summary["total_downloads"]?.int64Value
    let package = summary["package"]?.stringValue
    let classes = summary["pypi"]?["classification"]?.objectValue ?? [:]
    let bots = classes.keys.sorted().compactMap { classes[$0]?["bot_percent"]?.doubleLike }
    let repos = summary["github"]?.objectValue ?? [:]
    let stars = sum(repos.values.map { $0["stars"]?.int64Value })
    let sites = summary["plausible"]?["sites"]?.objectValue ?? [:]
    let visitors = sum(sites.values.map { $0["last_30_days"]?["visitors"]?.int64Value })
    let projects = summary["sentry"]?["projects"]?.objectValue ?? [:]
    let errors = sum(projects.values.map { $0["errors_last_7_days"]?.int64Value })
    return [
      .init("Downloads, all time", total.map(NumberFormat.grouped) ?? none, package.map { "pypistats.org, \($0)" } ?? "pypistats.org"),
      .init("Bot downloads (estimate), 30 days", bots.count == 1 ? "\(CanonicalJSON.number(bots[0]))%" : none, "PyPI download log (ClickHouse)"),
      .init("GitHub stars", stars.map(NumberFormat.grouped) ?? none, repos.isEmpty ? "GitHub" : "GitHub, " + repos.keys.sorted().joined(separator: ", ")),
      .init("Docs visitors, 30 days", visitors.map(NumberFormat.grouped) ?? none, sites.isEmpty ? "Plausible" : "Plausible, " + sites.keys.sorted().joined(separator: ", ")),
      .init("Errors, 7 days", errors.map(NumberFormat.grouped) ?? none, projects.isEmpty ? "Sentry" : "Sentry, " + projects.keys.sorted().joined(separator: ", ")),
    ]
  }

  private static func sum(_ values: [Int64?]) -> Int64? {
    let known = values.compactMap { $0 }
    return known.isEmpty ? nil : known.reduce(0, +)
  }
}

extension JSONValue {
  /// A number as a Double, integer or not.
  var doubleLike: Double? {
    switch self {
    case .int(let i): Double(i)
    case .double(let d): d
    default: nil
    }
  }
}
