import AlmanacKit
import Foundation

/// Dated files of `raw/`, `records/` and `classified/` (`<source>/<YYYY-MM-DD><suffix>`) are
/// kept as chains, one per directory, suffix and year: the year's oldest file is whole; the
/// oldest file of each later month is a `DeltaFile` (`<name>.delta`) against the oldest file of
/// the month before it (the latest earlier month held), and every other file a delta against
/// the file before it in its month. A read goes through at most 12 + 31 files. Readers ask for the
/// whole file's path and get its text either way; writers pass the whole text and the store
/// picks the form, so every source inherits it. The form is a function of the files' texts
/// and dates alone, so a rebuild writes the same bytes.
extension Store {
  public static let chainedKinds: Set<String> = ["raw", "records", "classified"]

  /// Where a chained file sits, or nil for any other path.
  public struct ChainLink: Equatable, Sendable {
    public var directory: String
    public var day: Day
    /// What follows the date in the name: `.json`, `.csv`, `.detail.csv`.
    public var suffix: String

    public func path(_ day: Day) -> String { "\(directory)/\(day)\(suffix)" }
    public var path: String { path(day) }
    public var name: String { "\(day)\(suffix)" }
    func sameChain(_ other: Day) -> Bool { other.components.year == day.components.year }
    func sameMonth(_ other: Day) -> Bool { sameChain(other) && other.components.month == day.components.month }
    func at(_ other: Day) -> ChainLink { ChainLink(directory: directory, day: other, suffix: suffix) }
  }

  /// Any path whose last three parts are `<raw|records|classified>/<source>/<date><suffix>`
  /// (under this store or not: a delta names its base as a sibling).
  public func chainLink(_ path: String) -> ChainLink? {
    guard !path.hasSuffix(DeltaFile.suffix) else { return nil }
    let parts = path.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count >= 3 else { return nil }
    let kind = parts[parts.count - 3], source = parts[parts.count - 2], name = parts[parts.count - 1]
    guard Self.chainedKinds.contains(String(kind)), !source.isEmpty, let day = Day(name.prefix(10)), name.dropFirst(10).hasPrefix(".") else { return nil }
    return ChainLink(directory: parts.dropLast().joined(separator: "/"), day: day, suffix: String(name.dropFirst(10)))
  }

  /// The days of `link`'s chain directory and suffix held in either form, oldest first.
  func chainDays(_ link: ChainLink) -> [Day] {
    Set(FileSystem.list(link.directory).compactMap { name -> Day? in
      let whole = name.hasSuffix(DeltaFile.suffix) ? String(name.dropLast(DeltaFile.suffix.count)) : name
      guard whole.dropFirst(10) == link.suffix else { return nil }
      return Day(whole.prefix(10))
    }).sorted()
  }

  /// The day `link`'s delta is made against, among `days` (the chain's held days): the file
  /// before it in its month, or, for the month's oldest, the oldest of the latest earlier month
  /// of the year; nil for the year's oldest file (whole).
  static func baseDay(of link: ChainLink, among days: [Day]) -> Day? {
    if let previous = days.last(where: { $0 < link.day && link.sameMonth($0) }) { return previous }
    guard let earlier = days.last(where: { $0 < link.day && link.sameChain($0) }) else { return nil }
    return days.first { link.at(earlier).sameMonth($0) }
  }

  /// The held files whose delta is (or, once `link` is written or removed, will be) made
  /// against `link`'s day: the next file of its month and, when no earlier file of its month is
  /// held, the oldest file of the next month held in the year.
  func dependents(of link: ChainLink) -> [ChainLink] {
    let days = chainDays(link)
    var out: [ChainLink] = []
    if let next = days.first(where: { $0 > link.day && link.sameMonth($0) }) { out.append(link.at(next)) }
    if !days.contains(where: { $0 < link.day && link.sameMonth($0) }),
       let later = days.first(where: { $0 > link.day && link.sameChain($0) && !link.sameMonth($0) }) {
      out.append(link.at(later))
    }
    return out
  }

  /// Whether the store holds `path`, whole or (for a chained path) as a delta.
  public func holds(_ path: String) -> Bool {
    FileSystem.exists(path) || (chainLink(path) != nil && FileSystem.exists(path + DeltaFile.suffix))
  }

  // MARK: Reading

  /// The whole text of a store file: read as it is, or rebuilt from its delta chain.
  public func readText(_ path: String) throws(AlmanacError) -> String? {
    if let text = try FileSystem.read(path) { return text }
    guard let link = chainLink(path) else { return nil }
    let deltaPath = path + DeltaFile.suffix
    guard let deltaText = try FileSystem.read(deltaPath) else { return nil }
    let delta: DeltaFile
    do { delta = try DeltaFile.decode(deltaText, path: deltaPath) } catch { throw .format(error) }
    let basePath = "\(link.directory)/\(delta.base)"
    guard let base = chainLink(basePath), base.suffix == link.suffix, base.day < link.day, link.sameChain(base.day) else {
      throw .format(FormatError(
        path: deltaPath, problem: "names `\(delta.base)` as its base; a delta's base is an earlier \(link.suffix) file of the same year",
        remedy: "The file was edited; restore it with `git checkout -- <path>`."))
    }
    guard let baseText = try readText(basePath) else {
      throw .format(FormatError(
        path: deltaPath, problem: "is a delta against \(basePath), which is missing",
        remedy: "Restore it with `git checkout -- \(basePath)` (a pruned raw snapshot comes back from git history the same way)."))
    }
    if let hit = chainCache.hit(deltaPath, delta: deltaText, base: baseText) { return hit }
    let text: String
    do { text = try delta.apply(to: baseText, path: deltaPath, basePath: basePath) } catch { throw .format(error) }
    chainCache.keep(deltaPath, delta: deltaText, base: baseText, text: text)
    return text
  }

  // MARK: Writing

  /// `write(_:to:validate:)` for a chained path: the whole text `content` stored whole or as
  /// a delta, and the next file of the chain re-made against it.
  func writeChained(_ content: String, link: ChainLink, validate: ((String) throws(FormatError) -> Void)?) throws(AlmanacError) -> Outcome {
    let existing: String?
    do { existing = try readText(link.path) } catch {
      guard force || validate == nil else {
        guard case .format(let f) = error else { throw error }
        throw .format(FormatError(path: f.path, line: f.line, problem: "exists but is damaged (\(f.problem)), so Almanac will not replace it", remedy: Self.forceRemedy))
      }
      existing = nil
    }
    if let existing, existing != content, !force, let validate {
      do { try validate(existing) } catch {
        throw .format(FormatError(path: link.path, line: error.line, problem: "exists but is damaged (\(error.problem)), so Almanac will not replace it", remedy: Self.forceRemedy))
      }
    }
    let after = try textsOf(dependents(of: link))
    if existing != content { for (next, text) in after { try keepWhole(text, at: next) } }
    let outcome = try store(content, at: link)
    if outcome == .written { for (next, text) in after { _ = try store(text, at: next) } }
    return outcome
  }

  /// The whole texts of `links` (those held), read before anything under them changes.
  func textsOf(_ links: [ChainLink]) throws(AlmanacError) -> [(ChainLink, String)] {
    var out: [(ChainLink, String)] = []
    for link in links { if let text = try readText(link.path) { out.append((link, text)) } }
    return out
  }

  /// Before the file under a delta changes, the delta is written whole: a run killed between
  /// the two writes leaves every file readable (a whole file inside a chain is valid; the next
  /// write of the chain makes it a delta again).
  func keepWhole(_ text: String, at link: ChainLink) throws(AlmanacError) {
    guard FileSystem.exists(link.path + DeltaFile.suffix) else { return }
    try FileSystem.atomicWrite(Data(text.utf8), to: link.path)
    try FileSystem.remove(link.path + DeltaFile.suffix)
    chainCache.clear()
  }

  /// Removes a chained file; the files made against it are re-made against their new bases.
  func removeChained(_ link: ChainLink) throws(AlmanacError) {
    let after = try textsOf(dependents(of: link))
    for (next, text) in after { try keepWhole(text, at: next) }
    for path in [link.path, link.path + DeltaFile.suffix] where FileSystem.exists(path) { try FileSystem.remove(path) }
    chainCache.clear()
    for (next, text) in after { _ = try store(text, at: next) }
  }

  /// Writes `text` in the form its place in the chain calls for, removing the other form.
  func store(_ text: String, at link: ChainLink) throws(AlmanacError) -> Outcome {
    let (path, bytes) = form(text, at: link)
    let other = path == link.path ? link.path + DeltaFile.suffix : link.path
    let data = Data(bytes.utf8)
    var outcome = Outcome.unchanged
    if FileSystem.readData(path) != data {
      try ensureGitignore()
      try FileSystem.atomicWrite(data, to: path)
      outcome = .written
    }
    if FileSystem.exists(other) {
      try FileSystem.remove(other)
      outcome = .written
    }
    if outcome == .written { chainCache.clear() }
    return outcome
  }

  /// The year's oldest file is whole; a later one is a delta against its base (`baseDay`),
  /// unless the delta would not be smaller (or the base cannot be read: tonight's answer is
  /// kept whole rather than lost, and the damaged file is reported wherever it is read). A
  /// delta is kept only after it has been read back and rebuilt tonight's exact text, so a
  /// fault in the encoder costs bytes, never a night.
  func form(_ text: String, at link: ChainLink) -> (path: String, text: String) {
    guard let baseDay = Self.baseDay(of: link, among: chainDays(link)) else { return (link.path, text) }
    let base = link.at(baseDay)
    guard let baseText = try? readText(base.path) else { return (link.path, text) }
    let delta = DeltaFile.make(base: base.name, baseText: baseText, text: text).encoded()
    let deltaPath = link.path + DeltaFile.suffix
    guard delta.utf8.count < text.utf8.count,
      (try? DeltaFile.decode(delta, path: deltaPath).apply(to: baseText, path: deltaPath, basePath: base.path)) == text
    else { return (link.path, text) }
    return (deltaPath, delta)
  }
}

/// The texts rebuilt from deltas, so reading a chain oldest first applies each delta once. An
/// entry is used only while its delta file and its base's text are what they were.
final class ChainCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: (delta: String, base: String, text: String)] = [:]

  func hit(_ path: String, delta: String, base: String) -> String? {
    lock.lock()
    defer { lock.unlock() }
    guard let e = entries[path], e.delta == delta, e.base == base else { return nil }
    return e.text
  }

  func keep(_ path: String, delta: String, base: String, text: String) {
    lock.lock()
    defer { lock.unlock() }
    if entries.count >= 64 { entries.removeAll() }
    entries[path] = (delta, base, text)
  }

  func clear() {
    lock.lock()
    defer { lock.unlock() }
    entries.removeAll()
  }
}
