/// The block `almanac render readme README.md` keeps up to date: everything between
/// `<!-- almanac:start -->` and `<!-- almanac:end -->` (the markers stay), and nothing else.
/// Rendering the same figures twice gives the same bytes, so a second run changes nothing.
public enum ReadmeBlock {
  public static let start = "<!-- almanac:start -->"
  public static let end = "<!-- almanac:end -->"

  /// A headline figure: a label, the value as text (`—` when there is no data yet) and where
  /// it comes from.
  public struct Figure: Equatable, Sendable {
    public var label: String
    public var value: String
    public var note: String
    public init(_ label: String, _ value: String, _ note: String) {
      self.label = label
      self.value = value
      self.note = note
    }
  }

  /// The block's text: one line of badges (image paths relative to the README), then the table.
  public static func render(badges: [(alt: String, path: String)], figures: [Figure]) -> String {
    var out = "\n"
    if !badges.isEmpty {
      out += badges.map { "![\(Markdown.text($0.alt))](\($0.path))" }.joined(separator: " ") + "\n\n"
    }
    out += "| Figure | Value | Source |\n|---|---:|---|\n"
    for f in figures { out += "| \(Markdown.text(f.label)) | \(Markdown.text(f.value)) | \(Markdown.text(f.note)) |\n" }
    return out + "\n"
  }

  /// `text` with the block between the markers replaced by `block`. A file without both
  /// markers (in that order, once each) is refused with a message that shows them.
  public static func replace(in text: String, with block: String, path: String) throws(FormatError) -> String {
    let starts = text.ranges(of: start)
    let ends = text.ranges(of: end)
    let remedy = "Add these two lines where the badges and figures should go, then run the command again:\n\n    \(start)\n    \(end)\n"
    guard let s = starts.first, let e = ends.first else {
      let missing = starts.isEmpty && ends.isEmpty ? "has no Almanac block" : starts.isEmpty ? "has `\(end)` but no `\(start)`" : "has `\(start)` but no `\(end)`"
      throw FormatError(path: path, problem: missing, remedy: remedy)
    }
    guard starts.count == 1, ends.count == 1 else {
      throw FormatError(path: path, problem: "has \(starts.count) start and \(ends.count) end markers; Almanac keeps exactly one block", remedy: "Remove the extra markers, keeping one pair:\n\n    \(start)\n    \(end)\n")
    }
    guard s.upperBound <= e.lowerBound else {
      throw FormatError(path: path, problem: "has `\(end)` before `\(start)`", remedy: remedy)
    }
    return String(text[..<s.upperBound]) + block + String(text[e.lowerBound...])
  }
}
