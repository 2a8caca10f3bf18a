/// The eight chaining words of SHA-256 and its compression function (FIPS 180-4, section 6.2).
///
/// Kept separate from `SHA256` so HMAC and PBKDF2 can snapshot and resume a state after the
/// padded key block without re-hashing it, and so PBKDF2 can feed whole words without bytes.
struct SHA256State: Sendable {
    var h0: UInt32 = 0x6a09e667
    var h1: UInt32 = 0xbb67ae85
    var h2: UInt32 = 0x3c6ef372
    var h3: UInt32 = 0xa54ff53a
    var h4: UInt32 = 0x510e527f
    var h5: UInt32 = 0x9b05688c
    var h6: UInt32 = 0x1f83d9ab
    var h7: UInt32 = 0x5be0cd19

    /// Compresses one 64-byte block read (unaligned, big-endian) from `block`.
    @inline(__always)
    mutating func compress(block: UnsafeRawPointer, schedule w: UnsafeMutablePointer<UInt32>) {
        for i in 0..<16 {
            w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
        }
        compress(schedule: w)
    }

    /// Compresses the block whose 16 message words are already in `w[0..<16]`.
    /// `w` must have room for 64 words; `w[16..<64]` is overwritten, `w[0..<16]` is left intact.
    mutating func compress(schedule w: UnsafeMutablePointer<UInt32>) {
        var i = 16
        while i < 64 {
            let x = w[i &- 15]
            let y = w[i &- 2]
            let s0 = rotateRight(x, 7) ^ rotateRight(x, 18) ^ (x &>> 3)
            let s1 = rotateRight(y, 17) ^ rotateRight(y, 19) ^ (y &>> 10)
            w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            i &+= 1
        }

        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        SHA256State.roundConstants.withUnsafeBufferPointer { k in
            guard let k = k.baseAddress else { return }
            var i = 0
            while i < 64 {
                let s1 = rotateRight(e, 6) ^ rotateRight(e, 11) ^ rotateRight(e, 25)
                let choose = (e & f) ^ (~e & g)
                let t1 = h &+ s1 &+ choose &+ k[i] &+ w[i]
                let s0 = rotateRight(a, 2) ^ rotateRight(a, 13) ^ rotateRight(a, 22)
                let majority = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ majority
                h = g
                g = f
                f = e
                e = d &+ t1
                d = c
                c = b
                b = a
                a = t1 &+ t2
                i &+= 1
            }
        }
        h0 &+= a
        h1 &+= b
        h2 &+= c
        h3 &+= d
        h4 &+= e
        h5 &+= f
        h6 &+= g
        h7 &+= h
    }

    /// The 32-byte digest: the eight words big-endian.
    var digest: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.storeBytes(of: h0.bigEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: h1.bigEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: h2.bigEndian, toByteOffset: 8, as: UInt32.self)
            raw.storeBytes(of: h3.bigEndian, toByteOffset: 12, as: UInt32.self)
            raw.storeBytes(of: h4.bigEndian, toByteOffset: 16, as: UInt32.self)
            raw.storeBytes(of: h5.bigEndian, toByteOffset: 20, as: UInt32.self)
            raw.storeBytes(of: h6.bigEndian, toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: h7.bigEndian, toByteOffset: 28, as: UInt32.self)
            count = 32
        }
    }

    /// Writes the eight words into `w[0..<8]` (PBKDF2 feeds a digest straight into the next block).
    @inline(__always)
    func store(into w: UnsafeMutablePointer<UInt32>) {
        w[0] = h0
        w[1] = h1
        w[2] = h2
        w[3] = h3
        w[4] = h4
        w[5] = h5
        w[6] = h6
        w[7] = h7
    }

    static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]
}

@inline(__always)
private func rotateRight(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
}

extension SHA256State {
    /// The state whose words are the big-endian reading of a 32-byte digest.
    init(words digest: [UInt8]) {
        self.init()
        digest.withUnsafeBytes { raw in
            guard raw.count >= 32 else { return }
            h0 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            h1 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
            h2 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
            h3 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
            h4 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
            h5 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
            h6 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
            h7 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        }
    }
}
