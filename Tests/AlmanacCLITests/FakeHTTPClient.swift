import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A one-request URLSession client for the fake server tests: an ephemeral session per call,
/// no caching, and a request timeout no machine load reaches (60 s; Linux rounds it to whole
/// seconds). The one test about the timeout sets 1 s itself.
struct FakeHTTPClient {
  struct Reply {
    var status: Int
    var response: HTTPURLResponse
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { response.value(forHTTPHeaderField: name) }
  }

  var timeout: TimeInterval = 60
  var delegate: (any URLSessionDelegate)?

  func send(
    _ url: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil
  ) async throws -> Reply {
    guard let target = URL(string: url) else { throw URLError(.badURL) }
    var request = URLRequest(
      url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    request.httpMethod = method
    request.httpBody = body
    for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let (data, response) = try await session.data(for: request)
    guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
    return Reply(status: http.statusCode, response: http, body: data)
  }

  /// The `URLError` code `send` fails with, or `nil` when it succeeds.
  func failure(_ url: String) async -> URLError.Code? {
    do {
      _ = try await send(url)
      return nil
    } catch let error as URLError {
      return error.code
    } catch {
      return .unknown
    }
  }
}
