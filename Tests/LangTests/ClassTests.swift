import Testing

@testable import Lang

@Suite("Interpreter: classes")
struct ClassTests {
    @Test("__init__ sets instance attributes; methods see self; class attributes are shared")
    func attributes() {
        assertEvaluates(
            """
            class Point:
                dims = 2
                def __init__(self, x, y=0):
                    self.x = x
                    self.y = y
                def norm2(self):
                    return self.x ** 2 + self.y ** 2
            p = Point(3, y=4)
            q = Point(1)
            Point.dims = 3
            q.dims = 5
            print(p.x, p.y, p.norm2(), q.norm2(), p.dims, q.dims, Point.dims)
            """, prints: "3 4 25 1 3 5 3\n")
    }

    @Test("methods are found up the chain and overridden below")
    func inheritance() {
        assertEvaluates(
            """
            class A:
                def who(self): return 'A'
                def hello(self): return 'hello from ' + self.who()
            class B(A):
                def who(self): return 'B'
            class C(B):
                pass
            print(A().hello(), B().hello(), C().hello(), C.__mro__[2].__name__)
            """, prints: "hello from A hello from B hello from B A\n")
    }

    @Test("super() reaches the next class up from the method's own class")
    func superCalls() {
        assertEvaluates(
            """
            class A:
                def __init__(self):
                    self.trail = ['A']
                def name(self):
                    return 'a'
            class B(A):
                def __init__(self):
                    super().__init__()
                    self.trail.append('B')
                def name(self):
                    return super().name() + 'b'
            class C(B):
                def __init__(self):
                    super(C, self).__init__()
                    self.trail.append('C')
                def name(self):
                    return super().name() + 'c'
            c = C()
            print(c.trail, c.name())
            """, prints: "['A', 'B', 'C'] abc\n")
        assertEvaluates(
            "class A:\n    def __init__(self):\n        super().__init__()\n        self.ok = True\nprint(A().ok)",
            prints: "True\n")
    }

    @Test("__call__, __repr__, __str__, __len__, __getitem__, __bool__ and __iter__ are used by Python's syntax")
    func specialMethods() {
        assertEvaluates(
            """
            class Bag:
                def __init__(self, *items):
                    self.items = list(items)
                def __len__(self): return len(self.items)
                def __getitem__(self, i): return self.items[i]
                def __call__(self, k): return self.items[:k]
                def __repr__(self): return 'Bag(' + repr(self.items) + ')'
                def __str__(self): return 'a bag of ' + str(len(self))
                def __iter__(self): return iter(self.items)
            b = Bag(1, 2, 3)
            print(len(b), b[-1], b(2), repr(b), b, [b], bool(Bag()), list(b), f'{b}')
            b
            """, prints: "3 3 [1, 2] Bag([1, 2, 3]) a bag of 3 [Bag([1, 2, 3])] False [1, 2, 3] a bag of 3\n",
            result: "Bag([1, 2, 3])")
    }

    @Test("an instance without __repr__ prints as Python's default object repr")
    func defaultRepr() {
        let outcome = Session().run("class Plain:\n    pass\nprint(Plain(), Plain)")
        #expect(outcome.errors.isEmpty)
        #expect(outcome.stdout.hasPrefix("<__main__.Plain object at 0x"))
        #expect(outcome.stdout.hasSuffix("> <class '__main__.Plain'>\n"))
    }

    @Test("isinstance, type, issubclass and callable know user classes")
    func typeQueries() {
        assertEvaluates(
            """
            class A: pass
            class B(A): pass
            b = B()
            print(isinstance(b, A), isinstance(b, B), isinstance(A(), B), isinstance(b, (int, A)), isinstance(b, object))
            print(type(b) is B, type(b) == A, type(b).__name__, issubclass(B, A), issubclass(A, B), callable(B), callable(b))
            print(type(b)().__class__.__name__)
            """, prints: "True True False True True\nTrue False B True False True False\nB\n")
    }

    @Test("staticmethod, classmethod and property behave as in Python")
    func descriptors() {
        assertEvaluates(
            """
            class Box:
                count = 0
                def __init__(self, side):
                    self._side = side
                @property
                def area(self):
                    return self._side ** 2
                @area.setter
                def area(self, value):
                    self._side = value ** 0.5
                @staticmethod
                def unit():
                    return Box(1)
                @classmethod
                def make(cls, side):
                    cls.count += 1
                    return cls(side)
            b = Box.make(3)
            print(b.area, Box.unit().area, Box.count, b.unit().area)
            b.area = 16
            print(b._side)
            """, prints: "9 1 1 1\n4.0\n")
    }

    @Test("methods close over their function, not over the class body")
    func scoping() {
        assertEvaluates(
            """
            def outer():
                scale = 10
                class K:
                    factor = scale * 2
                    def get(self):
                        return scale + self.factor
                return K()
            print(outer().get())
            """, prints: "30\n")
        assertRaises(
            "class K:\n    hidden = 1\n    def get(self):\n        return hidden\nK().get()", "NameError",
            "name 'hidden' is not defined", at: "hidden")
    }

    @Test("attribute and arity errors name the class and method, with the caret on the call")
    func errors() {
        assertRaises(
            "class A:\n    pass\na = A()\na.missing", "AttributeError", "'A' object has no attribute 'missing'",
            at: "a.missing")
        assertRaises(
            "class A:\n    def f(self, x):\n        return x\nA().f(1, 2)", "TypeError",
            "A.f() takes 2 positional arguments but 3 were given", at: "A().f(1, 2)")
        assertRaises(
            "class A:\n    def __init__(self, k):\n        self.k = k\nA()", "TypeError",
            "A.__init__() missing 1 required positional argument: 'k'", at: "A()")
        assertRaises("class A:\n    pass\nA(1)", "TypeError", "A() takes no arguments", at: "A(1)")
        assertRaises("class A:\n    pass\nA()()", "TypeError", "'A' object is not callable")
        assertRaises(
            "class A:\n    def __init__(self):\n        return 3\nA()", "TypeError",
            "__init__() should return None, not 'int'")
        assertRaises("super()", "RuntimeError", "super(): no arguments")
        assertRaises("class A(1):\n    pass", "TypeError", "a base class must be a class, not 'int'", at: "1")
        assertRaises(
            "class A: pass\nclass B: pass\nclass C(A, B):\n    pass", "NotImplementedError",
            "multiple inheritance", at: "B")
        assertRaises("class A(int):\n    pass", "TypeError", "built-in type 'int'", at: "int")
        assertRaises(
            "class A:\n    @property\n    def x(self):\n        return 1\nA().x = 2", "AttributeError",
            "property 'x' of 'A' object has no setter", at: "A().x")
        assertRaises(
            "class A:\n    def __repr__(self):\n        return 3\nrepr(A())", "TypeError",
            "__repr__ returned non-string (type int)")
    }

    @Test("an error inside a method has a traceback frame through it")
    func traceback() {
        let outcome = Session().run("class A:\n    def f(self):\n        return 1 / 0\nA().f()")
        let error = outcome.error
        #expect(error?.name == .zeroDivisionError)
        #expect(error?.traceback.map(\.function) == ["<module>", "f"])
    }

    @Test("recursion through methods stops at the recursion limit")
    func recursion() {
        assertRaises(
            "class A:\n    def down(self, n):\n        return self.down(n + 1)\nA().down(0)", "RecursionError",
            "maximum recursion depth exceeded")
        assertRaises(
            "class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())", "RecursionError")
    }

    @Test("a user context manager gets __enter__ and __exit__ calls")
    func contextManager() {
        assertEvaluates(
            """
            class Log:
                def __enter__(self):
                    print('enter')
                    return 'value'
                def __exit__(self, kind, value, traceback):
                    print('exit', kind)
            with Log() as v:
                print(v)
            """, prints: "enter\nvalue\nexit None\n")
    }

    @Test("operators call the dunder methods, reflected ones too; == falls back to identity")
    func operators() {
        assertEvaluates(
            """
            class V:
                def __init__(self, x, y):
                    self.x, self.y = x, y
                def __add__(self, other):
                    return V(self.x + other.x, self.y + other.y)
                def __mul__(self, k):
                    return V(self.x * k, self.y * k)
                def __rmul__(self, k):
                    return self * k
                def __neg__(self):
                    return V(-self.x, -self.y)
                def __eq__(self, other):
                    return isinstance(other, V) and (self.x, self.y) == (other.x, other.y)
                def __lt__(self, other):
                    return self.x ** 2 + self.y ** 2 < other.x ** 2 + other.y ** 2
                def __repr__(self):
                    return f'V({self.x}, {self.y})'
            a, b = V(1, 2), V(3, 4)
            print(a + b, a * 2, 3 * a, -a, a == V(1, 2), a != b, a < b, a > b, b > a, V(1, 2) in [b, a])
            class P:
                pass
            p = P()
            print(p == p, p == P(), p != P())
            """,
            prints: "V(4, 6) V(2, 4) V(3, 6) V(-1, -2) True True True False True True\nTrue False True\n")
        assertRaises("class P:\n    pass\nP() + 1", "TypeError", "unsupported operand type(s) for +: 'P' and 'int'")
        assertRaises("class P:\n    pass\nP() < P()", "TypeError", "'<' not supported between instances of 'P' and 'P'")
    }

    @Test("decorators apply bottom-up and rebind the name")
    func decorators() {
        assertEvaluates(
            """
            def twice(f):
                return lambda x: f(f(x))
            def plus(n):
                return lambda f: lambda x: f(x) + n
            @plus(1)
            @twice
            def inc(x):
                return x + 10
            print(inc(0))
            """, prints: "21\n")
    }
}
