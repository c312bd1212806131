/// Sums detail rows into dense counters per (package, day, version): one per installer class
/// plus one for downloads that could have been a person. Everything the classified output
/// needs — per-day class totals, per-version class mixes, the demand estimate, release days —
/// is derived from these counters, so a year of rows costs one pass and a few MB.
struct DetailAccumulator {
  static let humanSlot = InstallerClass.allCases.count
  static let slots = humanSlot + 1

  struct GroupKey: Hashable {
    var package: Int32
    var day: Int32
    var version: Int32
  }

  /// The last value seen in one column, so sorted input skips the hash lookup.
  struct Recent {
    var bytes: [UInt8] = []
    var id: Int32 = -1

    @inline(__always)
    func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
      guard id >= 0, bytes.count == b.count else { return false }
      var i = 0
      while i < b.count {
        if bytes[i] != b[i] { return false }
        i += 1
      }
      return true
    }
  }

  let rules: InstallerRules
  var packages = ByteInterner()
  var versions = ByteInterner()
  var installers = ByteInterner()
  var recentPackage = Recent()
  var recentVersion = Recent()
  var recentInstaller = Recent()
  /// Per installer id: its slot word (see `resolve`).
  var installerSlot: [Int] = []
  var unknownDownloads: [Int32: Int64] = [:]
  var groups = GroupTable()
  var keys: [GroupKey] { groups.keys }
  var counts: [Int64] = []
  var lastKey = GroupKey(package: -1, day: 0, version: -1)
  var lastBase = -1

  init(rules: InstallerRules) { self.rules = rules }

  @inline(__always)
  static func intern(_ b: UnsafeBufferPointer<UInt8>, _ recent: inout Recent, _ interner: inout ByteInterner) -> Int32 {
    if recent.matches(b) { return recent.id }
    let id = interner.id(b)
    recent.bytes.removeAll(keepingCapacity: true)
    recent.bytes.append(contentsOf: b)
    recent.id = id
    return id
  }

  @inline(__always)
  mutating func add(
    day: Day, package: UnsafeBufferPointer<UInt8>, version: UnsafeBufferPointer<UInt8>, installer: UnsafeBufferPointer<UInt8>, downloads: Int64
  ) {
    let p = Self.intern(package, &recentPackage, &packages)
    let v = Self.intern(version, &recentVersion, &versions)
    let i = Int(Self.intern(installer, &recentInstaller, &installers))
    if i == installerSlot.count { installerSlot.append(resolve(Int32(i))) }
    let slot = installerSlot[i]
    let key = GroupKey(package: p, day: Int32(truncatingIfNeeded: day.ordinal), version: v)
    if key != lastKey {
      let group = groups.number(of: key)
      lastBase = group.number * Self.slots
      if group.isNew { counts.append(contentsOf: repeatElement(0, count: Self.slots)) }
      lastKey = key
    }
    counts[lastBase + (slot & Self.classMask)] += downloads
    if slot & Self.humanFlag != 0 { counts[lastBase + Self.humanSlot] += downloads }
    if slot & Self.unknownFlag != 0 { unknownDownloads[Int32(i), default: 0] += downloads }
  }

  mutating func add(_ row: DetailedDownload) {
    var package = row.package
    var version = row.version
    var installer = row.installer
    package.withUTF8 { p in
      version.withUTF8 { v in
        installer.withUTF8 { i in add(day: row.date, package: p, version: v, installer: i, downloads: row.downloads) }
      }
    }
  }

  static let classMask = 7
  static let humanFlag = 8
  static let unknownFlag = 16

  /// The slot word of a new installer name: class index, `humanFlag`, `unknownFlag`.
  private mutating func resolve(_ id: Int32) -> Int {
    let name = installers.string(id)
    let cls = rules.classOf(name)
    if cls == nil { unknownDownloads[id] = 0 }
    return (cls ?? .unknown).index | (rules.couldBeHuman(name) ? Self.humanFlag : 0) | (cls == nil ? Self.unknownFlag : 0)
  }
}
