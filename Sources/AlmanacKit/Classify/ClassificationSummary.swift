/// The classification figures of one package over a recent window, for `summary.json`
/// (`json`), `REPORT.md` (`markdown`) and the human-share badge.
public struct ClassificationSummary: Equatable, Sendable {
  public var package: String
  public var first: Day
  public var last: Day
  public var baselineDays: Int
  /// Median daily could-be-human share over baseline days: an upper bound on people.
  public var couldBeHumanPercent: Double?
  public var byClass: [InstallerClass: Int64]
  public var total: Int64
  public var mirror: Int64
  public var estimatedHumanBehindProxy: Int64
  /// Days with an estimate (it is undefined on days with one version or no people's downloads),
  /// and the mirror downloads on those days: the estimate's share is of these.
  public var estimatedDays: Int
  public var mirrorOnEstimatedDays: Int64
  public var flags: [DayFlag]

  public static let upperBoundNote = "upper bound: pip and uv downloads include CI, and the ClickHouse data has no CI flag"

  /// Figures over the last `days` days of `series` (a classified series of the `pypi` source).
  /// `flags` usually come from `DayFlag.flags(series:source:)`.
  public init?(series: Series, flags: [DayFlag], days: Int = 30) {
    let points = HumanShare.daily(series, flags: flags)
    guard let last = points.last?.day else { return nil }
    let first = max(points[0].day, last.adding(days: 1 - days))
    let window = points.filter { $0.day >= first }
    package = series.package
    self.first = first
    self.last = last
    baselineDays = window.filter { !$0.excluded && $0.total > 0 }.count
    couldBeHumanPercent = HumanShare.typical(points, lastDays: days)
    func sum(_ dimension: String, _ category: String) -> Int64 {
      series.values(dimension, category).filter { $0.key >= first }.values.reduce(0, +)
    }
    var byClass: [InstallerClass: Int64] = [:]
    for cls in InstallerClass.allCases { byClass[cls] = sum(Dimension.installerClass, cls.rawValue) }
    self.byClass = byClass
    total = window.map(\.total).reduce(0, +)
    mirror = byClass[.mirror] ?? 0
    let estimates = series.values(Dimension.estimate, Audience.estimatedHumanBehindProxy).filter { $0.key >= first }
    estimatedHumanBehindProxy = estimates.values.reduce(0, +)
    estimatedDays = estimates.count
    mirrorOnEstimatedDays = series.values(Dimension.installerClass, InstallerClass.mirror.rawValue)
      .filter { estimates[$0.key] != nil }.values.reduce(0, +)
    self.flags = flags.filter { $0.package == series.package && $0.day >= first && $0.day <= last }
  }

  public var botPercent: Double? { couldBeHumanPercent.map { ((100 - $0) * 10).rounded() / 10 } }

  public var json: JSONValue {
    var classes: [String: JSONValue] = [:]
    for (cls, n) in byClass { classes[cls.rawValue] = .int(n) }
    var o: [String: JSONValue] = [
      "rules_version": .int(Int64(InstallerRules.version)),
      "first_day": .string(first.description), "last_day": .string(last.description),
      "baseline_days": .int(Int64(baselineDays)),
      "downloads": .int(total), "by_class": .object(classes),
      "could_be_human_note": .string(Self.upperBoundNote),
      "estimated_human_behind_proxy": .int(estimatedHumanBehindProxy),
      "estimated_days": .int(Int64(estimatedDays)),
      "mirror_downloads_on_estimated_days": .int(mirrorOnEstimatedDays),
      "excluded_days": .array(flags.map { .object(["date": .string($0.day.description), "kind": .string($0.kind.rawValue), "reason": .string($0.reason)]) }),
    ]
    o["could_be_human_percent_upper_bound"] = couldBeHumanPercent.map(JSONValue.double) ?? .null
    o["bot_percent"] = botPercent.map(JSONValue.double) ?? .null
    return .object(o)
  }

  /// A short figure for the commit message and step summary (`SourceRendering.headlines`):
  /// `97% bots (≤3% could be human)`; nil before there is a baseline.
  public var headline: String? {
    guard let bot = botPercent, let human = couldBeHumanPercent else { return nil }
    return "\(CanonicalJSON.number(bot))% bots (≤\(CanonicalJSON.number(human))% could be human)"
  }

  /// A `REPORT.md` section (starts with `### `, ends with a blank line).
  public func markdown() -> String {
    var md = "### Who downloads \(Markdown.text(package)) (installer classes, \(first) to \(last))\n\n"
    if let bot = botPercent, let human = couldBeHumanPercent {
      md += "Typically ~\(CanonicalJSON.number(bot))% of downloads are bots; at most \(CanonicalJSON.number(human))% could have been a person (\(Self.upperBoundNote)). "
      md += "Median over \(baselineDays) baseline days; release and outage days are left out.\n\n"
    }
    md += "| class | downloads | share |\n|---|---:|---:|\n"
    for cls in InstallerClass.allCases where (byClass[cls] ?? 0) > 0 {
      md += "| \(cls.rawValue) | \(NumberFormat.grouped(byClass[cls] ?? 0)) | \(CanonicalJSON.number(HumanShare.percent(byClass[cls] ?? 0, of: total)))% |\n"
    }
    md += "\n"
    if mirrorOnEstimatedDays > 0 {
      md += "Estimated human demand behind mirrors and proxies: \(NumberFormat.grouped(estimatedHumanBehindProxy)) of \(NumberFormat.grouped(mirrorOnEstimatedDays)) mirror downloads "
      md += "on the \(estimatedDays) day\(estimatedDays == 1 ? "" : "s") with an estimate (\(CanonicalJSON.number(HumanShare.percent(estimatedHumanBehindProxy, of: mirrorOnEstimatedDays)))%; a model estimate, see the README).\n\n"
    }
    if !flags.isEmpty {
      md += "Days left out of baselines:\n\n"
      for flag in flags { md += "- \(flag.day): \(flag.kind.rawValue), \(Markdown.text(flag.reason))\n" }
      md += "\n"
    }
    return md
  }
}

extension DayFlag {
  /// Flags for the days of a classified series: release windows from `releases` (or inferred
  /// from its per-version dimensions) and the outage calendar for `source`.
  public static func flags(series: Series, source: String, releases: [String: Day]? = nil) -> [DayFlag] {
    let days = Set(series.points.keys.filter { $0.dimension == Dimension.audience }.map(\.date)).sorted()
    return flags(days: [series.package: days], releases: [series.package: releases ?? series.inferredReleases], source: source)
  }
}

extension BadgeSet {
  /// `<package>-human-share`: the typical could-be-human share, labelled as the upper bound it is.
  public static func humanShare(_ summary: ClassificationSummary, labelColor: String = "grey") -> Named? {
    guard let percent = summary.couldBeHumanPercent else { return nil }
    return Named(
      name: "\(summary.package)-human-share",
      badge: Badge(label: "could be human", message: "≤" + CanonicalJSON.number(percent) + "%", color: "blue", labelColor: labelColor))
  }
}
