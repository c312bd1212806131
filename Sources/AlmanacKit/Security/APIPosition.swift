/// A place in a paged API kept between nights (a stargazer page to resume from, a list page's
/// ETag and `next` link), stored as a path relative to the configured base URL, never as an
/// absolute URL: `/repositories/1/stargazers?per_page=100&page=3` under `https://api.github.com`.
///
/// A stored file is data anyone with write access to the repository can edit (a pull request
/// that touches `stats/`), so a position is only ever resolved against the base URL the
/// configuration names; an absolute URL (written by older versions, or planted) is accepted only
/// when it lies under that base, and anything else resolves to nil: the caller refuses it.
public enum APIPosition {
  /// `url` as a path under `base` (starting with `/`), or nil when it lies elsewhere: another
  /// origin, or the same origin outside the base path.
  public static func relative(_ url: String, to base: String) -> String? {
    let base = trimmed(base)
    guard let origin = Origin(base), Origin(url) == origin else { return nil }
    let basePath = path(of: base)
    let full = path(of: url)
    guard full.hasPrefix(basePath) else { return nil }
    let rest = full.dropFirst(basePath.count)
    if rest.isEmpty { return "/" }
    guard rest.hasPrefix("/") || rest.hasPrefix("?") else { return nil }
    return rest.hasPrefix("?") ? "/" + rest : String(rest)
  }

  /// The absolute URL a stored position stands for, or nil when it is not a place under `base`.
  public static func resolve(_ position: String, against base: String) -> String? {
    let base = trimmed(base)
    if position.hasPrefix("/"), !position.hasPrefix("//"), !position.contains("\\") {
      let url = base + position
      return relative(url, to: base) == nil ? nil : url
    }
    return relative(position, to: base).map { base + $0 }
  }

  /// The stored form of a position that may be absolute (older files): relative when under
  /// `base`, nil otherwise.
  public static func normalized(_ position: String, base: String) -> String? {
    resolve(position, against: base).flatMap { relative($0, to: base) }
  }

  static func trimmed(_ base: String) -> String {
    var b = Substring(base)
    while b.hasSuffix("/") { b = b.dropLast() }
    return String(b)
  }

  /// Everything after the authority: path, query and fragment (`""` for `https://h`).
  static func path(of url: String) -> Substring {
    guard let r = url.range(of: "://") else { return "" }
    let rest = url[r.upperBound...]
    guard let start = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return "" }
    return rest[start...]
  }
}
