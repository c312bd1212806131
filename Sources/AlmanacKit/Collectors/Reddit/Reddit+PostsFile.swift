extension Reddit {
  /// `series/reddit/posts.json`: what each post is (subreddit, title, link, when it was posted),
  /// its first and newest night and its newest state, folded over the raw snapshots in date
  /// order, so a rebuild from raw gives the same bytes. The author is kept only when
  /// `privacy.profiles` is above `off` (`keepAuthor`).
  public struct PostsFile: Equatable, Sendable {
    public static let kind = "reddit-posts"
    public static let version = 1

    public struct Entry: Equatable, Sendable {
      public var subreddit: String
      public var title: String
      public var permalink: String
      public var createdUTC: Int64
      public var firstNight: Day
      public var newestNight: Day
      public var removedBy: String?
      public var locked: Bool
      public var author: String?
    }

    public var posts: [String: Entry] = [:]

    public init() {}

    /// Adds a night's answers: a post's first night is the earliest that answered; its
    /// description comes from the newest.
    public mutating func add(_ raw: RawSnapshot, keepAuthor: Bool) {
      for case (let post?, _) in Reddit.posts(in: raw, keepAuthor: keepAuthor) {
        let old = posts[post.id]
        guard old.map({ raw.date >= $0.newestNight }) ?? true else {
          posts[post.id]?.firstNight = min(old?.firstNight ?? raw.date, raw.date)
          continue
        }
        posts[post.id] = Entry(
          subreddit: post.subreddit, title: post.title, permalink: post.permalink, createdUTC: post.createdUTC,
          firstNight: min(old?.firstNight ?? raw.date, raw.date), newestNight: raw.date, removedBy: post.removedBy, locked: post.locked,
          author: keepAuthor ? post.author : nil)
      }
    }

    public func encoded() -> String {
      CanonicalJSON.encode(.object([
        "format_version": .int(Int64(Self.version)), "kind": .string(Self.kind),
        "posts": .object(posts.mapValues { e in
          var o: [String: JSONValue] = [
            "subreddit": .string(e.subreddit), "title": .string(e.title), "permalink": .string(e.permalink), "created_utc": .int(e.createdUTC),
            "first_night": .string(e.firstNight.description), "newest_night": .string(e.newestNight.description),
            "removed_by": e.removedBy.map { .string($0) } ?? .null, "locked": .bool(e.locked),
          ]
          if let a = e.author { o["author"] = .string(a) }
          return .object(o)
        }),
      ]))
    }

    public static func decode(_ text: String, path: String) throws(FormatError) -> PostsFile {
      func bad(_ problem: String) -> FormatError {
        FormatError(path: path, problem: problem, remedy: "Rebuild it from the raw snapshots with `almanac aggregate --source reddit --rebuild`.")
      }
      guard let json = try? JSONParser.parse(text), json["kind"]?.stringValue == kind else { throw bad("is not a reddit-posts file") }
      guard json["format_version"]?.int64Value == Int64(version) else { throw bad("has format_version \(json["format_version"]?.int64Value.map(String.init) ?? "?"), this Almanac reads \(version)") }
      var file = PostsFile()
      for (id, v) in json["posts"]?.objectValue ?? [:] {
        guard isPostID(id), let sub = v["subreddit"]?.stringValue, let title = v["title"]?.stringValue, let link = v["permalink"]?.stringValue,
          let created = v["created_utc"]?.int64Value, let first = v["first_night"]?.stringValue.flatMap({ Day($0) }),
          let newest = v["newest_night"]?.stringValue.flatMap({ Day($0) }), case .bool(let locked)? = v["locked"]
        else { throw bad("post `\(id)` lacks a field or has a wrong one") }
        file.posts[id] = Entry(
          subreddit: sub, title: title, permalink: link, createdUTC: created, firstNight: first, newestNight: newest,
          removedBy: v["removed_by"]?.stringValue, locked: locked, author: v["author"]?.stringValue)
      }
      return file
    }
  }
}
