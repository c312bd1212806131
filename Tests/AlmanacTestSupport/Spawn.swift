#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import Foundation

/// Runs a program with `posix_spawn`, reads its stdout and stderr with `poll` on the calling
/// thread and reaps it with `waitpid`. The end-to-end tests start hundreds of children from
/// many threads at once; Foundation's `Process` does that through a shared run loop and
/// `FileHandle`s, which is more machinery than a test harness needs to trust under that load.
enum Spawn {
  struct Failure: Error, CustomStringConvertible {
    var call: String
    var code: Int32
    var description: String { "\(call) failed: \(String(cString: strerror(code))) (errno \(code))" }
  }

  /// Exit status (or 128 + signal, as a shell reports it), stdout and stderr.
  static func run(_ arguments: [String], environment: [String: String]) throws(Failure) -> (status: Int32, stdout: Data, stderr: Data) {
    let out = try pipe()
    let err = try pipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, out.write, 1)
    posix_spawn_file_actions_adddup2(&actions, err.write, 2)
    for fd in [out.read, out.write, err.read, err.write] { posix_spawn_file_actions_addclose(&actions, fd) }

    // The child starts with every signal at its default and none blocked, whatever the
    // spawning thread had (a test runner's threads may ignore SIGPIPE or block signals).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    var all = sigset_t()
    sigemptyset(&none)
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    close(out.write)
    close(err.write)
    guard spawned == 0 else {
      close(out.read)
      close(err.read)
      throw Failure(call: "posix_spawn(\(arguments[0]))", code: spawned)
    }
    let (stdout, stderr) = drain(out.read, err.read)
    close(out.read)
    close(err.read)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
      guard errno == EINTR else { throw Failure(call: "waitpid", code: errno) }
    }
    let signal = status & 0x7f
    return (signal == 0 ? (status >> 8) & 0xff : 128 + signal, stdout, stderr)
  }

  /// A pipe whose ends are closed in any child spawned later by another thread (`O_CLOEXEC`),
  /// so a concurrent spawn never inherits a write end and keeps this child's output open.
  private static func pipe() throws(Failure) -> (read: Int32, write: Int32) {
    var fds: [Int32] = [0, 0]
    guard systemPipe2(&fds, O_CLOEXEC) == 0 else { throw Failure(call: "pipe2", code: errno) }
    return (fds[0], fds[1])
  }

  /// Reads both descriptors to end of file, whichever has data first.
  private static func drain(_ a: Int32, _ b: Int32) -> (Data, Data) {
    var buffers = [Data(), Data()]
    var open = [true, true]
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while open[0] || open[1] {
      var entries = [pollfd(fd: open[0] ? a : -1, events: Int16(POLLIN), revents: 0), pollfd(fd: open[1] ? b : -1, events: Int16(POLLIN), revents: 0)]
      if poll(&entries, 2, -1) < 0 {
        if errno == EINTR { continue }
        break
      }
      for i in 0..<2 where open[i] && entries[i].revents != 0 {
        let n = chunk.withUnsafeMutableBytes { read(entries[i].fd, $0.baseAddress, $0.count) }
        if n > 0 {
          buffers[i].append(contentsOf: chunk[0..<n])
        } else if n == 0 || errno != EINTR {
          open[i] = false
        }
      }
    }
    return (buffers[0], buffers[1])
  }
}

/// glibc's `pipe2`, which the Glibc module hides behind `_GNU_SOURCE`.
@_silgen_name("pipe2")
private func systemPipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
