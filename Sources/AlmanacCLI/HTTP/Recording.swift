import AlmanacKit
import Foundation

/// Record and replay of HTTP exchanges: one file per request in a directory, named from the
/// method and URL (`GET_pypistats.org_api_packages_tidewater_overall.json`, optionally
/// gzipped). Recordings never hold request headers, so never a token.
public enum Recording {
  public static let kind = "exchange"
  public static let version = 1

  /// `METHOD_` + the URL without its scheme, every character outside `[A-Za-z0-9._-]` as `_`;
  /// names over 180 characters keep 163 and add `-` and the FNV-1a hash of "METHOD URL".
  /// A request with a body (a ClickHouse query, a GraphQL POST) adds `-q` and the FNV-1a hash
  /// of the body, so two queries to one URL are two recordings.
  public static func slug(method: String, url: String, body: Data?) -> String {
    guard let body, !body.isEmpty else { return slug(method: method, url: url) }
    return String(slug(method: method, url: url).prefix(160)) + "-q" + fnv1a(body)
  }

  static func fnv1a(_ bytes: some Sequence<UInt8>) -> String { FNV1a.hex(bytes) }

  public static func slug(method: String, url: String) -> String {
    var rest = Substring(url)
    if let r = rest.range(of: "://") { rest = rest[r.upperBound...] }
    let cleaned = String(String.UnicodeScalarView((method + "_" + rest).unicodeScalars.map { s in
      (s.isASCII && (("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "." || s == "_" || s == "-")) ? s : "_"
    }))
    guard cleaned.count > 180 else { return cleaned }
    return String(cleaned.prefix(163)) + "-" + fnv1a("\(method) \(url)".utf8)
  }

  /// A token endpoint's answer is kept with its `access_token` masked: a bearer fetched at
  /// runtime is not known to the redactor before its answer is recorded (a replay sends the mask).
  static func withoutAccessToken(_ body: String) -> String {
    guard body.contains("access_token"), var object = (try? JSONParser.parse(body))?.objectValue, object["access_token"]?.stringValue != nil else { return body }
    object["access_token"] = .string(Redactor.mask)
    return CanonicalJSON.encodeCompact(.object(object))
  }

  static func encode(method: String, url: String, body: Data? = nil, response: HTTPResponse, redactor: Redactor) -> String {
    var request: [String: JSONValue] = ["method": .string(method), "url": .string(url)]
    // The request body is kept (redacted) so a recording of a query says which query it answers.
    if let body, !body.isEmpty { request["body"] = .string(redactor.redact(String(decoding: body, as: UTF8.self))) }
    var headers: [String: JSONValue] = [:]
    for name in ["content-type", "retry-after", "location", "link", "etag"] {
      if let v = response.headers[name] { headers[name] = .string(redactor.redact(v)) }
    }
    return CanonicalJSON.encode(.object([
      "format_version": .int(Int64(version)), "kind": .string(kind),
      "request": .object(request),
      "response": .object([
        "status": .int(Int64(response.status)), "headers": .object(headers),
        "body": .string(redactor.redact(withoutAccessToken(response.text))),
      ]),
    ]))
  }

  static func decode(_ data: Data, path: String) throws -> HTTPResponse {
    let bytes = Gzip.isGzip(data) ? try Gzip.decompress(data) : data
    let doc = try FileKind.checkedJSON(String(decoding: bytes, as: UTF8.self), path: path, kind: kind, version: version)
    let reader = JSONReader(path: path)
    guard let request = doc["request"], let response = doc["response"] else {
      throw FormatError(path: path, problem: "needs `request` and `response`")
    }
    var headers = HTTPHeaders()
    for (k, v) in response["headers"]?.objectValue ?? [:] { if let s = v.stringValue { headers.set(k, s) } }
    return HTTPResponse(
      status: Int(try reader.int(response, "status")), headers: headers, body: Data(try reader.string(response, "body").utf8),
      url: try reader.string(request, "url"))
  }
}

/// Saves every final exchange into a directory (`--record DIR`).
public struct Recorder: Sendable {
  public var directory: String

  public init(directory: String) { self.directory = directory }

  func save(method: String, url: String, body: Data? = nil, response: HTTPResponse, redactor: Redactor) throws {
    let path = "\(directory)/\(Recording.slug(method: method, url: url, body: body)).json"
    try FileSystem.atomicWrite(Data(Recording.encode(method: method, url: url, body: body, response: response, redactor: redactor).utf8), to: path)
  }
}

extension HTTPTransport {
  /// Answers from a recording (`--replay DIR`); a request with no recorded answer fails with a
  /// message naming the file it looked for.
  public static func replay(from directory: String) -> HTTPTransport {
    HTTPTransport { request, _ in
      let stem = "\(directory)/\(Recording.slug(method: request.method, url: request.url, body: request.body))"
      for path in [stem + ".json", stem + ".json.gz"] {
        guard let data = FileSystem.readData(path) else { continue }
        do {
          return try Recording.decode(data, path: path)
        } catch let error as FormatError {
          throw TransportError.network("the recording is damaged: \(error)")
        } catch {
          throw TransportError.network("the recording \(path) is damaged: \(error)")
        }
      }
      throw ReplayMiss(method: request.method, url: request.url, directory: directory, slug: Recording.slug(method: request.method, url: request.url, body: request.body))
    }
  }
}

/// A replayed run asked for something that was never recorded.
public struct ReplayMiss: Error, CustomStringConvertible {
  public var method: String
  public var url: String
  public var directory: String
  public var slug: String
  public var description: String {
    "no recorded answer for \(method) \(url) in \(directory) (looked for \(slug).json[.gz]); record it with --record \(directory)"
  }
}
