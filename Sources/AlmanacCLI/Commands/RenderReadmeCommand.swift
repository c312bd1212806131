import AlmanacKit
import ArgumentParser
import Foundation

/// `almanac render readme README.md`: the badges and five headline figures between the markers.
public struct RenderReadmeCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "readme",
    abstract: "Keep a block of badges and headline figures up to date in a Markdown file.",
    discussion: """
      Rewrites only the text between these two lines of the file (they stay), from the badges \
      and summary.json that `almanac render` wrote; the rest of the file is never touched, and \
      a second run with the same data changes nothing:

        \(ReadmeBlock.start)
        \(ReadmeBlock.end)

      A file without them is refused, with the lines to add. The table always has five rows: \
      all-time downloads, the share of downloads by bots and mirrors, GitHub stars, docs \
      visitors over 30 days and errors over 7 days (`—` until a source has data).
      """)

  @Argument(help: ArgumentHelp("The Markdown file to update (README.md).", valueName: "file"))
  var file: String

  @OptionGroup(title: "Store") var options: StoreOptions

  public init() {}

  public func run() async throws {
    try await options.withStages { _, stages in
      guard let text = try FileSystem.read(file) else {
        throw AlmanacError.usage("\(file): no such file. Name the Markdown file that holds the lines \(ReadmeBlock.start) and \(ReadmeBlock.end).")
      }
      let store = stages.store
      let summary: JSONValue
      if let s = try FileSystem.read(store.summaryPath) {
        do { summary = try JSONParser.parse(s) } catch {
          throw AlmanacError.format(FormatError(path: store.summaryPath, problem: "is not valid JSON (\(error))", remedy: "Run `almanac render` to write it again."))
        }
      } else {
        stages.console.report(Diagnostic(.warning, "no summary.json yet, so every figure is `—`; run `almanac render` first", at: store.summaryPath))
        summary = .object([:])
      }
      let badges = FileSystem.list("\(store.root)/badges").filter { $0.hasSuffix(".svg") }.map { name in
        (alt: String(name.dropLast(4)), path: Self.relative("\(store.root)/badges/\(name)", from: (file as NSString).deletingLastPathComponent))
      }
      let block = ReadmeBlock.render(badges: badges, figures: ReadmeFigures.from(summary: summary))
      let updated: String
      do throws(FormatError) { updated = try ReadmeBlock.replace(in: text, with: block, path: file) } catch { throw AlmanacError.format(error) }
      if updated == text {
        stages.console.note("\(file): unchanged")
      } else {
        try FileSystem.atomicWrite(Data(updated.utf8), to: file)
        stages.console.note("\(file): wrote the Almanac block")
      }
    }
  }

  /// `path` relative to `directory` (both as given, made absolute against the working directory).
  static func relative(_ path: String, from directory: String) -> String {
    let cwd = FileManager.default.currentDirectoryPath
    func parts(_ p: String) -> [String] {
      let absolute = p.hasPrefix("/") ? p : cwd + "/" + p
      var out: [String] = []
      for c in absolute.split(separator: "/") where c != "." {
        if c == ".." { _ = out.popLast() } else { out.append(String(c)) }
      }
      return out
    }
    let target = parts(path)
    let base = parts(directory.isEmpty ? "." : directory)
    var common = 0
    while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
    return (Array(repeating: "..", count: base.count - common) + target[common...]).joined(separator: "/")
  }
}
