import AlmanacKit
import Foundation

extension Config.RedditSource: NightlySourceSection {
  public static var nightly: any NightlySource { RedditNightly() }
}

/// Reddit as a nightly source: per tracked post, its score, upvote ratio, comment count and
/// removed/locked state on the night's date, into `raw/reddit/`, `records/reddit/`,
/// `series/reddit/<post id>.csv` and `series/reddit/posts.json` (what each post is, and its
/// first night: its mark on the timeline).
public struct RedditNightly: NightlySource {
  public var name: String { Reddit.source }
  /// Where the client id and secret are read from; nil: the process environment.
  public var environment: [String: String]?

  public init(environment: [String: String]? = nil) { self.environment = environment }

  public func isEnabled(in config: Config) -> Bool { !config.redditPosts.isEmpty }

  public func secretVariables(_ config: Config) -> [String] { config.reddit.map { [$0.clientIDEnv, $0.clientSecretEnv] } ?? [] }

  static func keepAuthor(_ config: Config?) -> Bool { (config?.privacy.profiles ?? .off) != .off }

  func fetch(_ night: Night) async -> RawSnapshot {
    let source = night.config.reddit ?? .init()
    let env = environment ?? ProcessInfo.processInfo.environment
    func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
    var client = night.client
    for secret in [value(source.clientIDEnv), value(source.clientSecretEnv)].compactMap({ $0 }) { client.redactor.add(secret) }
    let posts = night.config.redditPosts
    night.console.note("reddit: \(posts.count) post(s) from \(source.apiURL)")
    let console = night.console
    let fetcher = RedditFetcher(
      client: client, source: source, clientID: value(source.clientIDEnv), clientSecret: value(source.clientSecretEnv), keepAuthor: Self.keepAuthor(night.config),
      progress: { console.note($0) },
      onToken: { token in
        console.mask([token])
        console.redactor.add(token)
      })
    let snapshot = await fetcher.fetch(posts, date: night.date)
    for f in snapshot.failures {
      night.console.report(Diagnostic(.warning, "\(f.endpoint) \(f.target): \(f.message)", at: name))
    }
    return snapshot
  }

  public func night(_ night: Night) async throws -> SourceResult {
    try keepNight(await fetch(night), night) { $0.endpoint == Reddit.postEndpoint }
  }

  static func postsPath(_ store: Store) -> String { "\(store.root)/series/\(Reddit.source)/posts.json" }

  func readPosts(_ store: Store) throws(AlmanacError) -> Reddit.PostsFile? {
    let path = Self.postsPath(store)
    guard let text = try FileSystem.read(path) else { return nil }
    do { return try Reddit.PostsFile.decode(text, path: path) } catch { throw .format(error) }
  }

  public func render(_ night: Night) throws -> SourceRendering {
    var out = SourceRendering(source: name)
    guard let file = try readPosts(night.stages.store) else { return out }
    let series = try night.stages.loadSeries(source: name)
    let posts = night.config.redditPosts.compactMap { p in series[p.id].flatMap { Reddit.figures(p, series: $0, posts: file, asOf: night.date) } }
    guard let main = posts.first else { return out }
    out.reportSection = Reddit.reportSection(posts)
    out.site = Reddit.siteSection(posts)
    out.summary = [name: Reddit.summary(posts)]
    out.headlines = ["\(NumberFormat.grouped(main.score)) points on Reddit"]
    out.details = posts.map {
      "reddit \($0.name): \(NumberFormat.grouped($0.score)) points (\(Reddit.signed($0.scoreChange))), \(NumberFormat.grouped($0.comments)) comments (\(Reddit.signed($0.commentsChange))) on \($0.entry.newestNight); \($0.state)"
    }
    out.outputs = [("reddit-score", String(main.score)), ("reddit-comments", String(main.comments))]
    return out
  }
}
