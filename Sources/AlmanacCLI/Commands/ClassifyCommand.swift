import AlmanacKit
import ArgumentParser
import Foundation

public struct ClassifyCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Reduce records to download classes (mirror/non-mirror; installer classes for pypi).",
    discussion: """
      Reads stats/records/<source>/<date>.csv (or records on standard input with `-`) and writes \
      stats/classified/<source>/<date>.csv: per package and day, `non_mirror` (pypistats.org's \
      without_mirrors: people, CI and bots alike) and `mirror` (what bandersnatch, \
      z3c.pypimirror, Artifactory and devpi added). pypistats.org keeps no installer names, so \
      this is the finest split it allows.

      For the pypi (ClickHouse) source, the detail file (<date>.detail.csv) is classified by \
      installer: classes (installer, mirror, browser, http_client, os_packaging, build, \
      unknown), per version by class, `could_be_human` (an upper bound: pip and uv by default, \
      CI included) against `bot`, and the estimated share of mirror traffic that people's \
      demand triggered (`estimated_human_behind_proxy`). Unknown installer names are reported.

      Examples:
        almanac classify --date 2026-11-22
        almanac classify --source pypi --date 2026-11-22
        almanac-normalize - < raw.json | almanac-classify -
      """)

  @OptionGroup(title: "Input and output") var pipe: PipeOptions
  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func run() async throws {
    try await options.withStages { config, stages in
      if let (text, name) = try pipe.read(what: "records (almanac-normalize -)") {
        let records: RecordSet
        do { records = try RecordSet.decode(text, path: name) } catch let error as FormatError { throw AlmanacError.format(error) }
        let classified = stages.classify(records)
        try emit(classified, to: pipe.destination, stages: stages, source: pipe.source, lockTimeout: options.lockTimeout)
        return
      }
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      let days = pipe.all ? stages.store.snapshotDays("records", pipe.source).filter { $0 <= stages.date } : [stages.date]
      for day in days { _ = try stages.classifyStored(source: pipe.source, day: day, rules: (config ?? Config()).installerRules) }
    }
  }
}
