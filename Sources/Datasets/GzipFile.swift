import CZlib

/// Reads a whole gzip-compressed file through zlib (`gzopen`/`gzread`); a plain file reads as it is.
///
/// The zlib handle never leaves ``read(path:limit:)``: path in, bytes out.
///
/// ```swift
/// let bytes = try GzipFile.read(path: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
/// bytes.count  // 10_008
/// ```
public enum GzipFile {
    /// The bytes of the decompressed file; refuses files that decompress to more than `limit` bytes.
    public static func read(path: String, limit: Int = 1 << 30) throws(DatasetError) -> [UInt8] {
        guard let file = gzopen(path, "rb") else {
            throw DatasetError(.unreadable, path: path, "cannot open \(path)")
        }
        defer { gzclose(file) }
        gzbuffer(file, 1 << 18)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if count < 0 {
                var code: Int32 = 0
                let reason = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
                throw DatasetError(.malformed, path: path, "\(path) is damaged: \(reason)")
            }
            if count == 0 {
                // zlib ends a stream cut short quietly and says so only here.
                var code: Int32 = 0
                let reason = gzerror(file, &code).map { String(cString: $0) } ?? ""
                if code != Z_OK {
                    throw DatasetError(.malformed, path: path, "\(path) is damaged or cut short: \(reason)")
                }
                break
            }
            if bytes.count + Int(count) > limit {
                throw DatasetError(.malformed, path: path, "\(path) decompresses to more than \(limit) bytes")
            }
            bytes.append(contentsOf: chunk[0..<Int(count)])
        }
        return bytes
    }
}
