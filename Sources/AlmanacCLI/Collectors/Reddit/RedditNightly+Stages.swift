import AlmanacKit
import Foundation

extension RedditNightly {
  public func refusedFetchFlags(_ flags: FetchFlags) -> String? {
    if !flags.packages.isEmpty { return "reddit fetches tracked posts, not packages: add them with `almanac reddit add URL`" }
    if flags.requestInterval != nil { return "reddit follows its own rate-limit headers; --request-interval does not apply" }
    return nil
  }

  public func fetch(_ r: FetchRequest) async throws {
    var config = r.config
    if let baseURL = r.baseURL { config.reddit = { var s = $0 ?? .init(); s.apiURL = baseURL; return s }(config.reddit) }
    guard !config.redditPosts.isEmpty else {
      throw AlmanacError.usage("no post to fetch: add one with `almanac reddit add URL` and set `sources.reddit.enabled: true` in \(r.configPath).")
    }
    let stages = r.stages(config)
    let snapshot = await fetch(Night(config: config, client: r.client(config), stages: stages, lookbackDays: r.lookbackDays))
    try r.emit(snapshot, stages: stages) { PlausibleFetcher.merge(new: $0, old: $1) }
    try Nightly.exitStatus(snapshot)
  }

  public func normalize(_ raw: RawSnapshot, path: String) -> (records: RecordSet, diagnostics: [Diagnostic]) {
    Reddit.normalize(raw, path: path)
  }

  /// The series (one value per post and night, never gap-filled) and `posts.json`, folded over
  /// the held raw snapshots up to the as-of date (from scratch with `rebuild`).
  public func aggregate(_ stages: Stages, config: Config?, rebuild: Bool) throws(AlmanacError) {
    let (series, revisions) = try stages.mergeStored(
      source: name, rebuild: rebuild, classified: false, dimensions: [Reddit.dimension], sparse: [Reddit.dimension])
    stages.reportRevisions(revisions)
    for (post, s) in series.sorted(by: { $0.key < $1.key }) {
      let path = stages.store.seriesPath(name, post)
      stages.wrote(try stages.store.write(s.encoded(), to: path, validate: Store.seriesValidator(package: post, source: name)), path)
    }
    let keepAuthor = Self.keepAuthor(config)
    var file = rebuild ? Reddit.PostsFile() : try readPosts(stages.store) ?? Reddit.PostsFile()
    for day in stages.store.snapshotDays("raw", name) where day <= stages.date {
      if let raw = try stages.store.readRaw(name, day) { file.add(raw, keepAuthor: keepAuthor) }
    }
    if !keepAuthor { for id in file.posts.keys { file.posts[id]?.author = nil } }
    guard !file.posts.isEmpty else { return }
    let path = Self.postsPath(stages.store)
    stages.wrote(try stages.store.write(file.encoded(), to: path, validate: Store.jsonValidator), path)
  }

  public func explain(_ c: Config, environment: [String: String]) -> [String] {
    guard let s = c.reddit else { return [] }
    guard s.enabled else { return ["source reddit: disabled"] }
    func state(_ name: String) -> String { (environment[name] ?? "").isEmpty ? "not set — the night will fail until it is" : "set" }
    let posts = s.posts.isEmpty ? "no post tracked yet (add one with `almanac reddit add URL`)" : "\(s.posts.count) post(s): \(s.posts.map(\.name).joined(separator: ", "))"
    return [
      "source reddit: \(posts); app-only OAuth: client id from $\(s.clientIDEnv) (\(state(s.clientIDEnv))), secret from $\(s.clientSecretEnv) (\(state(s.clientSecretEnv))), sent only to \(s.authURL); "
        + "the token only to \(s.apiURL); User-Agent `\(Reddit.userAgent(username: s.username, version: HTTPClient.version))`; score, upvote ratio, comments and removed/locked state once a night; 1 + \(s.posts.count) requests a night; "
        + "the author \(Self.keepAuthor(c) ? "is kept (privacy.profiles is above off)" : "is not kept (privacy.profiles: off)"), commenters never"
    ]
  }

  public func initSnippet(_ t: InitTargets) -> String {
    """
      reddit:                       # score, upvote ratio and comments of tracked posts (Reddit API, app-only OAuth)
        enabled: false              # make a "script" app at reddit.com/prefs/apps, set the REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET secrets, then set true
        username: your-reddit-name  # the account that made the app: Reddit's User-Agent names it
        posts: []                   # `almanac reddit add URL --label TEXT` adds one here
        # client_id_env: REDDIT_CLIENT_ID
        # client_secret_env: REDDIT_CLIENT_SECRET
    """
  }
}
