import AlmanacKit
import Foundation

extension Store {
  /// `series/github/<owner>/<repo>/`: every file of one repository.
  public func githubDirectory(_ repo: String) -> String { "\(root)/series/github/\(repo)" }
  /// ETags and the stargazer crawl position (`state/github.json`).
  public var githubStatePath: String { "\(root)/state/github.json" }

  public func readGitHub(_ repo: String) throws(AlmanacError) -> GitHubRepoData {
    let directory = githubDirectory(repo)
    do {
      return try GitHubRepoData.decode(directory: directory) { (name: String) throws(FormatError) -> String? in
        FileSystem.readData("\(directory)/\(name)").map { String(decoding: $0, as: UTF8.self) }
      }
    } catch {
      throw .format(error)
    }
  }

  public func readGitHubState() throws(AlmanacError) -> GitHubState {
    guard let text = try FileSystem.read(githubStatePath) else { return GitHubState() }
    do { return try GitHubState.decode(text, path: githubStatePath) } catch { throw .format(error) }
  }

  /// Validators for the GitHub files, by file name.
  static func githubValidator(_ name: String) -> (String) throws(FormatError) -> Void {
    { (text: String) throws(FormatError) in
      switch name {
      case "traffic.csv": _ = try TrafficHistory.decode(traffic: text, trafficPath: "", windows: nil, windowsPath: "")
      case "traffic-windows.csv": _ = try TrafficHistory.decode(traffic: nil, trafficPath: "", windows: text, windowsPath: "")
      case "traffic-coverage.csv":
        _ = try Table.decode(text, path: "", expected: Table(kind: TrafficHistory.coverageKind, version: 1, columns: ["first", "last", "days"]))
      default:
        let kind = name.replacingOccurrences(of: ".csv", with: "")
        if let spec = GitHubFiles.all.first(where: { $0.kind == "github-" + kind }) { _ = try KeyedRows.decode(text, path: "", spec: spec) }
      }
    }
  }
}

extension Stages {
  /// The repositories to render: the configured ones and every one stored under
  /// `series/github/` with any file (discovered or imported repositories), configured first.
  public func githubStoredRepos(config: Config) -> [String] {
    let root = "\(store.root)/series/github"
    var repos = config.githubRepos
    var seen = Set(repos)
    for owner in FileSystem.list(root).sorted() {
      for name in FileSystem.list("\(root)/\(owner)").sorted() where seen.insert("\(owner)/\(name)").inserted {
        if FileSystem.list("\(root)/\(owner)/\(name)").contains(where: { $0.hasSuffix(".csv") }) { repos.append("\(owner)/\(name)") }
      }
    }
    return repos
  }

  /// One night of the GitHub source, under the store lock the caller holds: fetch every
  /// configured repository, keep the raw snapshot, merge it into each repository's files and
  /// save the ETags. Returns the snapshot (its failures decide the exit status).
  public func githubNight(config: Config, client: HTTPClient, environment: [String: String]) async throws(AlmanacError) -> RawSnapshot {
    var repos = config.githubRepos
    let source = config.github ?? Config.GitHubSource()
    let variable = config.githubTokenVariable
    let token = environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    var options = GitHubFetcher.Options()
    options.traffic = source.traffic
    options.stars = GitHubFetcher.StarsMode(rawValue: source.stars) ?? .list
    options.forks = source.forks
    options.releases = source.releases
    options.profiles = config.privacy.profiles
    var known: [String: GitHubFetcher.Known] = [:]
    var data: [String: GitHubRepoData] = [:]
    for repo in repos where data[repo] == nil { data[repo] = try store.readGitHub(repo) }
    try restoreGitHub(&data)
    for repo in repos {
      guard let stored = data[repo] else { continue }
      let stars = stored.stars
      known[repo] = GitHubFetcher.Known(
        starUserIDs: Set(stars.compactMap(\.userID)), ghostStars: stars.filter { $0.userID == nil }.count,
        profiled: Set(stored.profiles.rows.keys.map { $0[0] }))
    }
    let console = self.console
    let fetcher = GitHubFetcher(
      client: client, baseURL: source.baseURL, token: token, tokenVariable: variable, options: options, progress: { console.note($0) })
    if let discovery = source.discover {
      let (found, diagnostics) = await fetcher.discover(discovery)
      for d in diagnostics { console.report(d) }
      let known = Set(repos.map { $0.lowercased() })
      repos += found.filter { !known.contains($0.lowercased()) }
      console.note("github: \(found.count) repositor\(found.count == 1 ? "y" : "ies") of \(discovery.owner) chosen by include/exclude")
    }
    console.note("github: fetching \(repos.count) repositor\(repos.count == 1 ? "y" : "ies") for \(date)")
    let result = await fetcher.fetch(repos: repos, date: date, state: try store.readGitHubState(), known: known)
    for d in result.diagnostics { console.report(d) }
    for f in result.snapshot.failures {
      console.report(Diagnostic(.warning, "\(f.endpoint) for \(f.target): \(f.message)", at: "github"))
    }
    var state = result.state
    // The nightly job's checkout of the repository it runs in is a clone GitHub counts.
    if environment["GITHUB_ACTIONS"] == "true", let here = environment["GITHUB_REPOSITORY"]?.lowercased() {
      for repo in repos where repo.lowercased() == here { state.repos[repo, default: GitHubState.Repo()].ownRuns.insert(date) }
    }
    let raw = Self.keepEarlierAnswers(new: result.snapshot, old: try? store.readRaw(GitHub.source, date))
    let rawPath = store.rawPath(GitHub.source, date)
    if raw.exchanges.isEmpty {
      console.note("nothing fetched, so no \(rawPath)")
      return raw
    }
    wrote(try store.write(raw.encoded(), to: rawPath, validate: Store.rawValidator), rawPath)
    try applyGitHub(raw, path: rawPath, into: &data)
    wrote(try store.write(state.encoded(), to: store.githubStatePath, validate: Store.jsonValidator), store.githubStatePath)
    return raw
  }

  /// Merges a raw GitHub snapshot into the stored repository files and writes those that changed.
  public func applyGitHub(_ raw: RawSnapshot, path: String, into data: inout [String: GitHubRepoData]) throws(AlmanacError) {
    for repo in Set(raw.exchanges.map(\.target)) where data[repo] == nil { data[repo] = try store.readGitHub(repo) }
    for d in GitHubNormalize.apply(raw, to: &data, path: path) { console.report(d) }
    for repo in Set(raw.exchanges.map(\.target)).sorted() {
      if let repoData = data[repo] { try writeGitHub(repo, repoData) }
    }
  }

  /// Writes the files of one repository that changed.
  public func writeGitHub(_ repo: String, _ data: GitHubRepoData) throws(AlmanacError) {
    for (name, content) in data.files() {
      let file = "\(store.githubDirectory(repo))/\(name)"
      wrote(try store.write(content, to: file, validate: Store.githubValidator(name)), file)
    }
  }

  /// A re-run on the same day keeps the earlier run's answers: incremental requests (a stored
  /// ETag answered 304, a stargazer crawl resumed at its last page) ask less than the first run
  /// did, and what failed now may have arrived before. Exchanges stay in the earlier run's
  /// order; a new answer replaces the earlier one for the same URL unless it is a 304 (the
  /// earlier body is still what GitHub holds); URLs only the re-run asked come last. A re-run
  /// that gets the same answers therefore leaves the file byte for byte as it was; one that
  /// failed lists its failures beside the answers it kept.
  ///
  /// GraphQL pages all share one URL (the cursor travels in the POST body), so they are not
  /// keyed by it: the earlier run's pages stay, and the re-run's pages that differ from them
  /// are added (a re-run goes on from the saved cursor; replacing by URL would lose every
  /// earlier page from the snapshot, and with it the rebuild from raw).
  static func keepEarlierAnswers(new: RawSnapshot, old: RawSnapshot?) -> RawSnapshot {
    guard let old, old.source == new.source, old.date == new.date else { return new }
    let graphql = GitHub.Endpoint.starsGraphQL.rawValue
    var fresh: [String: RawSnapshot.Exchange] = [:]
    for e in new.exchanges where e.endpoint != graphql { fresh[e.url] = e }
    var merged = new
    merged.exchanges = old.exchanges.map { earlier in
      guard earlier.endpoint != graphql, let now = fresh[earlier.url], !(now.status == 304 && earlier.status != 304) else { return earlier }
      return now
    }
    let held = Set(old.exchanges.filter { $0.endpoint != graphql }.map(\.url))
    let heldPages = Set(old.exchanges.filter { $0.endpoint == graphql }.map { [$0.target, $0.body] })
    merged.exchanges += new.exchanges.filter { e in
      e.endpoint == graphql ? !heldPages.contains([e.target, e.body]) : !held.contains(e.url)
    }
    // This run's failures stay listed even where the earlier answer was kept: the night is
    // partial, and the snapshot says what went wrong.
    return merged
  }
}
