/// What the GitHub fetcher remembers between nights, `stats/state/github.json`: the ETag of each
/// list page (with the page's `next` link, since a 304 has no body to read it from) and where
/// the stargazer crawl resumes (a URL GitHub gave in a `Link` header, never one built by hand).
/// Every position is a path relative to the configured base URL (`APIPosition`), so the file
/// cannot send the token anywhere else; `bound(to:)` checks a file read from disk.
///
/// ETags are kept per URL; each URL is always asked for with the same `Accept`. They are not per
/// token: a different token at worst costs one full answer.
public struct GitHubState: Equatable, Sendable {
  public static let kind = "github-state"
  /// Where it lives under the stats directory.
  public static let file = "state/github.json"
  public static let version = 1

  public struct Page: Equatable, Sendable {
    public var etag: String
    public var next: String?
    public init(etag: String, next: String?) {
      self.etag = etag
      self.next = next
    }
  }

  public struct Repo: Equatable, Sendable {
    public var pages: [String: Page] = [:]
    /// The last stargazer page read; tomorrow's crawl starts there.
    public var starsResume: String?
    /// The GraphQL `endCursor` of the last stargazer page read (above the REST cap).
    public var starsCursor: String?
    /// Days Almanac's own nightly job ran in this repository: its checkout is one clone (and
    /// one unique cloner) GitHub counts, which the report subtracts.
    public var ownRuns: Set<Day> = []
    public init() {}
  }

  public var repos: [String: Repo]

  public init(repos: [String: Repo] = [:]) { self.repos = repos }

  public var json: JSONValue {
    .object([
      "format_version": .int(Int64(Self.version)), "kind": .string(Self.kind),
      "repos": .object(repos.mapValues { repo in
        var o: [String: JSONValue] = [
          "pages": .object(repo.pages.mapValues { p in .object(["etag": .string(p.etag), "next": p.next.map(JSONValue.string) ?? .null]) }),
        ]
        if let resume = repo.starsResume { o["stars_resume"] = .string(resume) }
        if let cursor = repo.starsCursor { o["stars_cursor"] = .string(cursor) }
        if !repo.ownRuns.isEmpty { o["own_runs"] = .array(repo.ownRuns.sorted().map { .string($0.description) }) }
        return .object(o)
      }),
    ])
  }

  public func encoded() -> String { CanonicalJSON.encode(json) }

  public static func decode(_ text: String, path: String) throws(FormatError) -> GitHubState {
    let doc = try FileKind.checkedJSON(text, path: path, kind: kind, version: version)
    let r = JSONReader(path: path)
    guard let repos = doc["repos"]?.objectValue else { throw FormatError(path: path, problem: "`repos`: expected an object") }
    var state = GitHubState()
    for (name, value) in repos {
      var repo = Repo()
      repo.starsResume = try r.optionalString(value, "stars_resume", in: "repos.\(name).")
      repo.starsCursor = try r.optionalString(value, "stars_cursor", in: "repos.\(name).")
      for (i, day) in (value["own_runs"]?.arrayValue ?? []).enumerated() {
        guard let d = day.stringValue.flatMap({ Day($0) }) else {
          throw FormatError(path: path, problem: "`repos.\(name).own_runs[\(i)]`: expected a date YYYY-MM-DD")
        }
        repo.ownRuns.insert(d)
      }
      for (url, page) in value["pages"]?.objectValue ?? [:] {
        repo.pages[url] = Page(etag: try r.string(page, "etag", in: "repos.\(name).pages."), next: try r.optionalString(page, "next", in: "repos.\(name).pages."))
      }
      state.repos[name] = repo
    }
    return state
  }
}
