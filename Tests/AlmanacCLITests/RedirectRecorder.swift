import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A session delegate that records each redirect it is asked about, and either follows it
/// without `Authorization` or refuses it.
final class RedirectRecorder: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
  enum Policy { case stripAuthorization, refuse }

  private let lock = NSLock()
  private var seen: [String] = []
  private let policy: Policy

  init(_ policy: Policy) { self.policy = policy }

  /// `"302 http://host:port/new"` for each redirect, in order.
  var redirects: [String] {
    lock.lock()
    defer { lock.unlock() }
    return seen
  }

  func urlSession(
    _ session: URLSession, task: URLSessionTask,
    willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    lock.lock()
    seen.append("\(response.statusCode) \(request.url?.absoluteString ?? "")")
    lock.unlock()
    switch policy {
    case .refuse:
      completionHandler(nil)
    case .stripAuthorization:
      var stripped = request
      stripped.setValue(nil, forHTTPHeaderField: "Authorization")
      completionHandler(stripped)
    }
  }
}
