#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed POSIX call while setting up the listening socket.
public struct SocketError: Error, CustomStringConvertible {
  public var call: String
  public var code: Int32
  public var description: String {
    "\(call) failed: \(String(cString: strerror(code))) (errno \(code))"
  }
}

/// The few POSIX socket calls the fake server needs, each retried on `EINTR`.
enum Socket {
  #if os(Linux)
    static let stream = Int32(SOCK_STREAM.rawValue)
    static let noSignal = Int32(MSG_NOSIGNAL)
  #else
    static let stream = SOCK_STREAM
    static let noSignal: Int32 = 0
  #endif

  /// A socket listening on `host` (an IPv4 address) at an ephemeral port.
  static func listening(host: String) throws(SocketError) -> (fd: Int32, port: Int) {
    let fd = socket(AF_INET, stream, 0)
    guard fd >= 0 else { throw SocketError(call: "socket", code: errno) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
      close(fd)
      throw SocketError(call: "inet_pton(\(host))", code: EINVAL)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
        bind(fd, generic, length) == 0 && listen(fd, 128) == 0
          && getsockname(fd, generic, &length) == 0
      }
    }
    guard bound else {
      let code = errno
      close(fd)
      throw SocketError(call: "bind/listen", code: code)
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
  }

  /// Sends every byte; `false` when the peer is gone.
  static func sendAll(_ fd: Int32, _ bytes: some Collection<UInt8>) -> Bool {
    let buffer = Array(bytes)
    var sent = 0
    while sent < buffer.count {
      let n = buffer.withUnsafeBytes { raw in
        send(fd, raw.baseAddress.map { $0 + sent }, buffer.count - sent, noSignal)
      }
      if n < 0, errno == EINTR { continue }
      guard n > 0 else { return false }
      sent += n
    }
    return true
  }

  /// Up to `limit` bytes: `[]` at end of stream, `nil` on error or receive timeout.
  static func receive(_ fd: Int32, limit: Int = 65_536) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: limit)
    while true {
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, limit, 0) }
      if n < 0, errno == EINTR { continue }
      guard n >= 0 else { return nil }
      return Array(buffer.prefix(n))
    }
  }

  /// Waits up to `seconds`; `true` as soon as the peer hangs up (or the socket is shut down).
  static func waitForHangUp(_ fd: Int32, seconds: Double) -> Bool {
    let deadline = Monotonic.now + seconds
    while Monotonic.now < deadline {
      let slice = Int32(max(1, min(50, (deadline - Monotonic.now) * 1000)))
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&entry, 1, slice)
      guard ready > 0 else { continue }
      if entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
      var probe: UInt8 = 0
      let n = recv(fd, &probe, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
      if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) { return true }
      // The client sent more bytes than the request; ignore them, but do not spin.
      usleep(UInt32(slice) * 1000)
    }
    return false
  }

  /// Receive timeout for a connection, so a silent client cannot hold a thread forever.
  static func setReceiveTimeout(_ fd: Int32, seconds: Int) {
    var value = timeval(tv_sec: seconds, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Half-closes (the peer sees end of stream) and drains what the peer still sends for up
  /// to `seconds`, so that the final `close` does not turn into a reset.
  static func halfCloseAndDrain(_ fd: Int32, seconds: Double = 2) {
    shutdown(fd, Int32(SHUT_WR))
    let deadline = Monotonic.now + seconds
    while Monotonic.now < deadline {
      var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, 100) >= 0 else { return }
      if entry.revents == 0 { continue }
      guard let bytes = receive(fd, limit: 4096), !bytes.isEmpty else { return }
    }
  }

  /// Sets `SO_LINGER` 0, so that closing sends a TCP RST instead of a FIN.
  static func prepareReset(_ fd: Int32) {
    var option = linger(l_onoff: 1, l_linger: 0)
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
  }
}

/// Monotonic seconds, for deadlines.
enum Monotonic {
  static var now: Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}
