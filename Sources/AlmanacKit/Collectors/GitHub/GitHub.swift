/// GitHub's REST API (api-notes.md §1–3): names, media types and the JSON reading shared by the
/// decoders. No I/O: the fetcher in AlmanacCLI sends the requests, these types read the answers.
public enum GitHub {
  public static let source = "github"
  public static let defaultBaseURL = "https://api.github.com"
  public static let defaultTokenVariable = "ALMANAC_GITHUB_TOKEN"
  /// Pinned, so a new API version (2026-03-10 drops `has_downloads`) cannot change a shape under us.
  public static let apiVersion = "2022-11-28"
  public static let jsonMediaType = "application/vnd.github+json"
  /// Stargazers with `starred_at`; without it GitHub sends bare users.
  public static let starMediaType = "application/vnd.github.star+json"
  /// REST lists stop at 400 pages of 100; page 401 answers 422.
  public static let listCap = 40_000

  /// The endpoint names raw snapshots use for their exchanges.
  public enum Endpoint: String, CaseIterable, Sendable {
    case repo, views, clones, referrers, paths, stargazers, starHistory = "stargazers_history", forks, releases, user, starsGraphQL = "stargazers_graphql"
  }

  /// Parses a response body; a body that is not JSON (an HTML error page, a truncated answer)
  /// becomes a `FormatError` naming where it came from and the line.
  public static func parse(_ body: String, at path: String) throws(FormatError) -> JSONValue {
    do {
      return try JSONParser.parse(body)
    } catch {
      throw FormatError(path: path, line: error.line, problem: "the body is not JSON (\(error.message))", remedy: bodyRemedy)
    }
  }

  public static let bodyRemedy = "GitHub may have answered with an error page; the next night fetches it again."

  /// Runs a decoder over a fresh answer: a shape it refuses is GitHub's answer, not a file of
  /// the store, so the remedy is the next night rather than `git checkout` of a path that
  /// names a request.
  public static func answer<T>(_ decode: () throws(FormatError) -> T) throws(FormatError) -> T {
    do { return try decode() } catch {
      var refused = error
      if refused.remedy == FormatError.defaultRemedy { refused.remedy = bodyRemedy }
      throw refused
    }
  }

  /// `message` of a GitHub error body (`{"message": …, "status": "403"}`), if the body is one.
  public static func errorMessage(_ body: String) -> String? {
    guard let doc = try? JSONParser.parse(body) else { return nil }
    return doc["message"]?.stringValue
  }

  /// `owner/repo` checked for shape: two non-empty parts of GitHub's name characters.
  public static func isRepoName(_ name: String) -> Bool {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return false }
    return parts.allSatisfy { part in
      !part.isEmpty && part != "." && part != ".."
        && part.utf8.allSatisfy { c in
          (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == 0x2D || c == 0x2E || c == 0x5F
        }
    }
  }
}

extension JSONReader {
  public func optionalString(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> String? {
    switch v[key] {
    case nil, .null?: return nil
    case .string(let s)?: return s
    case let other?: throw missing(key, "a string or null", other, context)
    }
  }

  public func optionalBool(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> Bool? {
    switch v[key] {
    case nil, .null?: return nil
    case .bool(let b)?: return b
    case let other?: throw missing(key, "a boolean", other, context)
    }
  }

  /// A non-negative count (counts beyond Int32 are fine: Int64 throughout).
  public func count(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> Int64 {
    let n = try int(v, key, in: context)
    guard n >= 0 else { throw FormatError(path: path, problem: "`\(context)\(key)`: expected a count, found \(n)") }
    return n
  }

  /// A GitHub timestamp (`2016-10-10T00:00:00Z`), kept as text; its day must parse.
  public func timestamp(_ v: JSONValue, _ key: String, in context: String = "") throws(FormatError) -> String {
    let s = try string(v, key, in: context)
    guard Day(isoPrefix: s) != nil, s.count >= 10 else {
      throw FormatError(path: path, problem: "`\(context)\(key)`: expected a timestamp like 2016-10-10T00:00:00Z, found \(CanonicalJSON.encodeCompact(.string(s)))")
    }
    return s
  }

  public func topArray(_ v: JSONValue) throws(FormatError) -> [JSONValue] {
    guard let a = v.arrayValue else { throw FormatError(path: path, problem: "expected a JSON array at the top level, found \(v.kindName)") }
    return a
  }
}
