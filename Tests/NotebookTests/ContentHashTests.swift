import Testing

@testable import Notebook

@Suite("Content hashes")
struct ContentHashTests {
    /// FIPS 180-2 appendix B vectors and NIST's million-'a' vector.
    @Test(
        "known vectors, written as lowercase hex",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func knownVectors(message: String, digest: String) {
        #expect(ContentHash.sha256Hex(of: Array(message.utf8)) == digest)
    }

    @Test("a million 'a's")
    func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            ContentHash.sha256Hex(of: message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("hashing in pieces equals hashing the joined bytes")
    func pieces() {
        let message = (0..<200).map { UInt8($0) }
        for split in [0, 1, 55, 56, 63, 64, 65, 128, 199, 200] {
            let pieces = [Array(message[..<split]), Array(message[split...])]
            #expect(ContentHash.sha256(of: pieces) == ContentHash.sha256(of: [message]))
        }
    }

    @Test("a PNG output is named by the hash of its bytes")
    func pngHash() {
        #expect(
            PNGImage(bytes: Array("abc".utf8)).sha256
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("derived cell ids did not change with the hash implementation")
    func derivedIDsAreStable() {
        // Python's hashlib: sha256(b"code\0" b"0\0" b"print(1)"), first 12 bytes mod 36 into a-z0-9.
        // Scripts exported before keep their cells' ids.
        #expect(CellID.derived(kind: "code", source: "print(1)", occurrence: 0).rawValue == "114hgntlyk3k")
    }
}
