import Testing

@testable import Lang

/// A session whose data may take at most 8 MiB.
private func smallSession() -> Session {
    var limits = ExecutionLimits()
    limits.maximumMemoryBytes = 8 << 20
    return Session(limits: limits)
}

@Suite("Limits: containers and strings count against the session's memory limit")
struct MemoryBudgetTests {
    /// Programs that grow data without bound, and a part of the message each gets.
    static let runaways: [(code: String, message: String)] = [
        ("s = 'x'\nwhile True:\n    s = s + s", "a string"),
        ("s = 'x'\nwhile True:\n    s += s", "a string"),
        ("d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1", "growing a dict"),
        ("d = {i: (i, i) for i in range(10**7)}", "growing a dict"),
        ("s = {i for i in range(10**9)}", "growing a set"),
        ("x = [[0] * 10**4 for _ in range(10**5)]", "a list of 10000 items"),
        ("rows = []\nfor i in range(10**6):\n    rows.append([0] * 10**4)", "a list of 10000 items"),
        ("x = [0] * 10**12", "a list of 1000000000000 items"),
        ("x = 'a' * 10**12", "a string"),
        ("x = [0] * 10**18", "a list of 1000000000000000000 items"),
        ("x = (0,) * 10**18", "a tuple of 1000000000000000000 items"),
        ("x = 'ab' * 2**62", "a string"),
        ("x = [1, 2] * 2**62", "a list of more than"),
        ("l = []\nwhile True:\n    l.extend(['x' * 100] * 100)", "list"),
        ("l = []\nwhile True:\n    l.append((0, 0))", "growing a list"),
        ("l = []\nwhile True:\n    l.insert(len(l), (0, 0, 0))", "growing a list"),
        ("l = [0]\nwhile True:\n    l += l", "growing a list"),
        ("x = list(range(10**12))", "a list of 1000000000000 items"),
        ("x = tuple(range(10**12))", "a tuple of 1000000000000 items"),
        ("x = sorted(range(10**10))", "a list of 10000000000 items"),
        ("x = [i for i in range(10**12)]", "a list of"),
        ("x = sum(i for i in range(10**12))", "a list of"),
        ("x = list(zip(range(10**12), range(10**12)))", "a list of"),
        ("t = (1,)\nwhile True:\n    t = t + t", "a tuple of"),
        ("s = 'x' * 1000\nwhile True:\n    s = ','.join([s, s])", "a string"),
        ("s = 'x'\nwhile True:\n    s = f'{s}{s}'", "a string"),
        ("s = 'x'\nwhile True:\n    s = '%s%s' % (s, s)", "a string"),
        ("s = 'x'\nwhile True:\n    s = '{}{}'.format(s, s)", "a string"),
        ("s = 'ab' * 100\nwhile True:\n    s = s.replace('a', 'a' * 64)", "a string"),
        ("s = 'x' * 10**6\nwhile True:\n    s = s + s[:10**6]", "a string"),
        ("s = 'x'\nwhile True:\n    s = s.center(len(s) * 2, '\\u00e9')", "a string"),
        ("x = 'a'.rjust(9223372036854775807)", "a string"),
        ("x = 'ab'.zfill(2**62)", "a string"),
        ("x = ('ab' * 1000).replace('', 'x' * 10**4)", "a string"),
        ("import torch\nx = torch.zeros(10**7).tolist()", "a list of 10000000 items"),
    ]

    @Test("growing data past the limit is a MemoryError that names what and the limit", arguments: runaways)
    func runaway(_ runaway: (code: String, message: String)) {
        let session = smallSession()
        _ = session.run("kept = [1, 2, 3]\nname = 'still here'")
        let result = session.run(runaway.code)
        #expect(result.error?.name == .memoryError, "\(result.errors)")
        let message = result.error?.message ?? ""
        #expect(message.contains(runaway.message), "\(message)")
        #expect(message.contains("memory limit of 8 MiB"), "\(message)")
        // The session goes on: what was defined before is there, and the failed cell's partial
        // data can be dropped to make room again.
        let cleanup = ["s", "d", "x", "rows", "l", "t"].map { "try:\n    del \($0)\nexcept NameError:\n    pass\n" }
        let after = session.run(
            "print(kept, name)\n" + cleanup.joined() + "print(len([0] * 1000), len('z' * 1000))")
        #expect(after.errors.isEmpty, "\(after.errors)")
        #expect(after.stdout == "[1, 2, 3] still here\n1000 1000\n")
    }

    @Test("the messages say how big the data would be and what the session already holds")
    func messages() {
        let huge = Session().run("x = [0] * 10**12")
        #expect(
            huge.error?.message
                == "a list of 1000000000000 items (about 29.1 TiB) is larger than the session's memory limit of 1 GiB")
        let session = smallSession()
        let result = session.run("keep = [0] * 10**5\nmore = [0] * (2 * 10**5)")
        let message = result.error?.message ?? ""
        #expect(message.hasPrefix("a list of 200000 items (about 6.1 MiB) would take the session's data past"))
        #expect(message.hasSuffix("memory limit of 8 MiB (its lists, dicts and sets hold about 3.1 MiB)"))
    }

    @Test("what lists, dicts and sets hold is given back exactly when they shrink or die")
    func accounting() {
        let session = Session()
        let budget = session.interpreter.memory
        let baseline = budget.heldBytes
        let grown = session.run(
            """
            a = [1, 'x' * 100, (1, 'y' * 50)]
            a.append('z' * 40)
            a.extend(['w' * 30] * 5)
            a.insert(1, [0] * 10)
            a[0] = 'q' * 64
            a[2:4] = ['r' * 20] * 3
            a[::2] = ['s' * 17] * len(a[::2])
            a.pop()
            a.remove('s' * 17)
            del a[0]
            del a[::3]
            a.sort(key=str)
            a.reverse()
            a += ['t' * 99]
            b = a + a
            c = a * 3
            d = {i: str(i) * 20 for i in range(50)}
            d[3] = 'long' * 10
            d[3] = 'x'
            d.pop(4)
            del d[5]
            d.update({100: 'v' * 30})
            d.setdefault(7, 'x' * 99)
            e = d.copy()
            e.clear()
            f = {1, 2, 'abc' * 10}
            g = list(range(100))
            h = [x * 2 for x in g]
            i = dict(d)
            j = sorted(g)
            k = g[10:50]
            m = d | {200: 'm' * 20}
            n = list(d.items())
            first, *rest = g
            """)
        #expect(grown.errors.isEmpty, "\(grown.errors)")
        #expect(budget.heldBytes > baseline + 10_000)
        let dropped = session.run("del a, b, c, d, e, f, g, h, i, j, k, m, n, first, rest")
        #expect(dropped.errors.isEmpty, "\(dropped.errors)")
        #expect(budget.heldBytes == baseline)
    }

    @Test("repetition and range sizes are overflow-checked: huge or negative counts never trap")
    func overflowChecked() {
        assertEvaluates(
            """
            print(repr('a' * -5), [0] * -3, (1,) * -1, [] * 10**18, repr('' * 10**18), () * 10**18)
            r = range(-9223372036854775807 - 1, 9223372036854775807)
            print(bool(r), 9223372036854775806 in r, -9223372036854775807 - 1 in r, 0 in range(10, 0, -9223372036854775807 - 1))
            print(list(range(0, 9223372036854775807, 4611686018427387904)), [1, 2, 3][::-9223372036854775807 - 1])
            print(list(range(10)[::-9223372036854775807 - 1]), len(range(0, 10, -9223372036854775807 - 1)))
            """,
            prints: """
                '' [] () [] '' ()
                True True True False
                [0, 4611686018427387904] [3]
                [9] 0

                """)
        assertRaises(
            "len(range(-9223372036854775807 - 1, 9223372036854775807))", "OverflowError",
            "Python int too large to convert to C ssize_t")
    }

    @Test("strings are indexed, sliced and iterated without copying them into arrays")
    func stringWalks() {
        assertEvaluates(
            """
            s = 'héllo, wörld'
            print(s[1], s[-1], s[2:5], s[::-1], s[1:10:3], s[::4], repr(s[5:2]), [c for c in s[:3]])
            print(list('abc'), sorted('cab'), ''.join(reversed('xyz')), len('x' * 10**6), ('y' * 10**6)[-1])
            """,
            prints: """
                é d llo dlröw ,olléh éow hoö '' ['h', 'é', 'l']
                ['a', 'b', 'c'] ['a', 'b', 'c'] zyx 1000000 y

                """)
    }
}
