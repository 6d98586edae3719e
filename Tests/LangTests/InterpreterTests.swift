import Testing

@testable import Lang

@Suite("Interpreter: Python values and statements")
struct InterpreterTests {
    @Test("values print as Python prints them")
    func printing() {
        assertEvaluates(
            "print((3, 2), (1,), [1, 2], 'text', {'a': 1}, None, True, 0.1, 1e-05, 1e16, 1e15, -0.0, float('inf'))",
            prints: "(3, 2) (1,) [1, 2] text {'a': 1} None True 0.1 1e-05 1e+16 1000000000000000.0 -0.0 inf\n")
        assertEvaluates("print(repr('it\\'s'), repr(\"a\"), [\"x\"])", prints: "\"it's\" 'a' ['x']\n")
        assertEvaluates("x = (1, 'a')\nx", prints: "", result: "(1, 'a')")
        assertEvaluates(
            "print(1/3, 2/3, 0.1 + 0.2, 123456789.123, 2.5e-7)",
            prints: "0.3333333333333333 0.6666666666666666 0.30000000000000004 123456789.123 2.5e-07\n")
    }

    @Test("integer arithmetic follows Python's signs and types")
    func arithmetic() {
        assertEvaluates(
            "print(7 // 2, -7 // 2, 7 // -2, -7 % 3, 7 % -3, 7 / 2, 2 ** 10, 2 ** -1, 7.5 // 2, -7.5 % 2)",
            prints: "3 -4 -4 2 -2 3.5 1024 0.5 3.0 0.5\n")
        assertEvaluates(
            "print(True + True, 3 * 'ab', [0] * 3, (1, 2) + (3,))", prints: "2 ababab [0, 0, 0] (1, 2, 3)\n")
    }

    @Test("round uses banker's rounding and exact binary values")
    func rounding() {
        assertEvaluates(
            "print(round(0.5), round(1.5), round(2.5), round(-2.5), round(2.675, 2), round(3.14159, 3), round(7))",
            prints: "0 2 2 -2 2.67 3.142 7\n")
    }

    @Test("errors in arithmetic are Python exceptions, never traps")
    func arithmeticErrors() {
        assertRaises("x = 1\ny = x / 0", "ZeroDivisionError", "division by zero", at: "x / 0")
        assertRaises("2 ** 100", "OverflowError")
        assertRaises("9223372036854775807 + 1", "OverflowError")
        assertRaises("1 + 'a'", "TypeError", "unsupported operand type(s) for +: 'int' and 'str'")
        assertRaises("[1][3]", "IndexError", "list index out of range")
        assertRaises("{'a': 1}['b']", "KeyError", "'b'")
        assertRaises("undefined", "NameError", "name 'undefined' is not defined", at: "undefined")
        assertRaises("'abc'.nope()", "AttributeError", "'str' object has no attribute 'nope'")
        assertRaises("assert 1 == 2, 'bad'", "AssertionError", "bad")
        assertRaises("a, b = [1, 2, 3]", "ValueError", "too many values to unpack")
        assertRaises("import numpy", "ImportError", "No module named 'numpy'")
    }

    @Test("strings: methods, slicing, format and f-string format specs")
    func strings() {
        assertEvaluates(
            """
            s = "Hello, World"
            print(s.upper(), s.lower(), s.split(", "), "-".join(["a", "b"]), s[::-1], s[1:5], s[-1])
            print("  x ".strip(), "a,b".replace(",", ";"), s.startswith("He"), "{} {:.2f} {name}".format(1, 2.5, name="n"))
            l = [1.23456]
            print(f"{l[0]:.3f}|{'hi'!r}|{42:>8}|{1e-5:.2e}|{7:d}|{'ab':<5}|{1234567:,}|{0.25:.1%}|{3:03d}|{x}")
            """.replacingOccurrences("{x}", "{s=}"),
            prints: """
                HELLO, WORLD hello, world ['Hello', 'World'] a-b dlroW ,olleH ello d
                x a;b True 1 2.50 n
                1.235|'hi'|      42|1.00e-05|7|ab   |1,234,567|25.0%|003|s='Hello, World'

                """)
    }

    @Test("lists, tuples, dicts and their methods")
    func containers() {
        assertEvaluates(
            """
            L = [3, 1, 2]
            L.sort()
            L.append(10)
            L.extend([7])
            # print shows L and d after pop: Python formats the arguments only when printing.
            print(L, L.pop(), L.index(2), sorted(L, reverse=True), L[::2], len(L))
            d = {'a': 1}
            d['b'] = 2
            d.update(c=3)
            print(d, d.get('z', 0), list(d.items()), list(d.keys()), 'a' in d, d.pop('a'), d)
            t = (1, 2, 3)
            a, *rest = t
            print(a, rest, t[1:], t.count(2), {1, 2} == {2, 1})
            """,
            prints: """
                [1, 2, 3, 10] 7 1 [10, 3, 2, 1] [1, 3] 4
                {'b': 2, 'c': 3} 0 [('a', 1), ('b', 2), ('c', 3)] ['a', 'b', 'c'] True 1 {'b': 2, 'c': 3}
                1 [2, 3] (2, 3) 1 True

                """)
    }

    @Test("functions: defaults, keywords, *args, **kwargs, closures, lambdas, recursion")
    func functions() {
        assertEvaluates(
            """
            def f(a, b=2, *args, c=3, **kw):
                return (a, b, args, c, kw)
            print(f(1), f(1, 5, 6, 7, c=0, d=9))
            def counter():
                n = 0
                def inc():
                    nonlocal n
                    n += 1
                    return n
                return inc
            c = counter()
            c()
            print(c(), (lambda x, y=1: x * y)(3), list(map(lambda v: v * 2, [1, 2])))
            total = 0
            def add(v):
                global total
                total += v
            add(5)
            print(total)
            def fact(n):
                return 1 if n <= 1 else n * fact(n - 1)
            print(fact(20))
            """,
            prints: """
                (1, 2, (), 3, {}) (1, 5, (6, 7), 0, {'d': 9})
                2 3 [2, 4]
                5
                2432902008176640000

                """)
        assertRaises("def g(a):\n    return a\ng()", "TypeError", "g() missing 1 required positional argument: 'a'")
        assertRaises(
            "def g(a):\n    return a\ng(1, 2)", "TypeError", "g() takes 1 positional argument but 2 were given")
    }

    @Test("control flow: if/elif/else, for/else, while, break, continue, with, try")
    func controlFlow() {
        assertEvaluates(
            """
            for i in range(5):
                if i == 1:
                    continue
                elif i == 3:
                    break
                print(i, end=' ')
            else:
                print('not reached')
            n = 0
            while n < 3:
                n += 1
            else:
                print('done', n)
            try:
                [][0]
            except (KeyError, IndexError) as e:
                print('caught', e)
            finally:
                print('finally')
            """,
            prints: "0 2 done 3\ncaught list index out of range\nfinally\n")
    }

    @Test("comprehensions and builtins over iterables")
    func comprehensions() {
        assertEvaluates(
            """
            print([x * y for x in range(3) for y in range(3) if x != y])
            print({k: v for k, v in zip('ab', range(2))}, sum(x * x for x in range(4)), sum([1, 2], 10))
            print(list(zip([1, 2], 'ab')), list(enumerate('xy', 1)), any([0, 1]), all([]), max([3, 9, 2]), min(3, 1, 2))
            print(list(reversed(range(3))), list(filter(None, [0, 1, 2])), isinstance(True, int), type(1.0))
            print(max(['aa', 'b', 'ccc'], key=len), abs(-3), int('12'), float('2.5'), str(3), bool([]), list(range(10, 0, -3)))
            """,
            prints: """
                [0, 0, 0, 2, 0, 2]
                {'a': 0, 'b': 1} 14 13
                [(1, 'a'), (2, 'b')] [(1, 'x'), (2, 'y')] True True 9 1
                [2, 1, 0] [1, 2] True <class 'float'>
                ccc 3 12 2.5 3 False [10, 7, 4, 1]

                """)
    }

    @Test("self-referencing containers print as [...] and compare by identity, without recursing forever")
    func selfReference() {
        assertEvaluates(
            "a = [1]\na.append(a)\nprint(a, a == a)\nd = {}\nd['d'] = d\nprint(d)",
            prints: "[1, [...]] True\n{'d': {...}}\n")
        assertRaises("a = []\nb = []\nfor i in range(2000):\n    a = [a]\n    b = [b]\na == b", "RecursionError")
    }

    @Test("a failing truth test puts the caret under the test, not the whole statement")
    func conditionCaret() {
        assertRaises("x = [1]\nwhile x[3]:\n    pass", "IndexError", at: "x[3]")
    }

    @Test("zip, map, enumerate and generator expressions are one-pass iterators, as in Python")
    func iterators() {
        assertEvaluates(
            "g = (x * x for x in range(3))\nprint(list(g), list(g), repr(zip([1], [2]))[:12], repr(g)[:26])",
            prints: "[0, 1, 4] [] <zip object  <generator object <genexpr\n")
        assertRaises("len(zip([1], [2]))", "TypeError", "object of type 'zip' has no len()")
    }

    @Test("a session keeps globals across cells; the trailing expression is the result, None is not shown")
    func sessionState() {
        let session = Session()
        #expect(session.run("x = 41").outputs.isEmpty)
        #expect(session.run("x + 1").result == "42")
        #expect(session.run("print('a')\nNone").outputs == [.stdout("a\n")])
        let later = session.run("y = x\ny")
        #expect(later.result == "41")
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        replacing(target, with: replacement)
    }
}
