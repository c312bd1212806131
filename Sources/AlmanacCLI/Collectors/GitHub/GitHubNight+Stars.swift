import AlmanacKit
import Foundation

extension GitHubNight {
  /// Stargazers with dates, incrementally, from the last page read (a `Link` header's URL, kept
  /// as a path under the base URL).
  /// When the count matches what is stored, that page is asked for with its ETag: a 304 (free)
  /// means nothing moved, since any star or unstar shifts the last page. When the stored stars
  /// plus the new ones outnumber GitHub's count, someone unstarred: the whole list is read again
  /// (`stargazers_full`) so normalize can drop them.
  mutating func stargazers(_ repo: String, stars: Int64, known: GitHubFetcher.Known) async {
    let stored = known.starUserIDs.count + known.ghostStars
    let resume = resolve(state.repos[repo]?.starsResume)
    if stars == 0, stored == 0 { return }
    let unchangedCount = Int64(stored) == stars && resume != nil
    let first = "\(base)/repos/\(repo)/stargazers?per_page=100"
    let etag = unchangedCount ? resume.flatMap { state.repos[repo]?.pages[position($0)]?.etag } : nil
    var crawl = await crawlStars(repo, from: resume ?? first, endpoint: .stargazers, etag: etag)
    if case .unchanged = crawl.end { return }
    if case .capped = crawl.end {
      if let last = crawl.last { state.repos[repo, default: GitHubState.Repo()].starsResume = position(last) }
      await graphqlStars(repo)
      return
    }
    if case .forbidden(let message) = crawl.end {
      await starHistory(repo, reason: message)
      return
    }
    let total = known.starUserIDs.union(crawl.ids).count + max(known.ghostStars, crawl.ghosts)
    if case .done = crawl.end, Int64(total) > stars, resume != nil {
      crawl = await crawlStars(repo, from: first, endpoint: .stargazers, full: true)
    }
    if let last = crawl.last { state.repos[repo, default: GitHubState.Repo()].starsResume = position(last) }
    if fetcher.options.profiles != .off {
      let wanted = crawl.logins.filter { !known.profiled.contains($0) }.sorted().prefix(fetcher.options.maxProfiles)
      for login in wanted { await profile(repo, login: login) }
    }
  }

  /// `GET /users/{login}`, reduced to what `privacy.profiles` allows before it is kept; a
  /// deleted account (404) is skipped.
  mutating func profile(_ repo: String, login: String) async {
    let url = "\(base)/users/\(login)"
    guard let response = await get(repo, .user, url) else { return }
    guard response.status == 200 else {
      if response.status != 404 { fail(repo, .user, explain(repo, .user, response)) }
      return
    }
    guard let body = GitHubProfile.filtered(response.text, level: fetcher.options.profiles) else {
      fail(repo, .user, "the profile of \(login) is not a JSON object")
      return
    }
    var kept = response
    kept.body = Data(body.utf8)
    keep(repo, .user, url, kept)
  }

  struct StarCrawl {
    enum End { case done, unchanged, capped, forbidden(String), failed }
    var end = End.done
    var ids = Set<Int64>()
    var logins = Set<String>()
    var ghosts = 0
    var last: String?
  }

  mutating func crawlStars(_ repo: String, from start: String, endpoint: GitHub.Endpoint, full: Bool = false, etag: String? = nil) async -> StarCrawl {
    var crawl = StarCrawl()
    var url: String? = start
    var visited = Set<String>()
    let name = full ? "stargazers_full" : endpoint.rawValue
    while let current = url {
      guard visited.insert(current).inserted, visited.count <= fetcher.options.maxPages else { break }
      guard let response = await get(repo, endpoint, current, accept: GitHub.starMediaType, etag: current == start ? etag : nil) else {
        crawl.end = .failed
        return crawl
      }
      switch response.status {
      case 304:
        keep(repo, endpoint, current, response)
        crawl.end = .unchanged
        return crawl
      case 200:
        do {
          let page = try GitHub.answer { () throws(FormatError) in try Stargazer.decodePage(response.text, at: "github \(name) for \(repo)") }
          for s in page {
            if let id = s.userID { crawl.ids.insert(id) } else { crawl.ghosts += 1 }
            if let login = s.login { crawl.logins.insert(login) }
          }
        } catch {
          fail(repo, endpoint, error.description)
          diagnostics.append(Diagnostic(.error, error.description, at: "github \(repo)"))
          crawl.end = .failed
          return crawl
        }
        // Only a page that decoded keeps its ETag: a 304 must never stand for a refused body.
        let following = next(repo, endpoint, response)
        if let tag = response.headers["etag"] {
          state.repos[repo, default: GitHubState.Repo()].pages[position(current)] = GitHubState.Page(etag: tag, next: following.map(position))
        }
        keep(repo, endpoint, current, response)
        if full { snapshot.exchanges[snapshot.exchanges.count - 1].endpoint = name }
        crawl.last = current
        url = following
      case 422:
        warn(repo, "GitHub lists at most \(GitHub.listCap) stargazers over REST (HTTP 422 past page 400); the rest are read over GraphQL")
        crawl.end = .capped
        return crawl
      case 403:
        crawl.end = .forbidden(GitHub.errorMessage(response.text) ?? "HTTP 403")
        return crawl
      default:
        fail(repo, endpoint, explain(repo, endpoint, response))
        crawl.end = .failed
        return crawl
      }
    }
    return crawl
  }

  /// The weekly `stargazers/history` endpoint, for when the list is not allowed or not wanted;
  /// when it is missing too, the nightly `stargazers_count` is all there is, and the run says so.
  mutating func starHistory(_ repo: String, reason: String?) async {
    let url = "\(base)/repos/\(repo)/stargazers/history"
    let why = reason.map { "listing stargazers was refused (\"\($0)\"; it needs admin or collaborator access)" } ?? "stars: history was configured"
    guard let response = await get(repo, .starHistory, url) else { return }
    guard response.status == 200 else {
      let problem = "star dates for \(repo) are unavailable: \(why), and stargazers/history answered HTTP \(response.status). Only the nightly star count (repo.csv) is recorded; give the token in \(tokenVariable) push access for dated stars"
      warn(repo, problem)
      fail(repo, .starHistory, problem)
      return
    }
    guard keep(repo, .starHistory, url, response) else { return }
    if reason != nil { warn(repo, "\(why); stars per day come from stargazers/history (no identities)") }
  }
}
