import Testing

@testable import Notebook

@Suite("SHA-256")
struct SHA256Tests {
    /// FIPS 180-2 appendix B vectors and NIST's million-'a' vector.
    @Test(
        "known vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func knownVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(of: Array(message.utf8)) == digest)
    }

    @Test("a million 'a's")
    func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(of: message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("hashing in pieces equals hashing at once, across block boundaries")
    func incremental() {
        let message = (0..<200).map { UInt8($0) }
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 199, 200] {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(
                hasher.finalize()
                    == {
                        var whole = SHA256()
                        whole.update(message)
                        return whole.finalize()
                    }())
        }
    }

    @Test("a PNG output is named by the hash of its bytes")
    func pngHash() {
        #expect(PNGImage(bytes: Array("abc".utf8)).sha256 == SHA256.hexDigest(of: Array("abc".utf8)))
    }
}
