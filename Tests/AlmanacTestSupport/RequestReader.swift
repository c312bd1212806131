/// Reads one HTTP/1.1 request (head, then a `Content-Length` body) from a connected socket.
enum RequestReader {
  /// Requests with a longer head are refused (the connection is closed).
  static let maxHeadBytes = 1 << 20
  private static let headEnd: [UInt8] = [13, 10, 13, 10]

  /// The request, or `nil` when the client closed, timed out or sent something unparsable.
  static func read(_ fd: Int32) -> FakeRequest? {
    var buffer: [UInt8] = []
    var end: Int?
    while end == nil {
      guard buffer.count < maxHeadBytes, let chunk = Socket.receive(fd), !chunk.isEmpty else {
        return nil
      }
      let searchFrom = max(0, buffer.count - 3)
      buffer += chunk
      end = find(headEnd, in: buffer, from: searchFrom)
    }
    guard let end, var request = parseHead(buffer[..<end]) else { return nil }
    var body = Array(buffer[(end + headEnd.count)...])
    let expected = request.header("content-length").flatMap { Int($0.trimmingSpaces) } ?? 0
    if expected > body.count, request.header("expect")?.lowercased() == "100-continue" {
      _ = Socket.sendAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
    }
    while body.count < expected {
      guard let chunk = Socket.receive(fd), !chunk.isEmpty else { return nil }
      body += chunk
    }
    request.body = Array(body.prefix(max(0, expected)))
    return request
  }

  /// Parses the request line and header fields; names keep their case, values are trimmed.
  static func parseHead(_ bytes: ArraySlice<UInt8>) -> FakeRequest? {
    let lines = String(decoding: bytes, as: UTF8.self).split(
      separator: "\r\n", omittingEmptySubsequences: false)
    guard let first = lines.first else { return nil }
    let parts = first.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count >= 2 else { return nil }
    let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (
        name: String(line[..<colon]),
        value: String(line[line.index(after: colon)...]).trimmingSpaces
      )
    }
    return FakeRequest(method: String(parts[0]), target: String(parts[1]), headers: headers)
  }

  static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
    for i in start...(haystack.count - needle.count)
    where haystack[i..<(i + needle.count)].elementsEqual(needle) {
      return i
    }
    return nil
  }
}

extension String {
  /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
  }
}
