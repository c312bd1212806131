import Testing

@testable import AlmanacKit

@Suite struct APIPositions {
  @Test func aURLUnderTheBaseBecomesAPathAndBack() {
    let base = "https://ghe.example.com/api/v3/"
    let url = "https://ghe.example.com/api/v3/repositories/1/stargazers?per_page=100&page=3"
    #expect(APIPosition.relative(url, to: base) == "/repositories/1/stargazers?per_page=100&page=3")
    #expect(APIPosition.resolve("/repositories/1/stargazers?page=3", against: base) == "https://ghe.example.com/api/v3/repositories/1/stargazers?page=3")
    #expect(APIPosition.normalized(url, base: base) == "/repositories/1/stargazers?per_page=100&page=3")
    #expect(APIPosition.relative("https://api.github.com", to: "https://api.github.com") == "/")
  }

  @Test(arguments: [
    "https://evil.test/api/v3/repositories/1", "http://ghe.example.com/api/v3/x", "https://ghe.example.com:8443/api/v3/x",
    "https://ghe.example.com/api/v3x/y", "https://ghe.example.com/other", "//evil.test/x", "https://ghe.example.com@evil.test/api/v3/x",
    "repositories/1", "/\\evil.test/x", "javascript:alert(1)",
  ])
  func aPlaceElsewhereIsRefused(_ position: String) {
    #expect(APIPosition.resolve(position, against: "https://ghe.example.com/api/v3") == nil)
  }

  @Test func originsParseStrictly() {
    #expect(Origin("HTTPS://Api.GitHub.com/x")?.description == "https://api.github.com:443")
    #expect(Origin("http://127.0.0.1:8123")?.description == "http://127.0.0.1:8123")
    #expect(Origin("http://[::1]:9/x")?.description == "http://[::1]:9")
    #expect(Origin("http://h:99999/") == nil)
    #expect(Origin("http://h:/") == nil)
    #expect(Origin("ftp://h/") == nil)
    #expect(Origin("http://a b/") == nil)
  }

  @Test func aStateWithForeignPositionsKeepsOnlyWhatLiesUnderTheBase() {
    var repo = GitHubState.Repo()
    repo.starsResume = "https://evil.test/steal"
    repo.pages["https://api.github.com/repos/o/r/forks?per_page=100"] = .init(etag: "a", next: "https://api.github.com/repositories/1/forks?page=2")
    repo.pages["/repos/o/r/releases"] = .init(etag: "b", next: "https://evil.test/next")
    let (bound, refused) = GitHubState(repos: ["o/r": repo]).bound(to: "https://api.github.com")
    #expect(refused.map(\.field) == ["repos.o/r.stars_resume", "repos.o/r.pages[/repos/o/r/releases].next"])
    #expect(bound.repos["o/r"]?.starsResume == nil)
    #expect(bound.repos["o/r"]?.pages == ["/repos/o/r/forks?per_page=100": .init(etag: "a", next: "/repositories/1/forks?page=2")])
  }
}
