/// Raw GitHub snapshot → the repository files, by the rules of each kind: traffic through
/// `TrafficHistory`, popular content per snapshot with its window, stars deduplicated by user
/// id, forks by id, release downloads as a change-only cumulative series. A 304 is "unchanged
/// since the answer we already applied": nothing to do.
public enum GitHubNormalize {
  public static func apply(_ raw: RawSnapshot, to repos: inout [String: GitHubRepoData], path: String) -> [Diagnostic] {
    var diagnostics: [Diagnostic] = []
    let date = raw.date
    var fullCrawl: [String: Set<String>] = [:]
    var starIndex: [String: [String: [String]]] = [:]
    for exchange in raw.exchanges where exchange.status == 200 {
      let at = "\(path) (\(exchange.endpoint) for \(exchange.target))"
      var data = repos[exchange.target] ?? GitHubRepoData()
      do {
        switch exchange.endpoint {
        case GitHub.Endpoint.repo.rawValue:
          let r = try GitHubRepo.decode(exchange.body, at: at)
          data.counts.upsert([date.description, String(r.stars), String(r.forks), String(r.watchers), String(r.openIssuesAndPRs), String(r.size), r.pushedAt ?? ""])
        case GitHub.Endpoint.views.rawValue, GitHub.Endpoint.clones.rawValue:
          let metric: TrafficWindow.Metric = exchange.endpoint == "views" ? .views : .clones
          let window = try TrafficWindow.decode(exchange.body, metric: metric, at: at)
          if data.traffic.apply(window, snapshot: date) == .outage {
            diagnostics.append(Diagnostic(.warning, "GitHub answered an all-zero \(metric.rawValue) window where traffic is known (an outage); kept the known values", at: at))
          }
        case GitHub.Endpoint.referrers.rawValue, GitHub.Endpoint.paths.rawValue:
          let kind: PopularItem.Kind = exchange.endpoint == "paths" ? .path : .referrer
          let items = try PopularItem.decode(exchange.body, kind: kind, at: at)
          data.popular.rows = data.popular.rows.filter { !($0.key[0] == date.description && $0.key[1] == kind.rawValue) }
          let window = TrafficHistory.window(of: date)
          for item in items {
            data.popular.upsert([date.description, kind.rawValue, item.name, window.lowerBound.description, date.description, item.title, String(item.count), String(item.uniques)])
          }
        case GitHub.Endpoint.stargazers.rawValue, "stargazers_full":
          let page = try Stargazer.decodePage(exchange.body, at: at)
          if exchange.endpoint == "stargazers_full" {
            fullCrawl[exchange.target, default: []].formUnion(page.map { $0.userID.map(String.init) ?? "" })
          }
          if starIndex[exchange.target] == nil {
            starIndex[exchange.target] = Dictionary(data.stargazers.rows.keys.map { ($0[1], $0) }, uniquingKeysWith: { a, _ in a })
          }
          for star in page { addStar(star, to: &data.stargazers, index: &starIndex[exchange.target, default: [:]]) }
        case GitHub.Endpoint.starsGraphQL.rawValue:
          let answer = try GitHubGraphQL.decode(exchange.body, at: at)
          let page: GitHubGraphQL.Page?
          switch answer {
          case .page(let p): page = p
          case .errors(_, let partial): page = partial
          default: page = nil
          }
          if starIndex[exchange.target] == nil {
            starIndex[exchange.target] = Dictionary(data.stargazers.rows.keys.map { ($0[1], $0) }, uniquingKeysWith: { a, _ in a })
          }
          for star in page?.stars ?? [] { addStar(star, to: &data.stargazers, index: &starIndex[exchange.target, default: [:]]) }
        case GitHub.Endpoint.starHistory.rawValue:
          for (day, n) in try StarHistory.decode(exchange.body, at: at) { data.starsHistory.upsert([day.description, String(n)]) }
        case GitHub.Endpoint.forks.rawValue:
          for fork in try GitHubFork.decodePage(exchange.body, at: at) { data.forks.upsert([fork.createdAt, String(fork.id), fork.fullName]) }
        case GitHub.Endpoint.releases.rawValue:
          let current = data.assetDownloads(asOf: date)
          for release in try GitHubRelease.decodePage(exchange.body, at: at) {
            data.releases.upsert([release.tag, release.name, release.publishedAt ?? "", String(release.draft), String(release.prerelease)])
            for asset in release.assets where current[[release.tag, asset.name]] != asset.downloads {
              data.releaseDownloads.upsert([date.description, release.tag, asset.name, String(asset.downloads)])
            }
          }
        case GitHub.Endpoint.user.rawValue:
          // The fetcher stored only what privacy.profiles allowed; nothing else is in the body.
          data.profiles.upsert(try GitHubProfile.row(exchange.body, level: .full, at: at))
        default:
          diagnostics.append(Diagnostic(.warning, "unknown github endpoint `\(exchange.endpoint)` skipped", at: path))
        }
        repos[exchange.target] = data
      } catch {
        diagnostics.append(Diagnostic(.error, error.description, at: nil))
      }
    }
    // A full re-read of the stargazers: whoever is stored but no longer listed unstarred.
    for (repo, listed) in fullCrawl.sorted(by: { $0.key < $1.key }) {
      guard var data = repos[repo] else { continue }
      let gone = data.stargazers.rows.filter { !$0.key[1].isEmpty && !listed.contains($0.key[1]) }
      for (key, _) in gone { data.stargazers.rows[key] = nil }
      if !gone.isEmpty {
        diagnostics.append(Diagnostic(.note, "\(gone.count) star(s) of \(repo) were withdrawn since the last full read; removed from stargazers.csv", at: path))
      }
      repos[repo] = data
    }
    for failure in raw.failures {
      diagnostics.append(Diagnostic(.warning, "fetch failed: \(failure.message); this snapshot holds only what an earlier run of the day got for it, if anything", at: "\(path) (\(failure.endpoint) for \(failure.target))"))
    }
    return diagnostics
  }

  /// Adds a star, replacing an earlier row of the same user (pages shift when someone unstars).
  static func addStar(_ star: Stargazer, to rows: inout KeyedRows, index: inout [String: [String]]) {
    let id = star.userID.map(String.init) ?? ""
    if !id.isEmpty {
      if let old = index[id], old[0] != star.starredAt { rows.rows[old] = nil }
      index[id] = [star.starredAt, id]
    }
    rows.upsert([star.starredAt, id, star.login ?? ""])
  }
}
