import AlmanacKit
import ArgumentParser
import Foundation

public struct ImportCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Merge traffic history another tool kept into the store.",
    discussion: """
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
      """)

  @Argument(help: ArgumentHelp("What wrote the files: github-repo-stats or traffic-csv.", valueName: "format"))
  var format: String

  @Argument(help: ArgumentHelp("The directory to read.", valueName: "dir"))
  var directory: String

  @Option(name: .customLong("repo"), help: ArgumentHelp("The repository (owner/name) when DIR holds one repository's files.", valueName: "owner/name"))
  var repo: String?

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func validate() throws {
    guard ["github-repo-stats", "traffic-csv"].contains(format) else {
      throw ValidationError("unknown format `\(format)`; available: github-repo-stats, traffic-csv.")
    }
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
