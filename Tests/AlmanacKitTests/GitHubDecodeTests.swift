import Testing

@testable import AlmanacKit

@Suite struct GitHubDecoders {
  @Test func repoCountsUseSubscribersForWatchersAndToleratesMissingAndUnknownKeys() throws {
    // No `has_downloads` (API 2026-03-10), an unknown key, the legacy `watchers_count` ignored.
    let body = #"{"id":7,"full_name":"o/r","stargazers_count":12,"watchers_count":12,"subscribers_count":3,"forks_count":2,"open_issues_count":5,"size":140,"pushed_at":"2026-11-20T10:00:00Z","new_field":{"x":1},"permissions":{"admin":false,"push":true,"pull":true}}"#
    let repo = try GitHubRepo.decode(body, at: "raw.json (repo for o/r)")
    #expect(repo == GitHubRepo(id: 7, fullName: "o/r", stars: 12, forks: 2, watchers: 3, openIssuesAndPRs: 5, size: 140, pushedAt: "2026-11-20T10:00:00Z", canPush: true))
    let anonymous = try GitHubRepo.decode(#"{"id":7,"full_name":"o/r","stargazers_count":1,"subscribers_count":0,"forks_count":0,"open_issues_count":0,"size":1,"pushed_at":null}"#, at: "x")
    #expect(anonymous.canPush == nil)
  }

  @Test func aBadRepoBodyIsAnErrorWithPathNotACrash() {
    #expect(throws: FormatError(path: "raw.json (repo for o/r)", problem: "`stargazers_count`: expected an integer, found a string")) {
      try GitHubRepo.decode(#"{"id":7,"full_name":"o/r","stargazers_count":"many"}"#, at: "raw.json (repo for o/r)")
    }
    #expect(throws: FormatError.self) { try GitHubRepo.decode("<html>502 Bad Gateway</html>", at: "x") }
    do {
      _ = try GitHubRepo.decode("{\n\"id\": 7,\n\"full_name\": \"o/r", at: "x")
    } catch {
      #expect(error.line == 3)
    }
  }

  @Test func trafficKeepsDaysAsListedAndTheDeduplicatedTotal() throws {
    let body = #"{"count":14850,"uniques":3782,"views":[{"timestamp":"2016-10-10T00:00:00Z","count":440,"uniques":143},{"timestamp":"2016-10-24T00:00:00Z","count":614,"uniques":237}]}"#
    let w = try TrafficWindow.decode(body, metric: .views, at: "x")
    #expect(w.total == .init(count: 14850, uniques: 3782))
    #expect(w.days.count == 2)
    #expect(w.days[Day("2016-10-24") ?? Day(ordinal: 0)] == .init(count: 614, uniques: 237))
    #expect(throws: FormatError(path: "x", problem: "`clones`: expected an array, found nothing")) {
      try TrafficWindow.decode(body, metric: .clones, at: "x")
    }
  }

  @Test func popularPathsKeepTheirUTF8TitleAndAnEmptyListIsFine() throws {
    let paths = try PopularItem.decode(#"[{"path":"/github/hubot","title":"hubot/scripting.md at master · github/hubot · GitHub","count":1707,"uniques":804}]"#, kind: .path, at: "x")
    #expect(paths == [PopularItem(kind: .path, name: "/github/hubot", title: "hubot/scripting.md at master · github/hubot · GitHub", count: 1707, uniques: 804)])
    #expect(try PopularItem.decode("[]", kind: .referrer, at: "x").isEmpty)
  }

  @Test func stargazersWithDatesGhostUsersAndTheMissingMediaTypeFailsLoudly() throws {
    let page = #"[{"starred_at":"2012-01-20T18:18:21Z","user":{"login":"kevinsawicki","id":671378,"user_view_type":"public"}},{"starred_at":"2012-01-21T00:00:00Z","user":null}]"#
    #expect(try Stargazer.decodePage(page, at: "x") == [
      Stargazer(starredAt: "2012-01-20T18:18:21Z", userID: 671378, login: "kevinsawicki"),
      Stargazer(starredAt: "2012-01-21T00:00:00Z", userID: nil, login: nil),
    ])
    do {
      _ = try Stargazer.decodePage(#"[{"login":"kevinsawicki","id":671378}]"#, at: "x")
      Issue.record("plain users must not decode as stars")
    } catch {
      #expect(error.problem == "`[0].starred_at` is missing: GitHub sent plain users, not stars with dates")
    }
  }

  @Test func starHistoryWeeksBecomeDays() throws {
    let body = #"[{"week":"2026-11-16T00:00:00Z","total":20,"days":[1,0,0,2,0,0,0]},{"week":"2026-11-09T00:00:00Z","total":17,"days":[0,0,0,0,0,0,4]}]"#
    let days = try StarHistory.decode(body, at: "x")
    #expect(days[Day("2026-11-19") ?? Day(ordinal: 0)] == 2)
    #expect(days[Day("2026-11-15") ?? Day(ordinal: 0)] == 4)
    #expect(days.values.reduce(0, +) == 7)
  }

  @Test func releasesDraftsEmptyAssetsAndHugeCounts() throws {
    let body = #"[{"tag_name":"v2","name":null,"draft":true,"prerelease":false,"published_at":null,"assets":[]},{"tag_name":"v1","name":"One","draft":false,"prerelease":false,"published_at":"2022-07-19T04:40:21Z","assets":[{"name":"tool.tar.gz","download_count":9000000000}]}]"#
    let releases = try GitHubRelease.decodePage(body, at: "x")
    #expect(releases[0].draft && releases[0].publishedAt == nil && releases[0].assets.isEmpty)
    #expect(releases[1].assets == [.init(name: "tool.tar.gz", downloads: 9_000_000_000)])
  }

  @Test func linkHeaderIsReadByRelNotPosition() {
    let value = #"<https://api.github.com/repositories/515435940/stargazers?per_page=100&page=5>; rel="last", <https://api.github.com/repositories/515435940/stargazers?per_page=100&page=2>; rel="next""#
    let links = LinkHeader.parse(value)
    #expect(links["next"] == "https://api.github.com/repositories/515435940/stargazers?per_page=100&page=2")
    #expect(links["last"]?.hasSuffix("page=5") == true)
    #expect(LinkHeader.parse(#"<https://x/a?page=1>; rel="prev", <https://x/a?page=1>; rel="first""#)["next"] == nil)
  }

  @Test func throttlingIsClassifiedByHeadersLikeOctokit() {
    func h(_ d: [String: String]) -> (String) -> String? { { d[$0.lowercased()] } }
    let secondary = #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#
    #expect(GitHubThrottle.classify(status: 403, header: h(["retry-after": "30", "x-ratelimit-remaining": "4000"]), body: secondary, now: 0) == .secondary(wait: 30))
    #expect(GitHubThrottle.classify(status: 403, header: h([:]), body: secondary, now: 0) == .secondary(wait: 60))
    #expect(GitHubThrottle.classify(status: 403, header: h([:]), body: #"{"message":"You have triggered an abuse detection mechanism. Please wait a few minutes before you try again."}"#, now: 0) == .secondary(wait: 60))
    #expect(GitHubThrottle.classify(status: 429, header: h(["x-ratelimit-remaining": "0", "x-ratelimit-reset": "1000"]), body: "{}", now: 900) == .primary(wait: 101))
    // A reset in the past (clock skew) still waits at least a second.
    #expect(GitHubThrottle.classify(status: 403, header: h(["x-ratelimit-remaining": "0", "x-ratelimit-reset": "10"]), body: "{}", now: 900) == .primary(wait: 1))
    #expect(GitHubThrottle.classify(status: 403, header: h(["x-ratelimit-remaining": "4999"]), body: #"{"message":"Must have push access to repository"}"#, now: 0) == .answer)
    #expect(GitHubThrottle.classify(status: 200, header: h(["x-ratelimit-remaining": "0"]), body: "", now: 0) == .answer)
  }
}
