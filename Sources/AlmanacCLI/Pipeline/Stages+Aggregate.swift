import AlmanacKit
import Foundation

extension Stages {
  /// Loads the stored series of a source, keyed by package.
  public func loadSeries(source: String) throws(AlmanacError) -> [String: Series] {
    var all: [String: Series] = [:]
    for package in store.seriesPackages(source) {
      if let s = try store.readSeries(source, package) { all[package] = s }
    }
    return all
  }

  /// Merges snapshots into the series. Without `rebuild`, only snapshots at or after the
  /// newest one the series already holds are applied (re-applying one is a no-op); with it,
  /// every stored snapshot up to the as-of date is replayed from scratch (as it is when the
  /// series are gone). `classified: false` merges the records alone (the `pypi` source);
  /// `outages`: a day a snapshot shows in no stream stays unknown (pypistats, `SeriesMerge`).
  public func mergeStored(
    source: String, rebuild: Bool, classified withClassified: Bool = true, dimensions: Set<String> = SeriesMerge.seriesDimensions, sparse: Set<String> = [],
    outages: Bool = false
  ) throws(AlmanacError) -> (series: [String: Series], revisions: [SeriesMerge.Revision]) {
    var series = rebuild ? [:] : try loadSeries(source: source)
    let newest = series.values.compactMap(\.newestSnapshot).min()
    let days = store.snapshotDays("records", source).filter { day in day <= date && (newest.map { day >= $0 } ?? true) }
    var revisions: [SeriesMerge.Revision] = []
    for (i, day) in days.enumerated() {
      if days.count > 20, i % 30 == 0 { console.note("aggregate: snapshot \(i + 1) of \(days.count) (\(day))") }
      guard let records = try store.readRecords(source, day) else { continue }
      revisions += SeriesMerge.apply(records, to: &series, source: source, dimensions: dimensions, sparse: sparse, outages: outages)
      guard withClassified else { continue }
      let classified = try store.readRecords(source, day, kind: RecordSet.classifiedKind) ?? classify(records)
      revisions += SeriesMerge.apply(classified, to: &series, source: source, outages: outages)
    }
    return (series, revisions)
  }

  public func merge(_ snapshots: [RecordSet], into series: inout [String: Series], source: String, outages: Bool = false) -> [SeriesMerge.Revision] {
    var revisions: [SeriesMerge.Revision] = []
    for snapshot in snapshots.sorted(by: { $0.snapshot < $1.snapshot }) {
      revisions += SeriesMerge.apply(snapshot, to: &series, source: source, outages: outages)
      if snapshot.kind == RecordSet.kind, !snapshots.contains(where: { $0.kind == RecordSet.classifiedKind && $0.snapshot == snapshot.snapshot }) {
        revisions += SeriesMerge.apply(classify(snapshot), to: &series, source: source, outages: outages)
      }
    }
    return revisions
  }

  /// Figures per package as of the stages' day: the configured packages first, in their order
  /// (the first is the primary one), then any other package the store holds, by name.
  public func packageStats(_ series: [String: Series], configured: [String]) -> [PackageStats] {
    var seen = Set<String>()
    return (configured + series.keys.sorted()).filter { seen.insert($0).inserted }
      .compactMap { series[$0].map { PackageStats(series: $0, asOf: date) } }
  }

  public func reportRevisions(_ revisions: [SeriesMerge.Revision]) {
    let today = revisions.filter { $0.snapshot == date }
    guard !today.isEmpty else { return }
    console.note("aggregate: \(today.count) value(s) revised by the \(date) snapshot:")
    for r in today.prefix(20) { console.note("  \(r)") }
    if today.count > 20 { console.note("  … and \(today.count - 20) more") }
  }

  /// Writes the series, and for pypistats (their owner) the seed-schema summaries and the day's
  /// snapshot files: `download_summary.json` and `downloads_<date>.csv` are pypistats-era
  /// exports, so another source's aggregate never rewrites them with its own figures.
  /// Returns the figures per package in `packageStats` order.
  public func writeAggregates(series: [String: Series], source: String, configured: [String]) throws(AlmanacError) -> [PackageStats] {
    for (package, s) in series.sorted(by: { $0.key < $1.key }) {
      let path = store.seriesPath(source, package)
      wrote(try store.write(s.encoded(), to: path, validate: Store.seriesValidator(package: package, source: source)), path)
    }
    let stats = packageStats(series, configured: configured)
    guard source == PyPIStats.source else { return stats }
    guard let main = stats.first else { return stats }
    // download_summary.json is the seed's file, exactly; summary.json (written by render) adds
    // every source's section to the same keys.
    let summary = CanonicalJSON.encode(SummaryFiles.seedSummary(main))
    wrote(try store.write(summary, to: store.downloadSummaryPath, validate: Store.jsonValidator), store.downloadSummaryPath)
    if let records = try store.readRecords(source, date) {
      let classified = try store.readRecords(source, date, kind: RecordSet.classifiedKind)
      let csvPath = store.dailyCSVPath(date)
      wrote(try store.write(SummaryFiles.dailyCSV(records, package: main.package), to: csvPath), csvPath)
      let jsonPath = store.dailyJSONPath(date)
      let daily = CanonicalJSON.encode(SummaryFiles.dailyJSON(records: records, classified: classified, package: main.package))
      wrote(try store.write(daily, to: jsonPath, validate: Store.jsonValidator), jsonPath)
    }
    return stats
  }

  // MARK: render

  /// Each package's download badges; their files (SVG and shields endpoint JSON) are written
  /// unless badges are turned off, in which case none is returned either.
  public func writeBadges(stats: [PackageStats], render: Config.Render) throws(AlmanacError) -> [String: [BadgeSet.Named]] {
    guard render.badges else { return [:] }
    var badges: [String: [BadgeSet.Named]] = [:]
    for s in stats {
      badges[s.package] = BadgeSet.downloads(s, labelColor: render.labelColor)
      try writeBadgeFiles(badges[s.package] ?? [], endpoint: render.endpoint)
    }
    return badges
  }

  /// `badges/<name>.svg` and the shields endpoint `badges/<name>.json` of each badge.
  public func writeBadgeFiles(_ set: [BadgeSet.Named], endpoint: Badge.Endpoint) throws(AlmanacError) {
    for named in set {
      let svg = store.badgePath(named.name, "svg")
      wrote(try store.write(named.badge.svg() + "\n", to: svg), svg)
      let json = store.badgePath(named.name, "json")
      wrote(try store.write(CanonicalJSON.encode(named.badge.endpointJSON(endpoint)), to: json, validate: Store.jsonValidator), json)
    }
  }

  /// Writes `summary.json`: the seed's keys (from pypistats) and each source's own section,
  /// merged in source order. Nothing is written before any source has figures.
  public func writeSummary(_ renderings: [SourceRendering]) throws(AlmanacError) {
    var merged: [String: JSONValue] = [:]
    for r in renderings {
      for (key, value) in r.summary {
        if merged[key] != nil { console.report(Diagnostic(.warning, "summary.json: \(r.source) repeats the key `\(key)`; the first source's value is kept")) }
        merged[key] = merged[key] ?? value
      }
    }
    guard !merged.isEmpty else {
      console.report(Diagnostic(.warning, "no download data yet, so no summary was written", at: store.root))
      return
    }
    wrote(try store.write(CanonicalJSON.encode(.object(merged)), to: store.summaryPath, validate: Store.jsonValidator), store.summaryPath)
  }

  /// Writes `REPORT.md` from the sources' sections, in source order.
  public func writeReport(_ renderings: [SourceRendering], render: Config.Render) throws(AlmanacError) {
    guard render.report else { return }
    wrote(try store.write(Report.document(asOf: date, sections: renderings.map(\.reportSection)), to: store.reportPath), store.reportPath)
  }

  /// Writes the HTML report and its charts into `directory` (outside the stats directory: the
  /// site is published, never committed). Files are replaced atomically, only when changed.
  public func writeSite(_ renderings: [SourceRendering], to directory: String) throws(AlmanacError) {
    try checkSiteDirectory(directory)
    for file in Site.page(asOf: date, sections: renderings.map(\.site)) {
      let path = directory + "/" + file.path
      if FileSystem.readData(path) == Data(file.contents.utf8) { continue }
      try FileSystem.atomicWrite(Data(file.contents.utf8), to: path)
      console.note("wrote \(path)")
    }
  }

  /// The site must not land in the stats directory, where it would be committed every night.
  public func checkSiteDirectory(_ directory: String) throws(AlmanacError) {
    try checkOutsideStore(directory, option: "--site", why: "the HTML report changes every night and would be committed. Pick a directory outside it, such as _site.")
  }

  /// Refuses `path` (a file or directory an option names) when it is the stats directory or
  /// inside it: only the store's own writers put files there.
  public func checkOutsideStore(_ path: String, option: String, why: String) throws(AlmanacError) {
    // Symbolic links followed on both sides: `_site -> stats/site` is inside too.
    let resolved = FileSystem.resolvingSymlinks(path)
    let stats = FileSystem.resolvingSymlinks(store.root)
    if resolved == stats || resolved.hasPrefix(stats == "/" ? "/" : stats + "/") {
      let lexical = (path: URL(fileURLWithPath: path).standardizedFileURL.path, stats: URL(fileURLWithPath: store.root).standardizedFileURL.path)
      let plain = lexical.path == lexical.stats || lexical.path.hasPrefix(lexical.stats + "/")
      let via = plain ? "" : " (through a symbolic link: it resolves to \(resolved), inside \(stats))"
      throw .usage("\(option) \(path) is inside the stats directory \(store.root)\(via); \(why)")
    }
  }

  /// Removes raw snapshots older than `days` from the working tree (git history keeps them).
  public func pruneRaw(source: String, keepDays days: Int) throws(AlmanacError) {
    guard days > 0 else { return }
    for day in store.snapshotDays("raw", source) where date - day > days {
      try store.remove(store.rawPath(source, day))
      console.note("pruned \(store.rawPath(source, day)) (older than retention.raw_days = \(days); git history keeps it)")
    }
  }
}
