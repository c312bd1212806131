import AlmanacKit
import Foundation

extension GitHubNight {
  /// Stargazers over GraphQL from the persisted cursor, page by page, until `hasNextPage` is
  /// false. A rate limit answered as 200 waits for the reset within the budget; errors are
  /// surfaced even when data came with them; a cursor that does not move ends the loop.
  mutating func graphqlStars(_ repo: String) async {
    guard fetcher.token != nil else {
      warn(repo, "dated stars over GraphQL skipped: GraphQL needs a token, and \(tokenVariable) is empty; only the nightly star count is recorded")
      return
    }
    var cursor = state.repos[repo]?.starsCursor
    var seen = Set<String>()
    var rateLimitWaits = 0
    var pages = 0
    while pages < fetcher.options.maxPages {
      guard let response = await get(repo, .starsGraphQL, fetcher.graphqlURL, post: GitHubGraphQL.body(repo: repo, after: cursor)) else { return }
      guard response.status == 200 else {
        fail(repo, .starsGraphQL, explain(repo, .starsGraphQL, response))
        return
      }
      let answer: GitHubGraphQL.Answer
      do {
        answer = try GitHub.answer { () throws(FormatError) in try GitHubGraphQL.decode(response.text, at: "github stargazers_graphql for \(repo)") }
      } catch {
        fail(repo, .starsGraphQL, error.description)
        return
      }
      switch answer {
      case .rateLimited(let message):
        let wait = GitHubThrottle.primaryWait(header: { response.headers[$0] }, now: client.now().timeIntervalSince1970) ?? GitHubThrottle.secondaryDefaultWait
        let beyondBudget = client.deadline.map { client.now().addingTimeInterval(wait) >= $0 } ?? false
        guard rateLimitWaits < 2, wait <= client.policy.maxWait, !beyondBudget else {
          stopReason = "GitHub's GraphQL rate limit (\(message)) lasts \(Int(wait)) s more, longer than this run may wait; the next night carries on from the saved cursor"
          fail(repo, .starsGraphQL, stopReason)
          return
        }
        rateLimitWaits += 1
        try? await client.sleep(wait)
        pauseUntil = nil  // this wait was the one `x-ratelimit-remaining: 0` asked for
        continue
      case .notFound(let message):
        fail(repo, .starsGraphQL, "GraphQL: \(message)")
        return
      case .errors(let messages, let partial):
        if partial != nil { keep(repo, .starsGraphQL, fetcher.graphqlURL, response) }
        fail(repo, .starsGraphQL, "GraphQL answered with errors\(partial != nil ? " (its partial data was kept)" : ""): \(messages.joined(separator: "; "))")
        return
      case .page(let page):
        keep(repo, .starsGraphQL, fetcher.graphqlURL, response)
        pages += 1
        guard let next = page.endCursor else { return }
        guard next != cursor, seen.insert(next).inserted else {
          warn(repo, "GraphQL gave the same cursor twice; stopped reading stars to avoid a loop (the next night tries again)")
          return
        }
        cursor = next
        state.repos[repo, default: GitHubState.Repo()].starsCursor = next
        if !page.hasNextPage { return }
      }
    }
  }
}
