extension FakeAPIServer {
  /// Serves `fake` under `/api/packages/`; point the client at `baseURL + "/api"`.
  public func servePyPIStats(_ fake: PyPIStatsFake) {
    route("GET", PyPIStatsFake.pathPrefix + "*") { fake.respond(to: $0) }
  }

  /// Serves these packages as pypistats.org would.
  public func servePyPIStats(_ packages: PyPIStatsData...) {
    servePyPIStats(PyPIStatsFake(packages))
  }

  /// Answers the next `count` requests, whatever their path, with pypistats.org's 429 page.
  public func rateLimitNext(_ count: Int) {
    failNext(count, with: PyPIStatsFake.rateLimited)
  }
}
