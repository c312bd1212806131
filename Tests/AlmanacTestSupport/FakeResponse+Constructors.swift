extension FakeResponse {
  /// A JSON body sent as given, `Content-Type: application/json` unless `headers` name one.
  public static func json(
    _ status: Int, _ body: String, headers: [(name: String, value: String)] = []
  ) -> FakeResponse {
    typed(status, body, "application/json", headers)
  }

  /// `json(200, body, headers:)`.
  public static func json(_ body: String, headers: [(name: String, value: String)] = [])
    -> FakeResponse
  {
    json(200, body, headers: headers)
  }

  /// A plain-text body, `Content-Type: text/plain; charset=utf-8` unless `headers` name one.
  public static func text(
    _ status: Int, _ body: String, headers: [(name: String, value: String)] = []
  ) -> FakeResponse {
    typed(status, body, "text/plain; charset=utf-8", headers)
  }

  /// `text(200, body, headers:)`.
  public static func text(_ body: String, headers: [(name: String, value: String)] = [])
    -> FakeResponse
  {
    text(200, body, headers: headers)
  }

  /// An HTML body, `Content-Type: text/html; charset=utf-8` unless `headers` name one (what
  /// Flask sends for a view that returns a string, such as pypistats.org's error pages).
  public static func html(
    _ status: Int, _ body: String, headers: [(name: String, value: String)] = []
  ) -> FakeResponse {
    typed(status, body, "text/html; charset=utf-8", headers)
  }

  /// `html(200, body, headers:)`.
  public static func html(_ body: String, headers: [(name: String, value: String)] = [])
    -> FakeResponse
  {
    html(200, body, headers: headers)
  }

  /// A redirect to `location` with an empty body.
  public static func redirect(
    _ status: Int = 302, _ location: String, headers: [(name: String, value: String)] = []
  ) -> FakeResponse {
    FakeResponse(status: status, headers: [(name: "Location", value: location)] + headers)
  }

  /// A response with no body, e.g. `.empty(204)` or `.empty(304, headers: [("ETag", …)])`.
  public static func empty(
    _ status: Int, headers: [(name: String, value: String)] = []
  ) -> FakeResponse {
    FakeResponse(status: status, headers: headers)
  }

  /// The default fallback: `404` with GitHub's `{"message":"Not Found"}`.
  public static let notFound = FakeResponse.json(404, #"{"message":"Not Found"}"#)

  private static func typed(
    _ status: Int, _ body: String, _ contentType: String, _ headers: [(name: String, value: String)]
  ) -> FakeResponse {
    let named = headers.contains { $0.name.lowercased() == "content-type" }
    let all = named ? headers : [(name: "Content-Type", value: contentType)] + headers
    return FakeResponse(status: status, headers: all, body: Array(body.utf8))
  }
}
