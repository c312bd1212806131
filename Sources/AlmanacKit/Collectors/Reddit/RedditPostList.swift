import Yams

/// `almanac reddit add` and `remove` edit `sources.reddit.posts` in `almanac.yml` as text: only
/// the lines of the list change, so every comment, blank line, key order and quoting elsewhere
/// stays as the user wrote it. An entry is one line, `- {url: "…", label: "…"}` (or the bare URL).
/// The edited text is parsed again and must hold exactly the expected list, else nothing changes.
public enum RedditPostList {
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }

  /// `text` with `post` appended to `sources.reddit.posts`.
  public static func adding(_ post: Reddit.TrackedPost, to text: String, path: String) throws(Failure) -> String {
    let (before, place) = try locate(text, path: path)
    if let existing = before.first(where: { $0.id == post.id }) {
      throw Failure(message: "\(path): post \(post.id) is already tracked (\(existing.url)); nothing changed.")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    switch place {
    case .items(let itemIndent, let lastLine, _):
      lines.insert(String(repeating: " ", count: itemIndent) + line(post), at: lastLine + 1)
    case .emptyList(let keyLine, let indent):
      lines[keyLine] = emptied(lines[keyLine])
      lines.insert(String(repeating: " ", count: indent + 2) + line(post), at: keyLine + 1)
    case .noKey(let after, let indent):
      lines.insert(contentsOf: [String(repeating: " ", count: indent) + "posts:", String(repeating: " ", count: indent + 2) + line(post)], at: after + 1)
    }
    return try checked(lines.joined(separator: "\n"), path: path, expect: before + [post])
  }

  /// `text` without the post `id` in `sources.reddit.posts`.
  public static func removing(_ id: String, from text: String, path: String) throws(Failure) -> String {
    let (before, place) = try locate(text, path: path)
    guard case .items(_, let lastLine, let starts) = place, let i = before.firstIndex(where: { $0.id == id }) else {
      throw Failure(message: "\(path): no tracked post `\(id)` (tracked: \(before.isEmpty ? "none" : before.map(\.id).joined(separator: ", "))); `almanac reddit list` shows them.")
    }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var end = i + 1 < starts.count ? starts[i + 1] - 1 : lastLine
    while end > starts[i], isBlankOrComment(lines[end]) { end -= 1 }
    lines.removeSubrange(starts[i]...end)
    if before.count == 1, let keyLine = (0..<starts[i]).last(where: { lines[$0].trimmed(of: " ").hasPrefix("posts:") }) {
      lines[keyLine] = emptied(lines[keyLine]).replacingOccurrences(of: "posts:", with: "posts: []")
    }
    var after = before
    after.remove(at: i)
    return try checked(lines.joined(separator: "\n"), path: path, expect: after)
  }

  enum Place {
    /// A block list: the items' indent, the last line of the last item, each item's first line.
    case items(indent: Int, lastLine: Int, starts: [Int])
    case emptyList(keyLine: Int, indent: Int)
    /// No `posts:` key: add one after this line, at this indent.
    case noKey(after: Int, indent: Int)
  }

  static func locate(_ text: String, path: String) throws(Failure) -> ([Reddit.TrackedPost], Place) {
    let config: Config
    do { config = try ConfigParser.parse(text, path: path) } catch { throw Failure(message: "\(error.description)") }
    guard let section = config.reddit else {
      throw Failure(message: "\(path) has no `sources.reddit` section: add one (`almanac config example` prints it: username, the client id and secret variables), then run this again.")
    }
    let root: Node?
    do { root = try Yams.compose(yaml: text) } catch { throw Failure(message: "\(path): \(error)") }
    // A block mapping's keys start on the lines below its own key; a flow one's on the same line.
    guard let reddit = pair(root, "sources").flatMap({ pair($0.value, "reddit") }), case .mapping(let m) = reddit.value,
      let redditLine = reddit.key.mark.map({ $0.line - 1 }), m.allSatisfy({ ($0.key.mark?.line ?? 0) - 1 > redditLine })
    else { throw Failure(message: "\(path): write `sources.reddit` as a block mapping (one key a line) so Almanac can edit its posts.") }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let posts = pair(reddit.value, "posts"), let keyLine = posts.key.mark.map({ $0.line - 1 }) else {
      let childIndent = m.first.flatMap { $0.key.mark.map { $0.column - 1 } } ?? indent(lines[redditLine]) + 2
      return (section.posts, .noKey(after: blockEnd(lines, from: redditLine, indent: indent(lines[redditLine])), indent: childIndent))
    }
    let keyIndent = indent(lines[keyLine])
    switch posts.value {
    case .scalar where posts.value.null != nil:
      return (section.posts, .emptyList(keyLine: keyLine, indent: keyIndent))
    case .sequence(let s) where s.isEmpty:
      return (section.posts, .emptyList(keyLine: keyLine, indent: keyIndent))
    case .sequence(let s):
      let starts = s.compactMap { $0.mark.map { $0.line - 1 } }
      guard starts.count == s.count, Set(starts).count == starts.count, let first = starts.first, starts.allSatisfy({ lines[$0].trimmed(of: " ").hasPrefix("- ") }) else {
        throw Failure(message: "\(path): write each entry of `sources.reddit.posts` on its own `- ` line so Almanac can edit the list.")
      }
      return (section.posts, .items(indent: indent(lines[first]), lastLine: blockEnd(lines, from: keyLine, indent: keyIndent, dashesAtIndent: true), starts: starts))
    default:
      throw Failure(message: "\(path): write `sources.reddit.posts` as a block list (`- ` lines) or `[]` so Almanac can edit it.")
    }
  }

  static func pair(_ node: Node?, _ key: String) -> (key: Node, value: Node)? {
    guard case .mapping(let m)? = node else { return nil }
    return m.first { $0.key.string == key }.map { ($0.key, $0.value) }
  }

  /// The last line of the block that starts at `from` (its deeper lines; with `dashesAtIndent`,
  /// also `- ` lines at the key's own indent), not counting trailing blank and comment lines.
  static func blockEnd(_ lines: [String], from: Int, indent keyIndent: Int, dashesAtIndent: Bool = false) -> Int {
    var last = from
    var i = from + 1
    while i < lines.count {
      let l = lines[i]
      if isBlankOrComment(l) { i += 1; continue }
      let n = indent(l)
      guard n > keyIndent || (dashesAtIndent && n == keyIndent && l.trimmed(of: " ").hasPrefix("-")) else { break }
      last = i
      i += 1
    }
    return last
  }

  static func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
  static func isBlankOrComment(_ line: String) -> Bool {
    let t = line.trimmed(of: " \t")
    return t.isEmpty || t.hasPrefix("#")
  }

  /// `posts: []  # note` → `posts:  # note`; `posts: ~` → `posts:`.
  static func emptied(_ line: String) -> String {
    guard let colon = line.range(of: "posts:") else { return line }
    let rest = line[colon.upperBound...]
    let comment = rest.range(of: "#").map { "  " + rest[$0.lowerBound...] } ?? ""
    return String(line[..<colon.upperBound]) + comment
  }

  static func line(_ post: Reddit.TrackedPost) -> String {
    "- {url: \(quoted(post.url))" + (post.label.map { ", label: \(quoted($0))" } ?? "") + "}"
  }

  /// A YAML double-quoted scalar: a JSON string is one (YAML 1.2 reads JSON's escapes).
  static func quoted(_ s: String) -> String { CanonicalJSON.encodeCompact(.string(s)) }

  static func checked(_ text: String, path: String, expect: [Reddit.TrackedPost]) throws(Failure) -> String {
    let got: [Reddit.TrackedPost]?
    do { got = try ConfigParser.parse(text, path: path).reddit?.posts } catch {
      throw Failure(message: "\(path): the edit would leave the file unreadable (\(error.description)); nothing changed. Edit `sources.reddit.posts` by hand.")
    }
    guard got == expect else { throw Failure(message: "\(path): the edit did not give the expected list of posts; nothing changed. Edit `sources.reddit.posts` by hand.") }
    return text
  }
}
