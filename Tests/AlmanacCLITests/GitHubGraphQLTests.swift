import AlmanacKit
import Foundation
import Testing

@testable import AlmanacCLI
import AlmanacTestSupport

/// Catalogue 29–35: stargazers over GraphQL.
@Suite struct GitHubGraphQLOverHTTP {
  func options() -> GitHubFetcher.Options {
    var o = GitHubFetcher.Options()
    o.traffic = false
    o.forks = false
    o.releases = false
    o.stars = .graphql
    return o
  }

  func server(stars: Int = 150) throws -> FakeAPIServer {
    let server = try FakeAPIServer()
    server.serveGitHub([sampleRepo(stars: stars)])
    return server
  }

  @Test func pagesFollowTheCursorWhichIsSavedAndResumed() async throws {
    let server = try server(stars: 150)
    defer { server.stop() }
    let n1 = await ghFetcher(server, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(n1.snapshot.failures.isEmpty)
    #expect(server.requests.filter { $0.path == "/graphql" }.allSatisfy { $0.method == "POST" && $0.header("authorization") == "Bearer ghp_testtoken123" })
    let (repos, diagnostics) = normalized(n1.snapshot)
    #expect(diagnostics.isEmpty)
    #expect(repos["o/r"]?.stargazers.rows.count == 150)
    let cursor = try #require(n1.state.repos["o/r"]?.starsCursor)
    let before = server.requests.count
    _ = await ghFetcher(server, options: options()).fetch(repos: ["o/r"], date: ghDay.adding(days: 1), state: n1.state)
    let asked = server.requests.dropFirst(before).filter { $0.path == "/graphql" }
    #expect(asked.count == 1)
    #expect(asked.first?.bodyText.contains(#""after":"\#(cursor)""#) == true)
  }

  @Test func gitHubEnterpriseServesGraphQLBesideItsRESTPrefix() {
    let fetcher = GitHubFetcher(client: client(), baseURL: "https://github.example.com/api/v3/", token: nil)
    #expect(fetcher.graphqlURL == "https://github.example.com/api/graphql")
    #expect(GitHubFetcher(client: client(), token: nil).graphqlURL == "https://api.github.com/graphql")
  }

  // 29, 30: a rate limit answered as 200 (primary) or with the secondary message: wait, then go on.
  @Test(arguments: [
    (#"{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded for user ID 1."}]}"#, true),
    (#"{"errors":[{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}]}"#, false),
  ])
  func aRateLimitAnsweredAs200WaitsAndRetries(body: String, primary: Bool) async throws {
    let server = try server()
    defer { server.stop() }
    let reset = resetIn(25)
    let headers: [(name: String, value: String)] = primary ? [(name: "x-ratelimit-remaining", value: "0"), (name: "x-ratelimit-reset", value: reset)] : []
    server.enqueue("/graphql", [.json(200, body, headers: headers)])
    let sleeps = Sleeps()
    let result = await ghFetcher(server, sleeps: sleeps, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(sleeps.all.count == 1)
    #expect(sleeps.all == [primary ? 26 : 60])
  }

  // 30 (as 403) and 31: the HTTP client's rules: a secondary 403 waits, a 502/504 is retried.
  @Test func aSecondary403AndAGatewayTimeoutAreRetried() async throws {
    let server = try server()
    defer { server.stop() }
    server.enqueue("/graphql", [
      .json(403, #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#, headers: [(name: "Retry-After", value: "5")]),
      .json(504, #"{"message":"We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists."}"#),
    ])
    let sleeps = Sleeps()
    let result = await ghFetcher(server, sleeps: sleeps, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.isEmpty)
    #expect(sleeps.all.first == 5)
    #expect(sleeps.all.count == 2)
  }

  // 32: a missing repository is a 200 with NOT_FOUND.
  @Test func notFoundIsAFailureWithGitHubsMessage() async throws {
    let server = try server()
    defer { server.stop() }
    server.enqueue("/graphql", [.json(200, #"{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"message":"Could not resolve to a Repository with the name 'o/r'."}]}"#)])
    let result = await ghFetcher(server, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.map(\.message) == ["GraphQL: Could not resolve to a Repository with the name 'o/r'."])
  }

  // 33: partial data with errors: the errors are surfaced, the data kept.
  @Test func partialDataWithErrorsIsKeptAndTheErrorsSurface() async throws {
    let server = try server()
    defer { server.stop() }
    server.enqueue("/graphql", [.json(200, #"{"data":{"repository":{"stargazers":{"pageInfo":{"endCursor":"Y3Vyc29yOnYyOjA=","hasNextPage":true},"edges":[{"starredAt":"2026-01-01T10:00:00Z","node":{"login":"user1000","databaseId":1000}}]}}},"errors":[{"message":"Something went wrong while executing your query."}]}"#)])
    let result = await ghFetcher(server, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(result.snapshot.failures.map(\.message) == ["GraphQL answered with errors (its partial data was kept): Something went wrong while executing your query."])
    let (repos, _) = normalized(result.snapshot)
    #expect(repos["o/r"]?.stargazers.rows.count == 1)
  }

  // 34: hasNextPage with the same cursor twice ends the loop.
  @Test func theSameCursorTwiceEndsTheLoop() async throws {
    let server = try server()
    defer { server.stop() }
    let stuck = FakeResponse.json(200, #"{"data":{"repository":{"stargazers":{"pageInfo":{"endCursor":"c3R1Y2s=","hasNextPage":true},"edges":[]}}}}"#)
    server.route("POST", "/graphql", stuck)
    let result = await ghFetcher(server, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(server.requests.filter { $0.path == "/graphql" }.count == 2)
    #expect(result.diagnostics.map(\.message).contains("GraphQL gave the same cursor twice; stopped reading stars to avoid a loop (the next night tries again)"))
  }

  // 35: no token: nothing is asked; a refused token is a clear failure.
  @Test func withoutATokenNothingIsAskedAndARefusedOneSaysSo() async throws {
    let server = try server()
    defer { server.stop() }
    let anonymous = await ghFetcher(server, token: nil, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(!server.requests.contains { $0.path == "/graphql" })
    #expect(anonymous.diagnostics.contains { $0.message.hasPrefix("dated stars over GraphQL skipped: GraphQL needs a token") })
    server.enqueue("/graphql", [.json(401, #"{"message":"Bad credentials","documentation_url":"https://docs.github.com/graphql"}"#)])
    let refused = await ghFetcher(server, options: options()).fetch(repos: ["o/r"], date: ghDay)
    #expect(refused.snapshot.failures.map(\.message) == ["HTTP 401: \"Bad credentials\": the token in ALMANAC_GITHUB_TOKEN is invalid or expired; create a new token and update the secret"])
  }
}
