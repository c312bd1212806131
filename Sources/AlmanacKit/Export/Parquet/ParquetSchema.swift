/// One column of a Parquet file Almanac writes: a flat schema of primitive columns, each
/// `REQUIRED` or `OPTIONAL` (nulls as definition levels), with its logical type.
public struct ParquetColumn: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    /// INT32 annotated DATE: days since 1970-01-01.
    case date
    /// INT64 annotated INTEGER(64, signed).
    case int64
    /// BYTE_ARRAY annotated STRING (UTF-8); dictionary-encoded while the dictionary stays small.
    case string
    case boolean
  }

  public var name: String
  public var kind: Kind
  public var optional: Bool

  public init(_ name: String, _ kind: Kind, optional: Bool = false) {
    self.name = name
    self.kind = kind
    self.optional = optional
  }

  /// Parquet's physical type number.
  var physicalType: Int32 {
    switch kind {
    case .boolean: 0
    case .date: 1
    case .int64: 2
    case .string: 6
    }
  }
}

/// One row group's values for one column, in row order; nil is a null.
public enum ParquetValues: Equatable, Sendable {
  case date([Int32?])
  case int64([Int64?])
  case string([String?])
  case boolean([Bool?])

  public var count: Int {
    switch self {
    case .date(let v): v.count
    case .int64(let v): v.count
    case .string(let v): v.count
    case .boolean(let v): v.count
    }
  }

  var kind: ParquetColumn.Kind {
    switch self {
    case .date: .date
    case .int64: .int64
    case .string: .string
    case .boolean: .boolean
    }
  }
}

/// A page compressor: Parquet's codec number and the function. `.snappy` is ours (pure);
/// gzip needs zlib and lives at the edge (AlmanacCLI `ParquetCodec.gzip`).
public struct ParquetCodec: Sendable {
  public var name: String
  /// Thrift `CompressionCodec`: 0 uncompressed, 1 Snappy, 2 gzip.
  public var id: Int32
  public var compress: @Sendable ([UInt8]) throws(ParquetError) -> [UInt8]

  public init(name: String, id: Int32, compress: @escaping @Sendable ([UInt8]) throws(ParquetError) -> [UInt8]) {
    self.name = name
    self.id = id
    self.compress = compress
  }

  public static let uncompressed = ParquetCodec(name: "none", id: 0) { $0 }
  public static let snappy = ParquetCodec(name: "snappy", id: 1) { Snappy.compress($0) }
}

public struct ParquetError: Error, Equatable, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
