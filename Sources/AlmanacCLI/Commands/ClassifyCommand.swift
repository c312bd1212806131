import AlmanacKit
import ArgumentParser
import Foundation

public struct ClassifyCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "classify",
    abstract: "Reduce records to download classes (mirror and non-mirror).",
    discussion: """
      Reads stats/records/<source>/<date>.csv (or records on standard input with `-`) and writes \
      stats/classified/<source>/<date>.csv: per package and day, `non_mirror` (pypistats.org's \
      without_mirrors: people, CI and bots alike) and `mirror` (what bandersnatch, \
      z3c.pypimirror, Artifactory and devpi added). pypistats.org keeps no installer names, so \
      this is the finest split it allows.

      Examples:
        almanac classify --date 2026-11-22
        almanac-normalize - < raw.json | almanac-classify -
      """)

  @Argument(help: ArgumentHelp("A records file, or `-` for standard input. Default: the store's records of --date.", valueName: "input"))
  var input: String?

  @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of the store; `-` is standard output (the default when reading `-`).", valueName: "file"))
  var output: String?

  @Flag(help: "Classify every records file in the store (up to --date).")
  var all = false

  @Option(help: ArgumentHelp("The source whose records to read from the store.", valueName: "source"))
  var source: String = PyPIStats.source

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func run() async throws {
    let console = Console(quiet: options.quiet)
    try await reporting(console, strict: options.strict) {
      let config = try options.loadConfig()
      let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
      if let input {
        let text = input == "-" ? try readStandardInput(what: "records (almanac-normalize -)") : try readFile(input)
        let records: RecordSet
        do { records = try RecordSet.decode(text, path: input == "-" ? "<stdin>" : input) } catch let error as FormatError { throw AlmanacError.format(error) }
        let classified = stages.classify(records)
        try emit(
          classified.encoded(), to: output ?? (input == "-" ? "-" : nil), stages: stages, day: records.snapshot, source: source,
          console: console, kind: RecordSet.classifiedKind)
        return
      }
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      let days = all ? stages.store.snapshotDays("records", source).filter { $0 <= stages.date } : [stages.date]
      for day in days { _ = try stages.classifyStored(source: source, day: day) }
    }
  }
}
