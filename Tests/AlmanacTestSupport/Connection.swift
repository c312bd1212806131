import Foundation

/// The server's threads: one accept loop per server, one thread per connection. Every
/// connection carries exactly one request and one response, then closes.
enum Connection {
  /// Accepts until `state` is stopped, then closes the listening socket.
  static func acceptLoop(listener: Int32, state: ServerState) {
    while true {
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        let code = errno
        if state.isStopped { break }
        if code != EINTR, code != ECONNABORTED { usleep(10_000) }
        continue
      }
      guard state.open(fd) else {
        close(fd)
        break
      }
      Thread.detachNewThread { serve(fd, state: state) }
    }
    close(listener)
  }

  /// Reads the request, asks `state` for the response, sends it with its fault, closes.
  static func serve(_ fd: Int32, state: ServerState) {
    Socket.setReceiveTimeout(fd, seconds: 10)
    var reset = false
    if let request = RequestReader.read(fd) {
      reset = send(state.respond(to: request), for: request, to: fd)
    }
    if reset {
      Socket.prepareReset(fd)
    } else {
      Socket.halfCloseAndDrain(fd)
    }
    state.finish(fd)
  }

  /// Writes `response` as its fault says; `true` when the connection must end with a reset.
  static func send(_ response: FakeResponse, for request: FakeRequest, to fd: Int32) -> Bool {
    if response.delay > 0, Socket.waitForHangUp(fd, seconds: response.delay) { return false }
    let body = request.method == "HEAD" ? [] : response.body
    switch response.fault {
    case .none:
      _ = Socket.sendAll(fd, response.head + body)
    case .dropConnection:
      break
    case .truncateBody(let count):
      _ = Socket.sendAll(fd, response.head + body.prefix(max(0, count)))
    case .resetMidBody:
      _ = Socket.sendAll(fd, response.head + body.prefix(body.count / 2))
      // Let the client read what was sent before the reset discards its receive queue.
      _ = Socket.waitForHangUp(fd, seconds: 0.1)
      return true
    case .slowDrip(let bytesPerChunk, let interval):
      guard Socket.sendAll(fd, response.head) else { break }
      let size = max(1, bytesPerChunk)
      var rest = body[...]
      while !rest.isEmpty {
        guard Socket.sendAll(fd, rest.prefix(size)) else { break }
        rest = rest.dropFirst(size)
        if !rest.isEmpty, Socket.waitForHangUp(fd, seconds: interval) { break }
      }
    }
    return false
  }
}
