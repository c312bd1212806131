import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac migrate`: rewrites a store's CSV files written before the header-first layout, and
/// its dated raw, records and classified files as delta chains bounded by the year (format-2
/// deltas rewritten as format 3).
public struct MigrateCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Rewrite an older store's files as today's Almanac writes them.",
    discussion: """
      Almanac's CSV files start with their header (`date,package,…`), and a category a source \
      could not tell is `unknown`. Stores written by an earlier Almanac start each CSV with a \
      format line (`#almanac:records:1 snapshot=…`) and spell unknown as `null`, which \
      `pandas.read_csv` takes for a missing value. Almanac reads both; this command rewrites \
      every such file under the stats directory once, as today's writers write it (a later \
      `almanac aggregate --rebuild` gives the same bytes). Files already in the new layout are \
      left alone, so running it again changes nothing. Commit the result like a night.

      It also moves the dated files of `raw/`, `records/` and `classified/` into delta \
      chains: each year's oldest file stays whole and every later one becomes \
      `<date>.<ext>.delta`, what changed since the file before it in its month (a month's \
      oldest: since the previous month's oldest) (Almanac reads either \
      form, so an unmigrated store keeps working; a migrated one weighs less in git from \
      then on), and rewrites deltas an earlier Almanac wrote in format 2 as format 3.

      Example:
        almanac migrate && git add stats && git commit -m "stats: header-first CSV files"
      """)

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func run() async throws {
    try await options.withStages { _, stages in
      let root = stages.store.root
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".csv") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
      var rewritten = 0
      for relative in files {
        let path = "\(root)/\(relative)"
        guard let text = try stages.store.readText(path) else { continue }
        let migrated: String?
        do { migrated = try LayoutMigration.migrated(text, path: path) } catch let error as FormatError { throw AlmanacError.format(error) }
        guard let migrated else { continue }
        stages.wrote(try stages.store.write(migrated, to: path), path)
        rewritten += 1
      }
      stages.console.note("\(root): \(rewritten) of \(files.count) CSV files rewritten header first")
      var chained = 0
      for path in Self.chainedFiles(stages.store) {
        guard let text = try stages.store.readText(path) else { continue }
        if try stages.store.write(text, to: path) == .written {
          stages.console.note("kept \(path) as its month's chain asks")
          chained += 1
        }
      }
      stages.console.note("\(root): \(chained) dated files of raw/, records/ and classified/ moved into delta chains")
    }
  }

  /// Every dated file of `raw/`, `records/` and `classified/` by the name it stands for (a
  /// delta's without `.delta`), oldest first per directory.
  static func chainedFiles(_ store: Store) -> [String] {
    var out: [String] = []
    for kind in Store.chainedKinds.sorted() {
      for source in FileSystem.list("\(store.root)/\(kind)").sorted() where !source.hasPrefix(".") {
        let directory = "\(store.root)/\(kind)/\(source)"
        let names = Set(FileSystem.list(directory).map { $0.hasSuffix(DeltaFile.suffix) ? String($0.dropLast(DeltaFile.suffix.count)) : $0 })
        out += names.sorted().map { "\(directory)/\($0)" }.filter { store.chainLink($0) != nil }
      }
    }
    return out
  }
}
