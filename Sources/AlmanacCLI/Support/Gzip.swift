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
          status = inflate(&stream, Z_NO_FLUSH)
          output.append(outBuf.baseAddress!, count: outBuf.count - Int(stream.avail_out))
        }
      } while status == Z_OK
    }
    guard status == Z_STREAM_END else {
      throw Failure(description: status == Z_BUF_ERROR ? "the gzip data is truncated" : "the gzip data is corrupt (zlib status \(status))")
    }
    return output
  }

  public static func compress(_ data: Data, level: Int32 = 9) throws(Failure) -> Data {
    var stream = z_stream()
    guard CZlib_deflateInit2(&stream, level, 15 + 16) == Z_OK else { throw Failure(description: "zlib could not start") }
    defer { deflateEnd(&stream) }
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
          status = deflate(&stream, Z_FINISH)
          output.append(outBuf.baseAddress!, count: outBuf.count - Int(stream.avail_out))
        }
      } while status == Z_OK
    }
    guard status == Z_STREAM_END else { throw Failure(description: "zlib could not compress (status \(status))") }
    return output
  }
}
