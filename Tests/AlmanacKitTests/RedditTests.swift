import Foundation
import Testing

@testable import AlmanacKit

/// The pure part of the reddit source: post addresses, `sources.reddit` parsing, the edits of
/// `almanac reddit add`/`remove` (the rest of almanac.yml byte for byte), and the decoders.
@Suite struct RedditPosts {
  @Test(arguments: [
    ("https://www.reddit.com/r/swift/comments/116yyx6/show_rswift_my_flatfile_metrics_pipeline/", "116yyx6"),
    ("https://reddit.com/r/Python/comments/1ABC2de", "1abc2de"), ("https://old.reddit.com/r/Python/comments/1abc2de/x/?utm_source=share", "1abc2de"),
    ("https://www.reddit.com/comments/1abc2de", "1abc2de"), ("https://redd.it/1abc2de", "1abc2de"),
    ("https://www.reddit.com/user/someone/comments/1abc2de/x/", "1abc2de"),
    ("https://www.reddit.com/r/Python/comments/1abc2de/x/k9z8y7x/", "1abc2de"),
  ])
  func aPostAddressGivesItsID(_ url: String, _ id: String) {
    #expect(Reddit.postID(fromURL: url) == id)
  }

  @Test(arguments: [
    "https://www.reddit.com/r/Python/", "https://example.com/r/Python/comments/1abc2de/", "https://www.reddit.com/r/Python/comments/",
    "https://www.reddit.com/r/Python/comments/not-an-id!/", "1abc2de", "https://redd.it/", "https://www.reddit.com/x/y/z/comments/1abc2de",
  ])
  func anythingElseIsNotAPost(_ url: String) {
    #expect(Reddit.postID(fromURL: url) == nil)
  }

  static let yaml = """
    # Almanac's configuration.
    targets:
      packages: [demo]   # the package

    sources:
      reddit:
        enabled: true
        username: demo_maintainer   # who made the app
        # The posts we follow:
        posts:
          - {url: "https://www.reddit.com/r/swift/comments/116yyx6/x/", label: "launch"}
          - https://redd.it/1abc2de   # a bare address

        client_id_env: MY_REDDIT_ID
      sentry: {enabled: false}
    privacy:
      profiles: off

    """

  @Test func addingAndRemovingAPostChangesOnlyItsLine() throws {
    let post = try #require(Reddit.TrackedPost(url: "https://www.reddit.com/r/Python/comments/9zz9zz/title/", label: #"say "hi" \ there"#))
    let added = try RedditPostList.adding(post, to: Self.yaml, path: "almanac.yml")
    let before = Self.yaml.split(separator: "\n", omittingEmptySubsequences: false)
    let after = added.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(after.count == before.count + 1)
    #expect(after[12] == #"      - {url: "https://www.reddit.com/r/Python/comments/9zz9zz/title/", label: "say \"hi\" \\ there"}"#)
    #expect(Array(after[..<12]) == Array(before[..<12]) && Array(after[13...]) == Array(before[12...]))
    let config = try ConfigParser.parse(added, path: "almanac.yml")
    #expect(config.reddit?.posts.map(\.id) == ["116yyx6", "1abc2de", "9zz9zz"])
    #expect(config.reddit?.posts.last?.label == #"say "hi" \ there"#)
    #expect(try RedditPostList.removing("9zz9zz", from: added, path: "almanac.yml") == Self.yaml)
    let without = try RedditPostList.removing("116yyx6", from: Self.yaml, path: "almanac.yml")
    #expect(without == Self.yaml.replacingOccurrences(of: "      - {url: \"https://www.reddit.com/r/swift/comments/116yyx6/x/\", label: \"launch\"}\n", with: ""))
  }

  @Test func theFirstPostFillsAnEmptyListAndTheLastLeavesOne() throws {
    let empty = "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n    posts: []   # add with almanac reddit add\n    username: someone\n"
    let post = try #require(Reddit.TrackedPost(url: "https://redd.it/1abc2de"))
    let added = try RedditPostList.adding(post, to: empty, path: "a.yml")
    #expect(added == "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n    posts:  # add with almanac reddit add\n      - {url: \"https://redd.it/1abc2de\"}\n    username: someone\n")
    let removed = try RedditPostList.removing("1abc2de", from: added, path: "a.yml")
    #expect(removed == "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n    posts: []  # add with almanac reddit add\n    username: someone\n")
    let noKey = "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n# end\n"
    #expect(try RedditPostList.adding(post, to: noKey, path: "a.yml") == "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n    posts:\n      - {url: \"https://redd.it/1abc2de\"}\n# end\n")
  }

  @Test func anEntryWrittenOverSeveralLinesIsRemovedWhole() throws {
    let text = "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n    posts:\n    - url: https://redd.it/aaa1\n      label: first   # two lines\n    - https://redd.it/bbb2\n  sentry: {enabled: false}\n"
    #expect(try RedditPostList.removing("aaa1", from: text, path: "a.yml") == "targets: {packages: [d]}\nsources:\n  reddit:\n    enabled: false\n    posts:\n    - https://redd.it/bbb2\n  sentry: {enabled: false}\n")
    let post = try #require(Reddit.TrackedPost(url: "https://redd.it/ccc3"))
    #expect(try RedditPostList.adding(post, to: text, path: "a.yml").contains("    - https://redd.it/bbb2\n    - {url: \"https://redd.it/ccc3\"}\n  sentry:"))
  }

  @Test func editsThatCannotBeMadeSaySo() throws {
    let post = try #require(Reddit.TrackedPost(url: "https://redd.it/116yyx6"))
    #expect(throws: RedditPostList.Failure(message: "almanac.yml: post 116yyx6 is already tracked (https://www.reddit.com/r/swift/comments/116yyx6/x/); nothing changed.")) {
      try RedditPostList.adding(post, to: Self.yaml, path: "almanac.yml")
    }
    #expect(throws: RedditPostList.Failure(message: "almanac.yml: no tracked post `zzz1` (tracked: 116yyx6, 1abc2de); `almanac reddit list` shows them.")) {
      try RedditPostList.removing("zzz1", from: Self.yaml, path: "almanac.yml")
    }
    #expect(throws: RedditPostList.Failure(message: "a.yml has no `sources.reddit` section: add one (`almanac config example` prints it: username, the client id and secret variables), then run this again.")) {
      try RedditPostList.adding(post, to: "targets:\n  packages: [demo]\n", path: "a.yml")
    }
    #expect(throws: RedditPostList.Failure(message: "a.yml: write `sources.reddit` as a block mapping (one key a line) so Almanac can edit its posts.")) {
      try RedditPostList.adding(post, to: "targets: {packages: [d]}\nsources:\n  reddit: {enabled: false}\n", path: "a.yml")
    }
  }

  @Test(arguments: [
    ("targets: {}\nsources:\n  reddit:\n    posts: []\n", "almanac.yml:4: sources.reddit: names no `username`: Reddit requires a User-Agent that names the account that registered the app (`username: your-reddit-name`), or set `enabled: false`"),
    ("targets: {}\nsources:\n  reddit:\n    username: me_me\n    posts: [https://www.reddit.com/r/x/]\n", "almanac.yml:5: sources.reddit.posts[0]: `https://www.reddit.com/r/x/` is not the address of a Reddit post: expected https://www.reddit.com/r/<subreddit>/comments/<id>/… or https://redd.it/<id>"),
    ("targets: {}\nsources:\n  reddit:\n    username: me_me\n    posts: [https://redd.it/abc, https://www.reddit.com/comments/abc]\n", "almanac.yml:5: sources.reddit.posts[1]: post `abc` is listed twice"),
    ("targets: {}\nsources:\n  reddit:\n    username: /u/me\n", "almanac.yml:4: sources.reddit.username: expected the Reddit account that registered the app, without `/u/` (3 to 20 letters, digits, `-`, `_`), found `/u/me`"),
    ("targets: {}\nsources:\n  reddit:\n    username: me_me\n    client_secret_env: 6f1c2b9a8e7d6c5b4a39281706f5e4d3\n", "almanac.yml:5: sources.reddit.client_secret_env: expected the name of an environment variable (like REDDIT_CLIENT_SECRET), not a secret; secrets never go in this file"),
  ])
  func aBadSectionIsNamedWithItsLine(_ yaml: String, _ message: String) {
    #expect(throws: ConfigError.self) { try ConfigParser.parse(yaml, path: "almanac.yml") }
    do { _ = try ConfigParser.parse(yaml, path: "almanac.yml") } catch { #expect(error.description == message) }
  }

  /// `replies: ""`, a `more` stub, `modhash: null` and a float `created_utc` (api-notes §5.1).
  @Test func aThreadDecodesWithTheQuirksOfTheWire() throws {
    let body = #"""
      [{"kind": "Listing", "data": {"after": null, "dist": 1, "modhash": null, "children": [{"kind": "t3", "data": {
        "id": "116yyx6", "subreddit": "swift", "title": "Show r/swift", "author": "someone", "score": 1659, "upvote_ratio": 0.98,
        "num_comments": 97, "created_utc": 1676871913.0, "permalink": "/r/swift/comments/116yyx6/show/", "locked": false,
        "removed_by_category": null, "hide_score": false}}]}},
       {"kind": "Listing", "data": {"modhash": null, "children": [{"kind": "t1", "data": {"id": "j9", "author": "x", "replies": ""}},
        {"kind": "more", "data": {"count": 3, "children": ["a"]}}]}}]
      """#
    let post = try Reddit.decodeThread(body, id: "116yyx6", keepAuthor: false)
    #expect(post == Reddit.Post(
      id: "116yyx6", subreddit: "swift", title: "Show r/swift", permalink: "/r/swift/comments/116yyx6/show/", createdUTC: 1_676_871_913, score: 1659,
      upvoteRatioBP: 9800, comments: 97, locked: false, removedBy: nil, author: nil))
    #expect(try Reddit.decodeThread(body, id: "116yyx6", keepAuthor: true).author == "someone")
    // The compact body the raw snapshot keeps decodes to the same post, and holds no comment.
    let compact = Reddit.compact(post)
    #expect(try Reddit.decodeThread(compact, id: "116yyx6", keepAuthor: true) == post)
    #expect(!compact.contains("t1") && !compact.contains("someone"))
  }

  @Test(arguments: [
    (#"{"message": "Too Many Requests", "error": 429}"#, "the answer is Reddit's error object (error 429: Too Many Requests)"),
    ("<!doctype html><html>blocked</html>", "the body is an HTML page, not Reddit's JSON (a block page or an outage)"),
    (#"[{"kind": "Listing", "data": {"children": []}}, {"kind": "Listing", "data": {"children": []}}]"#, "[0].data.children: expected one post (kind t3), found 0 child(ren)"),
    (#"{"kind": "Listing"}"#, "expected an array of two Listings, found an object"),
  ])
  func aBodyThatIsNotAThreadSaysWhy(_ body: String, _ message: String) {
    #expect(throws: Reddit.Failure(message: message)) { try Reddit.decodeThread(body, id: "116yyx6", keepAuthor: false) }
  }
}
