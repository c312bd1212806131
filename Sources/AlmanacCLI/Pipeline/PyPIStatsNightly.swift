import AlmanacKit
import Foundation

/// pypistats.org as a nightly source: every request returns the site's whole 181-day window,
/// so each night re-reads it and the merge keeps what has left the window.
public struct PyPIStatsNightly: NightlySource {
  public var name: String { PyPIStats.source }

  public init() {}

  public func isEnabled(in config: Config) -> Bool { !config.pypistatsPackages.isEmpty }

  public func night(_ night: Night) async throws -> SourceResult {
    let stages = night.stages
    let config = night.config
    if let days = night.lookbackDays, days > PyPIStats.windowDays {
      night.console.note("pypistats: --lookback-days \(days) reaches past pypistats.org's \(PyPIStats.windowDays)-day window; it serves only those days (the `pypi` ClickHouse source keeps all history)")
    }
    night.console.note("pypistats: fetching \(config.pypistatsPackages.count) package(s) for \(stages.date)")
    let snapshot = try await Nightly.fetch(config: config, client: night.client, stages: stages)
    if try stages.store.readRaw(name, stages.date) != nil {
      _ = try stages.normalizeStored(source: name, day: stages.date)
      _ = try stages.classifyStored(source: name, day: stages.date)
    }
    try aggregate(night)
    try stages.pruneRaw(source: name, keepDays: config.retention.rawDays)
    if snapshot.exchanges.isEmpty { return SourceResult(source: name, status: .failed) }
    return SourceResult(source: name, status: snapshot.failures.isEmpty ? .complete : .partial)
  }

  /// Merges new snapshots into the series and writes them with the summaries.
  func aggregate(_ night: Night) throws {
    let stages = night.stages
    let (series, revisions) = try stages.mergeStored(source: name, rebuild: false, outages: true)
    stages.reportRevisions(revisions)
    _ = try stages.writeAggregates(series: series, source: name, configured: night.config.allPackages.map(\.normalized))
  }

  public func render(_ night: Night) throws -> SourceRendering {
    let stages = night.stages
    let stats = stages.packageStats(try stages.loadSeries(source: name), configured: night.config.allPackages.map(\.normalized))
    let badges = try stages.writeBadges(stats: stats, render: night.config.render)
    var out = SourceRendering(source: name)
    out.reportSection = Report.downloadsSection(stats, badges: badges)
    out.site = Site.downloadsSection(stats, badges: badges, releases: try releaseMarkers(night))
    for s in stats {
      night.console.note("\(s.package): \(NumberFormat.grouped(s.totalDownloads)) downloads in \(s.days) days; last 30 days \(NumberFormat.grouped(s.lastMonth)); last 7 days \(NumberFormat.grouped(s.lastWeek))")
    }
    guard let main = stats.first else { return out }
    out.summary = SummaryFiles.seedSummary(main).objectValue ?? [:]
    guard let headline = RunSummary.downloadsHeadline(main) else { return out }
    out.headlines = [headline.text]
    out.details = stats.compactMap { RunSummary.downloadsHeadline($0)?.detail }
    out.outputs = [
      ("downloads", String(headline.downloads)),
      ("downloads-day", headline.day.description),
      ("downloads-change", headline.change ?? ""),
      ("downloads-last-30-days", String(main.lastMonth)),
    ]
    return out
  }

  /// Release days for the download charts, inferred from the `pypi` source's per-version
  /// series (the first day a version has downloads); none without that source.
  func releaseMarkers(_ night: Night) throws(AlmanacError) -> [String: [ChartMarker]] {
    guard night.config.pypi != nil else { return [:] }
    return try PyPINightly.classifiedSeries(night).mapValues { series in
      series.inferredReleases.map { ChartMarker($0.value, $0.key) }.sorted { ($0.first, $0.label) < ($1.first, $1.label) }
    }
  }
}
