import AlmanacKit
import ArgumentParser
import Foundation

public struct NormalizeCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Turn raw API answers into canonical records.",
    discussion: """
      Reads stats/raw/<source>/<date>.json (or a raw snapshot on standard input with `-`) and \
      writes stats/records/<source>/<date>.csv: one row per date, package, dimension and \
      category (the header date,package,source,dimension,category,downloads, then the rows), \
      sorted by package, dimension, category, date. Categories stay strings ("3.10"); what a \
      source could not tell is `unknown`. Standard output and --output get the stream layout: \
      a first line `#almanac:records:1 snapshot=<date>` above the header, which the next stage reads.

      Normalize touches no network: after a fix, replay it over every stored raw snapshot with \
      --all (every source that has records unless --source names one; GitHub goes raw → series \
      directly, see `almanac aggregate --rebuild`).

      Examples:
        almanac normalize --date 2026-11-22
        almanac normalize --all
        almanac-fetch pypistats --package requests -o - | almanac-normalize - | almanac-aggregate --stdout -
      """)

  @OptionGroup(title: "Input and output") var pipe: PipeOptions
  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func run() async throws {
    try await options.withStages { config, stages in
      if let (text, name) = try pipe.read(what: "a raw snapshot (almanac-fetch -o -)") {
        let raw: RawSnapshot
        do { raw = try RawSnapshot.decode(text, path: name) } catch let error as FormatError { throw AlmanacError.format(error) }
        let records = stages.normalize(raw, path: name)
        try emit(records, to: pipe.destination, stages: stages, source: raw.source, lockTimeout: options.lockTimeout)
        return
      }
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      if let chosen = pipe.chosenSource, let reason = NightlySources.named(chosen)?.noRecordsReason {
        throw AlmanacError.usage("--source \(chosen): \(reason)")
      }
      // --all without --source: every source with records (GitHub has none).
      let sources = pipe.all && pipe.chosenSource == nil
        ? NightlySources.all.filter { $0.noRecordsReason == nil && !stages.store.snapshotDays("raw", $0.name).isEmpty }.map(\.name) : [pipe.source]
      for source in sources {
        let days = pipe.all ? stages.store.snapshotDays("raw", source).filter { $0 <= stages.date } : [stages.date]
        if pipe.all, days.isEmpty { throw AlmanacError.input("\(stages.store.root)/raw/\(source): no raw snapshots to normalize.") }
        for day in days {
          let records = try stages.normalizeStored(source: source, day: day)
          if let output = pipe.output { try emit(records, to: output, stages: stages, source: source, lockTimeout: options.lockTimeout) }
        }
      }
    }
  }
}

/// A stage's input file; a dated store file kept as a delta (`….json.delta`) is rebuilt.
func readFile(_ path: String) throws(AlmanacError) -> String {
  guard let text = try Store(root: ".").readText(path) else { throw .input("\(path): no such file.") }
  return text
}

/// Writes a stage's output to stdout (`-`) or a named file in the stream layout (its format
/// line carries the snapshot and kind to the next stage), or (nil) to the store's dated path
/// header first.
func emit(_ records: RecordSet, to output: String?, stages: Stages, source: String, lockTimeout: Double) throws(AlmanacError) {
  switch output {
  case "-": stages.console.data(records.encoded(formatLine: true))
  case let path?: try FileSystem.atomicWrite(Data(records.encoded(formatLine: true).utf8), to: path)
  case nil:
    let kind = records.kind
    let day = records.snapshot
    let path = kind == RecordSet.kind ? stages.store.recordsPath(source, day) : stages.store.classifiedPath(source, day)
    let lock = try stages.store.lock(timeout: lockTimeout)
    stages.wrote(try stages.store.write(records.encoded(), to: path, validate: Store.recordsValidator(kind: kind)), path)
    withExtendedLifetime(lock) {}
  }
}
