import AlmanacKit
import Foundation

extension GitHubNight {
  mutating func fetchRepo(_ repo: String, known: GitHubFetcher.Known) async {
    let url = "\(base)/repos/\(repo)"
    guard let response = await get(repo, .repo, url) else { return }
    guard response.status == 200 else {
      fail(repo, .repo, explain(repo, .repo, response))
      if response.status == 401 { stopReason = "the token in \(tokenVariable) was refused (HTTP 401 Bad credentials)" }
      return
    }
    guard keep(repo, .repo, url, response) else { return }
    let info: GitHubRepo
    do {
      info = try GitHub.answer { () throws(FormatError) in try GitHubRepo.decode(response.text, at: "github repo for \(repo)") }
    } catch {
      fail(repo, .repo, error.description)
      return
    }
    if info.fullName.lowercased() != repo.lowercased() {
      warn(repo, "GitHub redirected \(repo) to \(info.fullName) (renamed or transferred); its files stay under \(repo) until you update targets.repos in almanac.yml")
    }
    let options = fetcher.options
    if options.traffic { await traffic(repo, canPush: info.canPush) }
    switch options.stars {
    case .list: await stargazers(repo, stars: info.stars, known: known)
    case .history: await starHistory(repo, reason: nil)
    case .graphql: await graphqlStars(repo)
    case .count: break
    }
    if options.forks { await list(repo, .forks, "\(base)/repos/\(repo)/forks?sort=oldest&per_page=100") }
    if options.releases { await list(repo, .releases, "\(base)/repos/\(repo)/releases?per_page=100") }
  }

  /// Traffic only when `permissions.push` says the token may read it: no wasted 403.
  mutating func traffic(_ repo: String, canPush: Bool?) async {
    guard fetcher.token != nil else {
      warn(repo, "traffic skipped: no token in \(tokenVariable). GitHub shows traffic only to a token with push access (classic with `repo` scope, or fine-grained with Administration: read)")
      return
    }
    guard canPush == true else {
      warn(repo, "traffic skipped: the token in \(tokenVariable) has no push access to \(repo) (permissions.push is false). Use a classic token with `repo` scope from an account with push access, or a fine-grained token with Administration: read; the Actions GITHUB_TOKEN cannot read traffic")
      return
    }
    let plan: [(GitHub.Endpoint, String)] = [
      (.views, "traffic/views?per=day"), (.clones, "traffic/clones?per=day"), (.referrers, "traffic/popular/referrers"), (.paths, "traffic/popular/paths"),
    ]
    for (endpoint, path) in plan {
      let url = "\(base)/repos/\(repo)/\(path)"
      guard let response = await get(repo, endpoint, url) else { continue }
      if response.status == 200 {
        keep(repo, endpoint, url, response)
      } else {
        fail(repo, endpoint, explain(repo, endpoint, response))
        if response.status == 403 { return }  // the same token will not read the others either
      }
    }
  }

  /// A list read page by page along `Link: rel="next"`, with stored ETags: an unchanged page
  /// answers 304 (free) and its stored `next` link carries on.
  mutating func list(_ repo: String, _ endpoint: GitHub.Endpoint, _ first: String) async {
    var url: String? = first
    var visited = Set<String>()
    while let current = url, visited.count < fetcher.options.maxPages, visited.insert(current).inserted {
      let stored = state.repos[repo]?.pages[position(current)]
      guard let response = await get(repo, endpoint, current, etag: stored?.etag) else { return }
      switch response.status {
      case 304:
        keep(repo, endpoint, current, response)
        url = resolve(stored?.next)
      case 200:
        // A bad body ends the list here, and its ETag is not stored (a 304 must never stand
        // for an answer that was refused).
        guard keep(repo, endpoint, current, response) else { return }
        let next = self.next(repo, endpoint, response)
        if let etag = response.headers["etag"] {
          state.repos[repo, default: GitHubState.Repo()].pages[position(current)] = GitHubState.Page(etag: etag, next: next.map(position))
        }
        url = next
      default:
        fail(repo, endpoint, explain(repo, endpoint, response))
        return
      }
    }
  }
}
