import AlmanacKit
import Foundation

/// `almanac aggregate` per source, and the rebuild from raw snapshots: every series of every
/// source is a merge that replaying its snapshots in order reproduces byte for byte.
extension Stages {
  /// The sources whose stored files aggregate merges, in report order.
  public static var aggregateSources: [String] { NightlySources.names }

  /// The `pypi` series: the daily dimensions of every records snapshot not yet applied (all of
  /// them with `rebuild`, or when the series is gone). Classified rows stay out of
  /// `series/pypi/` (render rebuilds the classified series from `classified/pypi/`).
  public func aggregatePyPI(rebuild: Bool) throws(AlmanacError) {
    let name = PyPIClickHouse.source
    let (series, revisions) = try mergeStored(source: name, rebuild: rebuild, classified: false)
    reportRevisions(revisions)
    for (package, s) in series.sorted(by: { $0.key < $1.key }) {
      let path = store.seriesPath(name, package)
      wrote(try store.write(s.encoded(), to: path, validate: Store.seriesValidator(package: package, source: name)), path)
    }
  }

  /// Every stored GitHub raw snapshot before `before` (default: through the stages' date),
  /// replayed oldest first through the nightly merge into empty repository files. ETags and
  /// the crawl position in `state/github.json` are not needed: a 304 or a resumed page only
  /// ever repeats what an earlier snapshot holds.
  public func replayGitHub(before: Day? = nil) throws(AlmanacError) -> (data: [String: GitHubRepoData], snapshots: Int) {
    var data: [String: GitHubRepoData] = [:]
    let days = store.snapshotDays("raw", GitHub.source).filter { day in before.map { day < $0 } ?? (day <= date) }
    for day in days {
      guard let raw = try store.readRaw(GitHub.source, day) else { continue }
      for d in GitHubNormalize.apply(raw, to: &data, path: store.rawPath(GitHub.source, day)) where d.severity != .warning || !d.message.hasPrefix("fetch failed") {
        console.report(d)
      }
    }
    return (data, days.count)
  }

  /// `almanac aggregate --source github --rebuild`: every repository's files from the raw
  /// snapshots alone.
  public func rebuildGitHub() throws(AlmanacError) {
    let (data, count) = try replayGitHub()
    if count == 0 { console.note("github: no raw snapshots under \(store.root)/raw/github to rebuild from") }
    for (repo, repoData) in data.sorted(by: { $0.key < $1.key }) { try writeGitHub(repo, repoData) }
  }

  /// Before a night: repositories whose files are gone (a lost or deleted `series/github/`)
  /// get their history back from the earlier raw snapshots, so the night's incremental answers
  /// (a stargazer crawl resumed at its last page, 304s) land on the full history rather than on
  /// nothing.
  func restoreGitHub(_ data: inout [String: GitHubRepoData]) throws(AlmanacError) {
    let lost = data.filter { $0.value == GitHubRepoData() }.map(\.key).sorted()
    guard !lost.isEmpty, store.snapshotDays("raw", GitHub.source).contains(where: { $0 < date }) else { return }
    let (replayed, count) = try replayGitHub(before: date)
    for repo in lost {
      guard let restored = replayed[repo] else { continue }
      console.report(Diagnostic(.warning, "\(store.githubDirectory(repo)) was missing; rebuilt it from \(count) raw snapshot(s) before tonight's answers are merged", at: "github"))
      data[repo] = restored
      try writeGitHub(repo, restored)
    }
  }
}
