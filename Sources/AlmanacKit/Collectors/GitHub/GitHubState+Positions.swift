extension GitHubState {
  /// A stored position that does not lie under the configured base URL.
  public struct Refusal: Equatable, Sendable {
    public var repo: String
    /// Where in the file: `repos.o/r.stars_resume`, `repos.o/r.pages[…].next`.
    public var field: String
    public var value: String
  }

  /// The state with every position relative to `base` (absolute URLs under the base, written
  /// by older versions, become relative), and the positions that lie elsewhere, dropped: a
  /// foreign `stars_resume` (the crawl starts over from the first page), a page whose key or
  /// `next` is foreign (that page is asked for afresh, without its ETag).
  public func bound(to base: String) -> (state: GitHubState, refused: [Refusal]) {
    var out = self
    var refused: [Refusal] = []
    for (name, repo) in repos.sorted(by: { $0.key < $1.key }) {
      var kept = repo
      if let resume = repo.starsResume {
        kept.starsResume = APIPosition.normalized(resume, base: base)
        if kept.starsResume == nil { refused.append(Refusal(repo: name, field: "repos.\(name).stars_resume", value: resume)) }
      }
      kept.pages = [:]
      for (key, page) in repo.pages.sorted(by: { $0.key < $1.key }) {
        guard let at = APIPosition.normalized(key, base: base) else {
          refused.append(Refusal(repo: name, field: "repos.\(name).pages", value: key))
          continue
        }
        var p = page
        if let next = page.next {
          guard let n = APIPosition.normalized(next, base: base) else {
            refused.append(Refusal(repo: name, field: "repos.\(name).pages[\(at)].next", value: next))
            continue
          }
          p.next = n
        }
        kept.pages[at] = p
      }
      out.repos[name] = kept
    }
    return (out, refused)
  }
}
