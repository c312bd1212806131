import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac migrate`: rewrites a store's CSV files written before the header-first layout.
public struct MigrateCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "migrate",
    abstract: "Rewrite CSV files of an older store so pandas and DuckDB read them with defaults.",
    discussion: """
      Almanac's CSV files start with their header (`date,package,…`), and a category a source \
      could not tell is `unknown`. Stores written by an earlier Almanac start each CSV with a \
      format line (`#almanac:records:1 snapshot=…`) and spell unknown as `null`, which \
      `pandas.read_csv` takes for a missing value. Almanac reads both; this command rewrites \
      every such file under the stats directory once, as today's writers write it (a later \
      `almanac aggregate --rebuild` gives the same bytes). Files already in the new layout are \
      left alone, so running it again changes nothing. Commit the result like a night.

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
        guard let text = try FileSystem.read(path) else { continue }
        let migrated: String?
        do { migrated = try LayoutMigration.migrated(text, path: path) } catch let error as FormatError { throw AlmanacError.format(error) }
        guard let migrated else { continue }
        stages.wrote(try stages.store.write(migrated, to: path), path)
        rewritten += 1
      }
      stages.console.note("\(root): \(rewritten) of \(files.count) CSV files rewritten header first")
    }
  }
}
