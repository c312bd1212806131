import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac classify-detail`: classifies a detail records file read in fixed-size chunks, so a
/// year of a large package's rows never sits in memory. Hidden: the `pypi` source calls the
/// same classifier in its classify stage; this entry point serves the benchmark and debugging.
public struct ClassifyDetailCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "classify-detail",
    abstract: "Classify a detail records file (stats/records/pypi/<date>.detail.csv) by streaming it.",
    discussion: """
      Reads the file in 4 MiB chunks and writes the classified records (installer_class, \
      audience, version_<class>, estimate) as a classified CSV. Diagnostics (unknown installer \
      names) and a one-line count go to standard error.

      Example:
        almanac classify-detail stats/records/pypi/2026-11-22.detail.csv -o classified.csv
      """,
    shouldDisplay: false)

  @Argument(help: ArgumentHelp("The detail records file (`-` for standard input).", valueName: "file"))
  var file: String

  @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the classified CSV (`-` for standard output).", valueName: "file"))
  var output: String = "-"

  @Option(help: ArgumentHelp("Configuration file for the classification rules; used when it exists.", valueName: "file"))
  var config: String = "almanac.yml"

  @Flag(name: .shortAndLong, help: "Print only warnings and errors.")
  var quiet = false

  public init() {}

  public func run() async throws {
    let console = Console(quiet: quiet)
    var rules = InstallerRules()
    if let text = try FileSystem.read(config) {
      do { rules = try ConfigParser.parse(text, path: config).installerRules } catch { throw AlmanacError.config(error) }
    }
    let classifier = DetailStreamClassifier(path: file, rules: rules)
    let fd = file == "-" ? STDIN_FILENO : open(file, O_RDONLY)
    guard fd >= 0 else { throw AlmanacError.io(path: file, operation: "open", reason: String(cString: strerror(errno))) }
    defer { if fd != STDIN_FILENO { close(fd) } }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 16)
    defer { buffer.deallocate() }
    while true {
      let n = read(fd, buffer.baseAddress, buffer.count)
      if n < 0 {
        if errno == EINTR { continue }
        throw AlmanacError.io(path: file, operation: "read", reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      do { try classifier.consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) } catch { throw AlmanacError.format(error) }
    }
    let (classified, diagnostics): (ClassifiedDetail, [Diagnostic])
    do { (classified, diagnostics) = try classifier.finish() } catch { throw AlmanacError.format(error) }
    for d in diagnostics { console.report(Diagnostic(d.severity, d.message, at: d.location ?? file)) }
    let text = classified.records.encoded(formatLine: true)
    if output == "-" {
      console.data(text)
    } else {
      try FileSystem.atomicWrite(Data(text.utf8), to: output)
    }
    console.note("\(file): \(classifier.rows) rows → \(classified.records.records.count) classified rows, \(classified.flags.count) flagged days")
  }
}
