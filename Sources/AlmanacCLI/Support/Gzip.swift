import CZlib
import Foundation

/// gzip through the system zlib (window bits 15+16 write gzip, 15+32 read gzip or zlib).
public enum Gzip {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  public static func isGzip(_ data: Data) -> Bool { data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b }

  public static func decompress(_ data: Data) throws(Failure) -> Data {
    var stream = z_stream()
    guard CZlib_inflateInit2(&stream, 15 + 32) == Z_OK else { throw Failure(description: "zlib could not start") }
    defer { inflateEnd(&stream) }
    let (output, status) = pump(data, &stream) { inflate(&$0, Z_NO_FLUSH) }
    guard status == Z_STREAM_END else {
      throw Failure(description: status == Z_BUF_ERROR ? "the gzip data is truncated" : "the gzip data is corrupt (zlib status \(status))")
    }
    return output
  }

  public static func compress(_ data: Data, level: Int32 = 9) throws(Failure) -> Data {
    var stream = z_stream()
    guard CZlib_deflateInit2(&stream, level, 15 + 16) == Z_OK else { throw Failure(description: "zlib could not start") }
    defer { deflateEnd(&stream) }
    let (output, status) = pump(data, &stream) { deflate(&$0, Z_FINISH) }
    guard status == Z_STREAM_END else { throw Failure(description: "zlib could not compress (status \(status))") }
    return output
  }

  /// Feeds all of `data` through `step` (inflate or deflate) until it stops returning Z_OK.
  private static func pump(_ data: Data, _ stream: inout z_stream, _ step: (inout z_stream) -> Int32) -> (Data, Int32) {
    var input = [UInt8](data)
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    var status: Int32 = Z_OK
    let count = input.count
    input.withUnsafeMutableBufferPointer { inBuf in
      stream.next_in = inBuf.baseAddress
      stream.avail_in = uInt(count)
      repeat {
        buffer.withUnsafeMutableBufferPointer { outBuf in
          stream.next_out = outBuf.baseAddress
          stream.avail_out = uInt(outBuf.count)
          status = step(&stream)
          if let base = outBuf.baseAddress { output.append(base, count: outBuf.count - Int(stream.avail_out)) }
        }
      } while status == Z_OK
    }
    return (output, status)
  }
}
