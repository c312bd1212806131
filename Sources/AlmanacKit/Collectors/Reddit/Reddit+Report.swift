/// The Reddit part of REPORT.md, the HTML report and summary.json, from the stored series and
/// `series/reddit/posts.json`.
extension Reddit {
  public struct PostFigures: Equatable, Sendable {
    public var id: String
    /// The label `almanac reddit add --label` gave, else the id.
    public var name: String
    public var entry: PostsFile.Entry
    public var score: Int64
    public var comments: Int64
    public var upvoteRatioBP: Int64
    /// Against the newest earlier night held; nil on a post's first night.
    public var scoreChange: Int64?
    public var commentsChange: Int64?
    public var scores: [Day: Int64]

    public var state: String {
      if let by = entry.removedBy { return by == "deleted" ? "deleted by its author" : "removed (\(by))" }
      return entry.locked ? "locked" : "live"
    }
  }

  public static func figures(_ post: TrackedPost, series: Series, posts: PostsFile, asOf: Day) -> PostFigures? {
    let scores = series.values(dimension, "score").filter { $0.key <= asOf }
    guard let entry = posts.posts[post.id], let newest = scores.keys.max(), let score = scores[newest] else { return nil }
    let comments = series.values(dimension, "comments")
    let previous = scores.keys.filter { $0 < newest }.max()
    return PostFigures(
      id: post.id, name: post.name, entry: entry, score: score, comments: comments[newest] ?? 0,
      upvoteRatioBP: series.values(dimension, "upvote_ratio_bp")[newest] ?? 0,
      scoreChange: previous.flatMap { scores[$0] }.map { score - $0 }, commentsChange: previous.flatMap { comments[$0] }.map { (comments[newest] ?? 0) - $0 },
      scores: scores)
  }

  public static func signed(_ n: Int64?) -> String {
    guard let n else { return "new" }
    return n > 0 ? "+\(NumberFormat.grouped(n))" : n < 0 ? "−\(NumberFormat.grouped(-n))" : "±0"
  }

  static func ratio(_ bp: Int64) -> String { "\(bp / 100)%" }

  static func link(_ e: PostsFile.Entry) -> String { "https://www.reddit.com" + (e.permalink.hasPrefix("/") ? e.permalink : "/" + e.permalink) }

  public static func reportSection(_ posts: [PostFigures]) -> String {
    guard !posts.isEmpty else { return "" }
    var lines = [
      "## Reddit posts", "",
      "| post | subreddit | first night | newest night | score | since the night before | comments | since the night before | upvoted | state |",
      "|---|---|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for p in posts {
      lines.append(
        "| \(Markdown.text(p.name)) | r/\(Markdown.text(p.entry.subreddit)) | \(p.entry.firstNight) | \(p.entry.newestNight) | \(NumberFormat.grouped(p.score)) | \(signed(p.scoreChange)) | \(NumberFormat.grouped(p.comments)) | \(signed(p.commentsChange)) | \(ratio(p.upvoteRatioBP)) | \(p.state) |")
    }
    lines += [
      "",
      "Read once a night through Reddit's API (app-only OAuth). A post's first night is when Almanac began tracking it (its mark on the timeline); Reddit fuzzes scores, so small changes are noise. No commenter's name is read or kept.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  public static func summary(_ posts: [PostFigures]) -> JSONValue {
    var out: [String: JSONValue] = [:]
    for p in posts {
      out[p.id] = .object([
        "name": .string(p.name), "subreddit": .string(p.entry.subreddit), "first_night": .string(p.entry.firstNight.description),
        "newest_night": .string(p.entry.newestNight.description), "score": .int(p.score), "comments": .int(p.comments),
        "upvote_ratio": .double(Double(p.upvoteRatioBP) / 10_000), "score_change": p.scoreChange.map { .int($0) } ?? .null,
        "comments_change": p.commentsChange.map { .int($0) } ?? .null, "removed": .bool(p.entry.removedBy != nil), "locked": .bool(p.entry.locked),
      ])
    }
    return .object(["posts": .object(out)])
  }

  public static func siteSection(_ posts: [PostFigures]) -> Site.Section {
    guard !posts.isEmpty else { return Site.Section() }
    var html = "<h3>Reddit posts</h3>\n"
    for p in posts {
      html += "<h3><a href=\"\(HTML.escape(link(p.entry)))\">\(HTML.escape(p.name))</a></h3>\n"
      html += "<p>r/\(HTML.escape(p.entry.subreddit)): \(HTML.escape(NumberFormat.grouped(p.score))) points, \(HTML.escape(NumberFormat.grouped(p.comments))) comments, \(ratio(p.upvoteRatioBP)) upvoted; \(HTML.escape(p.state)). Tracked since \(p.entry.firstNight).</p>\n"
      let range = max(p.entry.firstNight, p.entry.newestNight.adding(days: -89))...p.entry.newestNight
      html += DailySeriesChart(
        title: "Score of \(p.name) per night", unit: "points", series: DailySeries(values: p.scores.filter { range.contains($0.key) }), range: range,
        releases: range.contains(p.entry.firstNight) ? [ChartMarker(p.entry.firstNight, "first night")] : []
      ).render().html()
    }
    return Site.Section(panels: [Site.Panel(.community, html)])
  }
}
