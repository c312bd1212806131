import AlmanacCLI
import AlmanacKit
import Foundation
import Testing

import AlmanacTestSupport

/// A store whose deltas an Almanac before delta format 3 wrote (format 2: `base=` lines,
/// `=S+N`, format 2's chunks) reads as it is and validates, and `almanac migrate` rewrites its
/// deltas as format 3, byte for byte what today's Almanac writes.
@Suite(.serialized) struct DeltaFormatMigration {
  /// Rewrites every `.delta` under `root` as format 2 against the same base; the count.
  static func makeFormatTwo(_ root: String) throws -> Int {
    let store = Store(root: root)
    let deltas = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(DeltaFile.suffix) }
    let older = try deltas.map { relative in
      let path = "\(root)/\(relative)"
      let delta = try DeltaFile.decode(try #require(try store.readText(path)), path: path)
      let whole = String(path.dropLast(DeltaFile.suffix.count))
      let base = "\((whole as NSString).deletingLastPathComponent)/\(delta.base)"
      return (path, DeltaFile.make(base: delta.base, baseText: try #require(try store.readText(base)), text: try #require(try store.readText(whole)), format: 2))
    }
    for (path, delta) in older { try delta.encoded().write(toFile: path, atomically: true, encoding: .utf8) }
    return older.count
  }

  @Test func formatTwoDeltasReadValidateAndMigrateToFormatThree() async throws {
    let dir = TempDirectory("delta-format")
    _ = try await DemoCache.shared.copy(to: dir.file("new"))
    _ = try await DemoCache.shared.copy(to: dir.file("old"))
    #expect(try Self.makeFormatTwo(dir.file("old")) > 10)
    let old = MigrateEndToEnd.snapshot(dir, "old"), new = MigrateEndToEnd.snapshot(dir, "new")
    let deltas = new.keys.filter { $0.hasSuffix(DeltaFile.suffix) }
    #expect(deltas.allSatisfy { String(decoding: old[$0] ?? Data(), as: UTF8.self).hasPrefix("#almanac:delta:2\n") })

    // Every file reads back as the same whole text from either store.
    for delta in deltas.sorted() {
      let whole = String(delta.dropLast(DeltaFile.suffix.count))
      #expect(try Store(root: dir.file("old")).readText(dir.file("old/\(whole)")) == Store(root: dir.file("new")).readText(dir.file("new/\(whole)")), "\(whole)")
    }
    let checker = try Validators.checkJSONSchema()
    let valid = try await Shell.run("'\(Paths.packageRoot)/scripts/validate-store' '\(dir.file("old"))'", environment: ["CHECK_JSONSCHEMA": checker])
    #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")

    let m = try await Shell.run("almanac migrate --stats-dir old", cwd: dir.path)
    #expect(m.status == 0, "\(m.stderr)")
    // (A file re-made as the next of a rewritten one is not counted again.)
    #expect(m.stderr.contains(" dated files of raw/") && !m.stderr.contains(": 0 dated files"), "\(m.stderr)")
    #expect(MigrateEndToEnd.snapshot(dir, "old") == new)
  }
}
