/// `REPORT.md`: what a person reads in the repository. Deterministic: the same series render
/// the same bytes. Every data-derived cell goes through `Markdown.text`.
public enum Report {
  public static func markdown(_ packages: [PackageStats], asOf: Day, badges: [String: [BadgeSet.Named]]) -> String {
    document(asOf: asOf, sections: [downloadsSection(packages, badges: badges)])
  }

  /// The whole file: a heading, the as-of line, then each source's section in order (empty
  /// sections are left out).
  public static func document(asOf: Day, sections: [String]) -> String {
    var md = "# Adoption report\n\n"
    md += "As of \(asOf) (UTC). Written by Almanac from the files in this directory; do not edit by hand.\n\n"
    let present = sections.filter { !$0.isEmpty }
    if present.isEmpty {
      md += "No package data yet. Run `almanac run` (or `almanac demo`) to collect some.\n"
      return md
    }
    return md + present.joined()
  }

  /// The pypistats.org part: one `## package` block per package.
  public static func downloadsSection(_ packages: [PackageStats], badges: [String: [BadgeSet.Named]]) -> String {
    var md = ""
    for stats in packages {
      md += "## \(Markdown.text(stats.package))\n\n"
      // Joined, not each followed by a space: no trailing whitespace, no empty line without badges.
      let images = (badges[stats.package] ?? []).map { "![\(Markdown.text("\($0.badge.label): \($0.badge.message)"))](badges/\($0.name).svg)" }
      if !images.isEmpty { md += images.joined(separator: " ") + "\n\n" }
      guard let first = stats.firstDay, let last = stats.lastDay else {
        md += "pypistats.org has no downloads for this package yet.\n\n"
        continue
      }
      md += "Downloads from pypistats.org without mirrors (CI and other automated installs included), \(first) to \(last), \(stats.days) days.\n\n"
      md += "| figure | downloads |\n|---|---:|\n"
      md += "| total | \(NumberFormat.grouped(stats.totalDownloads)) |\n"
      md += "| average per day | \(CanonicalJSON.number(stats.averageDaily)) |\n"
      let monthChange = NumberFormat.change(stats.lastMonth, from: stats.previousMonth).map { " (\($0) on the 30 days before)" } ?? ""
      md += "| last 30 days | \(NumberFormat.grouped(stats.lastMonth))\(monthChange) |\n"
      md += "| last 7 days | \(NumberFormat.grouped(stats.lastWeek)) |\n"
      md += "| last day (\(last)) | \(NumberFormat.grouped(stats.lastDayDownloads)) |\n"
      md += "| mirror share of all downloads | \(CanonicalJSON.number(stats.mirrorPercent))% |\n\n"
      if !stats.topVersions.isEmpty {
        md += "**Python versions** (all history): "
        md += stats.topVersions.map { "\(Markdown.text($0.name)) \(percent($0.downloads, of: stats.totalDownloads))" }.joined(separator: " · ") + "\n\n"
      }
      if !stats.topSystems.isEmpty {
        md += "**Systems** (all history): "
        md += stats.topSystems.map { "\(Markdown.text($0.name)) \(percent($0.downloads, of: stats.totalDownloads))" }.joined(separator: " · ") + "\n\n"
      }
      md += "Last 14 days:\n\n| date | downloads | mirror downloads |\n|---|---:|---:|\n"
      for row in stats.daily.suffix(14).reversed() {
        let weekend = row.day.isWeekend ? " (weekend)" : ""
        md += "| \(row.day)\(weekend) | \(NumberFormat.grouped(row.downloads)) | \(NumberFormat.grouped(row.mirror)) |\n"
      }
      md += "\n"
    }
    return md
  }

  /// A share of all (non-mirror) downloads, so shares of a top-10 list need not sum to 100%.
  static func percent(_ n: Int64, of total: Int64) -> String {
    guard total > 0 else { return "0%" }
    return CanonicalJSON.number((Double(n) / Double(total) * 1000).rounded() / 10) + "%"
  }
}
