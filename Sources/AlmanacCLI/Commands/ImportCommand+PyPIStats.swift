import AlmanacKit
import Foundation

/// `almanac import pypistats DIR [--date-from-git]`: stored pypistats.org answers become raw
/// snapshots, records and classified files as a night writes them, then the series are replayed
/// from every records snapshot (`PyPIStatsImport`, issue 9 point 17).
extension ImportCommand {
  func importPyPIStats(from root: String, config: Config, stages: Stages) throws {
    let console = stages.console
    guard FileManager.default.fileExists(atPath: root) else {
      throw AlmanacError.input("\(root): no such directory; point at the directory that holds the stored pypistats.org answers")
    }
    var answers: [PyPIStatsImport.Answer] = []
    if dateFromGit {
      let versions = try GitHistory.versions(in: root, suffix: ".json")
      let texts = try GitHistory.contents(versions, in: root)
      answers = zip(versions, texts).map { .init(origin: "\(root)/\($0.path)@\($0.commit.prefix(12))", date: $0.date, body: $1) }
    } else {
      for path in Self.jsonFiles(under: root) {
        guard let date = PyPIStatsImport.date(inPath: path) else {
          console.report(Diagnostic(.warning, "no date YYYY-MM-DD in its name or directories; skipped (if the files are committed once a day, use --date-from-git)", at: "\(root)/\(path)"))
          continue
        }
        answers.append(.init(origin: "\(root)/\(path)", date: date, body: try FileSystem.read("\(root)/\(path)") ?? ""))
      }
    }
    guard !answers.isEmpty else {
      throw AlmanacError.input("\(root): no dated .json file found\(dateFromGit ? " in the git history" : ""); point at the directory that holds the stored pypistats.org answers")
    }
    let store = stages.store
    var report = PyPIStatsImport.Report()
    let snapshots = try PyPIStatsImport.snapshots(answers, stored: { day in try store.readRaw(PyPIStats.source, day) }, report: &report)
    for line in report.skipped { console.report(Diagnostic(.warning, line)) }
    for snapshot in snapshots {
      let raw = store.rawPath(PyPIStats.source, snapshot.date)
      stages.wrote(try store.write(snapshot.encoded(), to: raw, validate: Store.rawValidator), raw)
      let records = stages.normalize(snapshot, path: raw)
      let recordsPath = store.recordsPath(PyPIStats.source, snapshot.date)
      stages.wrote(try store.write(records.encoded(), to: recordsPath, validate: Store.recordsValidator(kind: RecordSet.kind)), recordsPath)
      let classifiedPath = store.classifiedPath(PyPIStats.source, snapshot.date)
      stages.wrote(try store.write(stages.classify(records).encoded(), to: classifiedPath, validate: Store.recordsValidator(kind: RecordSet.classifiedKind)), classifiedPath)
    }
    if !snapshots.isEmpty {
      // Imported days are usually older than what the series hold, so every snapshot is
      // replayed: the same merge as `almanac aggregate --rebuild`.
      let (series, revisions) = try stages.mergeStored(source: PyPIStats.source, rebuild: true, outages: true)
      stages.reportRevisions(revisions)
      _ = try stages.writeAggregates(series: series, source: PyPIStats.source, configured: config.allPackages.map(\.normalized))
    }
    console.note("imported pypistats: \(report.answers) answers over \(report.days) days; \(report.added) new, \(snapshots.count) snapshots written, \(report.skipped.count) skipped")
  }

  /// Every `.json` file under `root` (hidden directories left out), relative, sorted.
  static func jsonFiles(under root: String) -> [String] {
    guard let e = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [String] = []
    while let relative = e.nextObject() as? String {
      if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      if relative.hasSuffix(".json") { out.append(relative) }
    }
    return out.sorted()
  }
}
