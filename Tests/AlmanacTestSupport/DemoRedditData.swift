import AlmanacKit
import Foundation

/// The demo's Reddit posts: the 1.0 announcement in r/Python (posted 2026-05-21, growing after
/// the 2026-11-18 release) and a question in r/learnpython a moderator removed in November.
/// Each night the fake shows the posts as they stand that night. DemoCommand.config tracks both.
public enum DemoRedditData {
  public static let clientID = "demo-reddit-client-id"
  public static let clientSecret = "demo-reddit-secret-replayed-never-sent"
  public static let token = "demo-reddit-bearer-replayed-never-sent"
  public static let username = "tidewater-maintainer"
  public static let launch = "1cx7q2k"
  public static let question = "1bq4t8m"

  public static func posts(asOf night: Day) -> [String: RedditFake.Post] {
    let days = Double(night - Day("2026-05-21")!)
    var launchPost = RedditFake.Post(
      subreddit: "Python", title: "tidewater 1.0: flat-file metrics for your package", author: "tidewater-maintainer", createdUTC: 1_779_375_600,
      score: Int(180 + min(days, 10) * 6 + (night >= Day("2026-11-18")! ? Double(night - Day("2026-11-18")!) * 9 : 0)), upvoteRatio: 0.96,
      comments: 31 + Int(min(days, 12)) + (night >= Day("2026-11-20")! ? 4 : 0))
    launchPost.commenters = ["demo_commenter_one", "demo_commenter_two"]
    var question = RedditFake.Post(
      subreddit: "learnpython", title: "How do I read tidewater's summary.json?", author: "someone-learning", createdUTC: 1_778_491_800,
      score: 14, upvoteRatio: 0.89, comments: 6)
    if night >= Day("2026-11-21")! { question.removedBy = "moderator" }
    if night >= Day("2026-11-20")! { question.locked = true }
    return [launch: launchPost, Self.question: question]
  }

  public static func fake(asOf night: Day) -> RedditFake {
    RedditFake(clientID: clientID, clientSecret: clientSecret, tokens: [token], posts: posts(asOf: night))
  }
}
