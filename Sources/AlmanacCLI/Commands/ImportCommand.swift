import AlmanacKit
import ArgumentParser
import Foundation

public struct ImportCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Merge history another tool kept into the store: GitHub traffic, pypistats.org answers.",
    discussion: """
      pypistats: DIR holds stored pypistats.org answers (the JSON of /api/packages/<package>/ \
      recent, overall, python_major, python_minor or system), one file per endpoint, package \
      and day, as git-scraping repositories and the pypistats client's cache keep them. Each \
      file's day is the first YYYY-MM-DD in its name (or its directories'), the day it was \
      fetched; with --date-from-git, DIR is in a git repository and every committed version of \
      each .json file under it is read, dated by its commit (UTC; the last one of a day). The \
      answers become the raw snapshots a night would have written (a day already stored keeps \
      its answers; an import only fills endpoints it lacks), then records and the series, by \
      the live rules: `almanac aggregate --rebuild` gives the same bytes. Files that are not \
      answers, or whose rows reach past their day, are skipped and listed.

      github-repo-stats: DIR is a github-repo-stats data directory. It holds \
      <owner>/<repo>/ghrs-data/ (each repository found is imported), or is one ghrs-data \
      directory itself (then name the repository with --repo). Read: views_clones_aggregate.csv, \
      snapshots/*_views_clones_series_fragment.csv, snapshots/*_top_referrers_snapshot.csv, \
      snapshots/*_top_paths_snapshot.csv, stargazers.csv.

      traffic-csv: DIR holds files with the header date,total_views,unique_views or \
      date,total_clones,unique_clones (other traffic actions write them); name the repository \
      with --repo.

      The figures merge with what is stored by the same rules as live data (per date the maximum; \
      nothing is lowered or removed), into stats/series/github/<owner>/<repo>/. Importing twice \
      changes nothing.

      Example:
        almanac import github-repo-stats ../traffic-data
        almanac import pypistats ../pypi-scrape/data --date-from-git
      """)

  @Argument(help: ArgumentHelp("What wrote the files: github-repo-stats, traffic-csv or pypistats.", valueName: "format"))
  var format: String

  @Argument(help: ArgumentHelp("The directory to read.", valueName: "dir"))
  var directory: String

  @Option(name: .customLong("repo"), help: ArgumentHelp("The repository (owner/name) when DIR holds one repository's files.", valueName: "owner/name"))
  var repo: String?

  @Flag(name: .customLong("date-from-git"), help: "pypistats: date each answer by the commit that wrote it (DIR is in a git repository).")
  var dateFromGit = false

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func validate() throws {
    guard ["github-repo-stats", "traffic-csv", "pypistats"].contains(format) else {
      throw ValidationError("unknown format `\(format)`; available: github-repo-stats, traffic-csv, pypistats.")
    }
    if dateFromGit, format != "pypistats" { throw ValidationError("--date-from-git is for `import pypistats` only.") }
    if format == "pypistats", repo != nil { throw ValidationError("--repo is for the GitHub formats; pypistats answers name their package.") }
    if let repo, !GitHub.isRepoName(repo) { throw ValidationError("--repo `\(repo)` is not owner/name.") }
    if format == "traffic-csv", repo == nil { throw ValidationError("traffic-csv needs --repo owner/name.") }
  }

  public func run() async throws {
    let console = Console(quiet: options.quiet)
    try await reporting(console, strict: options.strict) {
      let config = try options.loadConfig() ?? Config()
      let stages = Stages(store: options.store(config: config), console: console, date: options.asOf)
      let lock = try stages.store.lock(timeout: options.lockTimeout)
      defer { withExtendedLifetime(lock) {} }
      let root = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
      if format == "pypistats" {
        try importPyPIStats(from: root, config: config, stages: stages)
        return
      }
      var sources: [(repo: String, dir: String)] = []
      if let repo {
        sources = [(repo, root)]
      } else {
        for owner in FileSystem.list(root).sorted() {
          for name in FileSystem.list("\(root)/\(owner)").sorted() where FileSystem.exists("\(root)/\(owner)/\(name)/ghrs-data") {
            sources.append(("\(owner)/\(name)", "\(root)/\(owner)/\(name)/ghrs-data"))
          }
        }
      }
      guard !sources.isEmpty else {
        throw AlmanacError.input("\(root): no <owner>/<repo>/ghrs-data directory found; point at the data directory, or at one ghrs-data directory with --repo owner/name")
      }
      for (repo, dir) in sources {
        var data = try stages.store.readGitHub(repo)
        let report: GitHubRepoStatsImport.Report
        do {
          report = try GitHubRepoStatsImport.apply(files: try Self.csvFiles(in: dir), root: dir, into: &data)
        } catch let error as FormatError {
          throw AlmanacError.format(error)
        }
        for line in report.skipped { console.report(Diagnostic(.warning, line)) }
        try stages.writeGitHub(repo, data)
        console.note("imported into \(repo): " + report.lines.prefix(4).joined(separator: ", "))
      }
    }
  }

  /// Every `.csv` file in `dir` and its `snapshots/`, by path relative to `dir`.
  static func csvFiles(in dir: String) throws(AlmanacError) -> [String: String] {
    var out: [String: String] = [:]
    for sub in ["", "snapshots/"] {
      for name in FileSystem.list(dir + "/" + sub) where name.hasSuffix(".csv") {
        out[sub + name] = try FileSystem.read("\(dir)/\(sub)\(name)")
      }
    }
    return out
  }
}
