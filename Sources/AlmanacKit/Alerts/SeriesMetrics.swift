/// How the stored files of each source become the metrics rules watch and windows summarise:
/// one named measure per (dimension, category) of a source's series. Pure: the CLI reads the
/// files and hands the values here, so `alerts.json` and the `windows` of `summary.json` are a
/// function of the stored series alone.
public enum SeriesMetrics {
  /// One series of a source, named: `(dimension, category)` → `measure`, described in words.
  public struct Spec: Sendable {
    public var dimension: String
    public var category: String
    public var measure: String
    public var about: String
    public init(_ dimension: String, _ category: String, _ measure: String, _ about: String) {
      self.dimension = dimension
      self.category = category
      self.measure = measure
      self.about = about
    }
  }

  public static let pypistats = [
    Spec(Dimension.overall, "without_mirrors", "downloads", "downloads without mirrors (pypistats.org)"),
    Spec(Dimension.overall, "with_mirrors", "downloads_with_mirrors", "downloads with mirrors (pypistats.org)"),
  ]

  public static let pypi =
    [Spec(Dimension.overall, "with_mirrors", "downloads", "every download in PyPI's log, mirrors included (ClickHouse)")]
    + [
      Spec(Dimension.audience, Audience.couldBeHuman, "could_be_human", "downloads that could be a person, an upper bound (PyPI's log)"),
      Spec(Dimension.audience, "bot", "bot", "downloads by mirrors, CI and other bots (PyPI's log)"),
      Spec(Dimension.estimate, Audience.estimatedHumanBehindProxy, "estimated_human_behind_proxy", "estimated human demand behind mirrors (a model estimate)"),
    ]
    + InstallerClass.allCases.map { Spec(Dimension.installerClass, $0.rawValue, "class_\($0.rawValue)", "downloads by \($0.rawValue) installers (PyPI's log)") }

  public static let plausible = [
    Spec(Plausible.siteDimension, "visitors", "visitors", "unique visitors of the site (Plausible)"),
    Spec(Plausible.siteDimension, "visits", "visits", "visits of the site (Plausible)"),
    Spec(Plausible.siteDimension, "pageviews", "pageviews", "pageviews of the site (Plausible)"),
    Spec(Plausible.siteDimension, "visit_duration_ms", "visit_duration_ms", "mean visit duration in milliseconds (Plausible)"),
    Spec(Plausible.siteDimension, "bounce_rate_bp", "bounce_rate_bp", "bounce rate in basis points (Plausible)"),
  ]

  /// Sentry's outcomes: `accepted` is what the project's issues count, the error rate per day.
  public static func sentry(outcomes: Set<String>) -> [Spec] {
    outcomes.sorted().map { outcome in
      outcome == "accepted"
        ? Spec(Sentry.eventsDimension, outcome, "errors", "error events accepted per day (Sentry)")
        : Spec(Sentry.eventsDimension, outcome, outcome, "error events \(outcome.replacingOccurrences(of: "_", with: "-")) per day (Sentry)")
    } + [
      Spec(Sentry.issuesDimension, "new", "new_issues", "new issues per day, by first seen (Sentry)"),
      Spec(Sentry.issuesDimension, "resolved", "resolved_issues", "issues resolved per day (Sentry)"),
      Spec(Sentry.sessionsDimension, "all", "sessions", "release-health sessions per day (Sentry)"),
    ]
  }

  /// The metrics of one stored series (a package or site of `source`), with the outage
  /// calendar's days and the release days `releases` names excluded.
  /// `zeroFilled`: a day between the first and `through` (default: the newest day) that holds
  /// no value is a zero (event counts), not a gap.
  /// `before`: days from this one on are left out (a source that counts today while it is still
  /// running would show a partial day as a drop).
  public static func metrics(
    _ series: Series, source: String, specs: [Spec], releases: [String: Day] = [:], zeroFilledThrough: Day? = nil, before: Day? = nil
  ) -> [Metric] {
    var byKey: [String: [Day: Double]] = [:]
    let wanted = Dictionary(specs.map { ("\($0.dimension)\u{1}\($0.category)", $0) }, uniquingKeysWith: { a, _ in a })
    for (key, point) in series.points {
      let id = "\(key.dimension)\u{1}\(key.category)"
      guard wanted[id] != nil, before.map({ key.date < $0 }) ?? true else { continue }
      byKey[id, default: [:]][key.date] = Double(point.downloads)
    }
    let releaseDays = Metric.releaseDays(releases)
    return specs.compactMap { spec in
      guard var daily = byKey["\(spec.dimension)\u{1}\(spec.category)"], let first = daily.keys.min(), var last = daily.keys.max() else { return nil }
      if let through = zeroFilledThrough, through >= first {
        last = max(last, through)
        for day in (first...last).days where daily[day] == nil { daily[day] = 0 }
      }
      var excluded = Metric.outageDays(source: source, from: first, through: last)
      for (day, reason) in releaseDays where excluded[day] == nil { excluded[day] = reason }
      return Metric(name: MetricName(source: source, subject: series.package, measure: spec.measure), about: spec.about, daily: daily, excluded: excluded)
    }
  }

  /// github-events: each event type of the `events` dimension (`WatchEvent` → `stars`,
  /// `ForkEvent` → `forks`, `ReleaseEvent` → `releases`, `PushEvent` → `pushes`, any other
  /// `FooBarEvent` → `foo_bar_events`).
  public static func githubEvents(types: Set<String>) -> [Spec] {
    let named = ["WatchEvent": "stars", "ForkEvent": "forks", "ReleaseEvent": "releases", "PushEvent": "pushes", "IssuesEvent": "issues", "PullRequestEvent": "pull_requests"]
    return types.sorted().compactMap { type in
      let measure = named[type] ?? snake(type.hasSuffix("Event") ? String(type.dropLast(5)) : type) + "_events"
      guard MetricName("x.y.\(measure)") != nil else { return nil }
      return Spec(GitHubEvents.eventsDimension, type, measure, "\(type) per day (public GitHub events)")
    }
  }

  static func snake(_ s: String) -> String {
    var out = ""
    for c in s {
      if c.isUppercase, !out.isEmpty { out += "_" }
      out += c.lowercased()
    }
    return out
  }
}
