import AlmanacKit

/// One repository as `GitHubFake` serves it.
public struct GitHubFakeRepo: Sendable {
  public struct Star: Sendable {
    public var at: String
    /// nil: a deleted ("ghost") account, served as `"user": null`.
    public var id: Int64?
    public var login: String
    public init(at: String, id: Int64?, login: String) {
      self.at = at
      self.id = id
      self.login = login
    }
  }

  public var fullName: String
  public var id: Int64
  public var stars: [Star]
  public var subscribers: Int64 = 2
  public var openIssues: Int64 = 4
  public var size: Int64 = 120
  public var isFork = false
  public var archived = false
  /// `permissions.push` for an authenticated caller.
  public var canPush = true
  /// The `message` of a 403 on traffic, when set (push alone is not enough, e.g. fine-grained).
  public var trafficDenied: String?
  /// When set, listing stargazers answers 403 with this message (admins and collaborators only).
  public var starListDenied: String?
  /// Serve `stargazers/history` (reported 2026); otherwise it answers 404.
  public var hasStarHistory = false
  /// Days of views and clones: (count, uniques); absent days are left out, as GitHub does.
  public var views: [String: (Int64, Int64)] = [:]
  public var clones: [String: (Int64, Int64)] = [:]
  public var viewTotals: (Int64, Int64)?
  public var referrers: [(String, Int64, Int64)] = []
  public var paths: [(String, String, Int64, Int64)] = []
  /// (id, full name, created_at), oldest first.
  public var forks: [(Int64, String, String)] = []
  /// Releases as JSON text, served as one array.
  public var releasesJSON = "[]"

  public init(_ fullName: String, id: Int64 = 515_435_940, stars: [Star] = []) {
    self.fullName = fullName
    self.id = id
    self.stars = stars
  }

  /// `n` stars, one a day from `from`, user ids 1000…, logins `user1`….
  public static func stars(_ n: Int, from: String = "2026-01-01", startID: Int64 = 1000) -> [Star] {
    let first = Day(from) ?? Day(ordinal: 0)
    return (0..<n).map { i in
      Star(at: "\(first.adding(days: i / 3))T1\(i % 10):00:00Z", id: startID + Int64(i), login: "user\(Int64(i) + startID)")
    }
  }
}
