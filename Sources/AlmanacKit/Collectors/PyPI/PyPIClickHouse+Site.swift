extension PyPIClickHouse {
  /// The `pypi` source's panels. Who downloads: installer classes per day as a stacked area
  /// for each period, their shares over the last 30 days, the could-be-human upper bound and
  /// the behind-proxy estimate. Versions: the package versions downloaded in the last 30 days.
  /// Geography: countries over the days of `countries` (from the detail records).
  public static func siteSection(classified: [(package: String, series: Series, summary: ClassificationSummary?)],
                                 countries: [String: [String: Int64]], countryDays: ClosedRange<Day>?) -> Site.Section {
    var section = Site.Section()
    var audience = "", versions = "", geography = ""
    for (package, series, summary) in classified {
      let name = HTML.escape(package)
      var classes: [String: [Day: Int64]] = [:]
      for cls in InstallerClass.allCases {
        let values = series.values(Dimension.installerClass, cls.rawValue)
        if values.values.contains(where: { $0 > 0 }) { classes[cls.rawValue] = values }
      }
      let days = classes.values.flatMap(\.keys)
      guard let first = days.min(), let last = days.max() else { continue }
      audience += "<h3>\(name)</h3>\n"
      if let summary {
        audience += "<p>\(HTML.escape(words(summary)))</p>\n"
        audience += ShareChart(title: "\(package): installer classes, \(summary.first) to \(summary.last)", unit: "downloads",
                               shares: summary.byClass.map { (label: $0.key.rawValue, value: $0.value) }, style: .donut).render().html()
        if section.figures.isEmpty, let human = summary.couldBeHumanPercent {
          section.figures.append(Site.Figure("\(package): could be human", "≤\(CanonicalJSON.number(human))%", note: "upper bound, typical day of the last 30"))
        }
      }
      audience += Site.Period.charts(first: first, last: last) { range, words in
        StackedAreaChart(title: "\(package): downloads per day by installer class, \(words)", unit: "downloads", values: classes,
                         order: InstallerClass.allCases.map(\.rawValue), range: range).render()
      }
      let from = last.adding(days: -29)
      var byVersion: [String: Int64] = [:]
      for (key, point) in series.points where key.dimension.hasPrefix(Dimension.versionClassPrefix) && key.date >= from {
        byVersion[key.category, default: 0] += point.downloads
      }
      if !byVersion.isEmpty {
        versions += ShareChart(title: "\(package): versions downloaded, \(from) to \(last) (PyPI's download log, every class)", unit: "downloads",
                               shares: byVersion.map { (label: $0.key, value: $0.value) }).render().html()
      }
      if let row = Site.Coverage(source: source, subject: "\(package) classified", days: days) { section.coverage.append(row) }
    }
    if let countryDays {
      for (package, values) in countries.sorted(by: { $0.key < $1.key }) where !values.isEmpty {
        geography += TileMap(title: "\(package): downloads by country, \(countryDays.lowerBound) to \(countryDays.upperBound)", unit: "downloads", values: values).render().html()
      }
    }
    if !audience.isEmpty { section.panels.append(Site.Panel(.audience, "<p class=\"muted\">From PyPI's download log (ClickHouse), mirrors included. \(HTML.escape(ClassificationSummary.upperBoundNote)).</p>\n" + audience)) }
    if !versions.isEmpty { section.panels.append(Site.Panel(.versions, versions)) }
    if !geography.isEmpty { section.panels.append(Site.Panel(.geography, geography)) }
    return section
  }

  /// One sentence: the human share and the behind-proxy estimate, with their caveats.
  static func words(_ s: ClassificationSummary) -> String {
    var out = ""
    if let human = s.couldBeHumanPercent, let bot = s.botPercent {
      out += "Typically ~\(CanonicalJSON.number(bot))% of downloads are automated; at most \(CanonicalJSON.number(human))% could have been a person (median over \(s.baselineDays) baseline days, release and outage days left out). "
    } else {
      out += "No baseline days yet for the human share. "
    }
    if s.mirrorOnEstimatedDays > 0 {
      out += "Behind mirrors and proxies, an estimated \(NumberFormat.grouped(s.estimatedHumanBehindProxy)) of \(NumberFormat.grouped(s.mirrorOnEstimatedDays)) mirror downloads were people's (\(CanonicalJSON.number(HumanShare.percent(s.estimatedHumanBehindProxy, of: s.mirrorOnEstimatedDays)))%, a model estimate over \(s.estimatedDays) days)."
    }
    return out
  }

  /// Downloads per country over the last `days` days held, per package, from detail files given
  /// newest snapshot first: a day is taken from the newest snapshot that has it.
  public static func countries(_ detail: [DetailedRecordSet], days: Int = 30) -> (values: [String: [String: Int64]], range: ClosedRange<Day>?) {
    guard let last = detail.flatMap({ $0.rows.map(\.date) }).max() else { return ([:], nil) }
    let first = last.adding(days: 1 - days)
    var taken = Set<Day>(), out: [String: [String: Int64]] = [:]
    for set in detail {
      let fresh = Set(set.rows.map(\.date)).subtracting(taken).filter { $0 >= first }
      for r in set.rows where fresh.contains(r.date) { out[r.package, default: [:]][r.country, default: 0] += r.downloads }
      taken.formUnion(fresh)
    }
    return (out, first...last)
  }
}
