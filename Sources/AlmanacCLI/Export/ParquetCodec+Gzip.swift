import AlmanacKit
import Foundation

extension ParquetCodec {
  /// Parquet's GZIP codec: each page a gzip stream, through the system zlib.
  public static let gzip = ParquetCodec(name: "gzip", id: 2) { (bytes: [UInt8]) throws(ParquetError) -> [UInt8] in
    do { return [UInt8](try Gzip.compress(Data(bytes), level: 6)) } catch { throw ParquetError("gzip: \(error)") }
  }

  /// The codecs `--compression` names.
  static let byName: [String: ParquetCodec] = ["snappy": .snappy, "gzip": .gzip, "none": .uncompressed]
}
