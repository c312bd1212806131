import AlmanacKit
import Foundation

/// Reads the usage input `sources.usage.input` names: a directory (its `*.ndjson` and `*.jsonl`
/// files), a file, a glob, or an http(s) URL answered with NDJSON (a bearer token from
/// `token_env` is bound to that URL's origin, so a redirect elsewhere goes without it).
///
/// A failure is a message; a body where no line is an event or an event without consent (an
/// HTML error page, say) is a failure too, never an empty success.
struct UsageInput {
  var source: Config.UsageSource
  var client: HTTPClient
  var token: String?

  func read() async -> Result<Usage.Batch, AlmanacError> {
    var batch = Usage.Batch()
    if source.inputIsURL {
      let shown = client.redactor.redact(source.input)
      if let variable = source.tokenEnv, token == nil {
        return .failure(.input("no token for the usage input: set the variable \(variable) (sources.usage.token_env), or remove token_env if \(shown) needs none"))
      }
      let credential = token.map { HTTPCredential.bearer($0, for: source.input, name: "the token in \(source.tokenEnv ?? "")") }
      let response: HTTPResponse
      do {
        response = try await client.send(HTTPRequest(url: source.input, headers: HTTPHeaders([("Accept", "application/x-ndjson")]), purpose: "usage events", credential: credential))
      } catch {
        return .failure(.http(error))
      }
      guard response.status == 200 else {
        let what = [401: "the collector refused the token (check sources.usage.token_env)", 403: "the collector refused the token (check sources.usage.token_env)", 404: "no such URL (check sources.usage.input)"][response.status] ?? "a later night retries"
        return .failure(.input("HTTP \(response.status) from \(shown): \(what)"))
      }
      batch.read(ndjson: response.body, name: shown)
      return checked(batch, shown)
    }
    let files = Self.files(source.input)
    guard !files.isEmpty else {
      return .failure(.input("\(source.input): no usage event files found (sources.usage.input names a directory of *.ndjson files, a file, a glob or a URL); nothing was read"))
    }
    for file in files {
      guard let data = FileSystem.readData(file) else { return .failure(.io(path: file, operation: "read usage events", reason: "not readable")) }
      batch.read(ndjson: data, name: file)
    }
    return checked(batch, source.input)
  }

  func checked(_ batch: Usage.Batch, _ name: String) -> Result<Usage.Batch, AlmanacError> {
    if batch.lines > 0, batch.invalid == batch.lines {
      return .failure(.input("\(name): none of its \(batch.lines) line(s) is a usage event (\(batch.problems.first ?? "")); is it NDJSON? The stored aggregates are kept"))
    }
    return .success(batch)
  }

  /// The files an input names, sorted.
  static func files(_ input: String) -> [String] {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { return [input] }
      let dir = input.hasSuffix("/") ? String(input.dropLast()) : input
      return FileSystem.list(dir).filter { $0.hasSuffix(".ndjson") || $0.hasSuffix(".jsonl") }.map { "\(dir)/\($0)" }
    }
    guard input.contains(where: { "*?[".contains($0) }) else { return [] }
    var g = glob_t()
    defer { globfree(&g) }
    guard glob(input, 0, nil, &g) == 0 else { return [] }
    return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }.sorted()
  }
}
