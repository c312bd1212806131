import AlmanacKit
import ArgumentParser
import Foundation

public struct AggregateCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "aggregate",
    abstract: "Merge every snapshot into full-history series and write the summaries.",
    discussion: """
      Merges stats/records and stats/classified snapshots (up to --date) into \
      stats/series/<source>/<package>.csv, keeping every day ever seen: days that left the \
      source's window stay, a later snapshot revises a day (revisions are listed), and a day \
      missing from a later snapshot keeps its value. Then writes \
      stats/download_summary.json (the seed's summary: package, timestamp, total_downloads, \
      average_daily, top_versions, top_systems), stats/downloads_<date>.csv \
      (date,downloads,category) and stats/downloads_<date>.json for the primary package. \
      stats/summary.json (the same keys plus every source's section) is written by render.

      Normally only snapshots at or after the newest one in the series are applied; --rebuild \
      replays every stored snapshot from scratch. Without --source every source the store \
      holds is aggregated: pypistats (series and the exports above), pypi (series/pypi from \
      records/pypi), github (series/github/<owner>/<repo>/, which the night merges straight \
      from raw: --rebuild replays every raw/github snapshot, needing nothing from \
      state/github.json) and github-events (records only: `almanac normalize --all` rebuilds \
      them). After a normalizer fix or a lost series/ directory, \
      `almanac normalize --all && almanac aggregate --rebuild` gives back the files the nights \
      wrote, byte for byte, as long as the raw snapshots are in the working tree (restore \
      pruned ones from git history first; retention.raw_days prunes them).

      With an input (`-` for standard input: records or classified CSV), the snapshot is merged \
      over the stored series in memory; --stdout prints the summary JSON instead of writing.

      Examples:
        almanac aggregate --date 2026-11-22
        almanac-normalize - < raw.json | almanac-aggregate --stdout -
      """)

  @Argument(help: ArgumentHelp("Records or classified CSV to merge, or `-` for standard input. Default: the store.", valueName: "input"))
  var input: String?

  @Flag(help: "Print the summary JSON to standard output and write nothing.")
  var stdout = false

  @Flag(help: "Ignore the stored series and replay every snapshot.")
  var rebuild = false

  @Option(help: ArgumentHelp("The source to aggregate (default: every source the store holds; pypistats for an input).", valueName: "source"))
  var source: String?

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func validate() throws { try StoreOptions.checkSource(source) }

  public func run() async throws {
    if input == nil, !stdout, source != PyPIStats.source {
      try await options.withStages { config, stages in try aggregateStore(config: config, stages: stages) }
      return
    }
    let source = source ?? PyPIStats.source
    try await options.withStages { config, stages in
      var stages = stages
      var series: [String: Series]
      var revisions: [SeriesMerge.Revision]
      // The input first (an upstream stage of a pipe may need the lock to write it), then the
      // lock, then the store: series read before the lock could be stale by the time of writing.
      let text = try input.map { (input) throws(AlmanacError) in
        input == "-" ? try readStandardInput(what: "records (almanac-normalize -)") : try readFile(input)
      }
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      if let input, let text {
        let snapshot = try decodeRecordsOrClassified(text, path: input == "-" ? "<stdin>" : input)
        if options.date == nil { stages.date = snapshot.snapshot }
        series = try stages.loadSeries(source: source)
        revisions = stages.merge([snapshot], into: &series, source: source, outages: source == PyPIStats.source)
      } else {
        (series, revisions) = try stages.mergeStored(source: source, rebuild: rebuild, outages: source == PyPIStats.source)
      }
      stages.reportRevisions(revisions)
      let configured = config?.allPackages.map(\.normalized) ?? []
      if stdout {
        let ordered = stages.packageStats(series, configured: configured)
        if ordered.isEmpty { throw AlmanacError.input("no download records to aggregate.") }
        for s in ordered { stages.console.data(CanonicalJSON.encode(SummaryFiles.seedSummary(s))) }
        return
      }
      _ = try stages.writeAggregates(series: series, source: source, configured: configured)
    }
  }

  /// Every source of the store (or `--source`), each by its own rule, under the store lock.
  func aggregateStore(config: Config?, stages: Stages) throws(AlmanacError) {
    let names = source.map { [$0] } ?? Stages.aggregateSources.filter { name in
      ["raw", "records", "inbox"].contains { FileSystem.exists("\(stages.store.root)/\($0)/\(name)") }
    }
    let lock = try stages.store.lock(timeout: options.lockTimeout)
    defer { withExtendedLifetime(lock) {} }
    for name in names {
      guard let source = NightlySources.named(name) else {
        throw AlmanacError.usage("--source \(name): unknown source; aggregate knows \(Stages.aggregateSources.joined(separator: ", ")).")
      }
      try source.aggregate(stages, config: config, rebuild: rebuild)
    }
    // alerts.json follows the series it is replayed from (`--rebuild` gives the same file).
    stages.aggregateAlerts(config: config)
  }

  func decodeRecordsOrClassified(_ text: String, path: String) throws(AlmanacError) -> RecordSet {
    // A stream names its kind on the format line; a stored file's kind is its directory.
    let classified = text.hasPrefix("#almanac:\(RecordSet.classifiedKind):") || path.contains("/\(RecordSet.classifiedKind)/")
    let kind = classified ? RecordSet.classifiedKind : RecordSet.kind
    do { return try RecordSet.decode(text, path: path, kind: kind) } catch { throw .format(error) }
  }
}
