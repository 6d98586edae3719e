# Classes as Python runs them: methods, attributes, inheritance, super(), special methods.
class Counter:
    """Counts calls."""
    created = 0

    def __init__(self, start=0):
        self.count = start
        Counter.created += 1

    def step(self, by=1):
        self.count += by
        return self.count

    def __repr__(self):
        return f"Counter({self.count})"


c = Counter()
c.step()
c.step(by=5)
print(c.count, Counter.created, Counter(10), Counter.created)
print(Counter.__doc__, Counter.__name__, type(c).__name__)
c


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return f"{self.name} with {self.sides} sides, area {self.area()}"

    def area(self):
        return 0


class Rectangle(Shape):
    sides = 4

    def __init__(self, w, h):
        super().__init__("rectangle")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"

    def describe(self):
        return "a " + super().describe()


for shape in [Shape("dot"), Rectangle(2, 3), Square(4)]:
    print(shape.describe())
print(isinstance(Square(1), Shape), isinstance(Shape("x"), Square), issubclass(Square, Shape))
print(type(Square(2)) is Square, Square.__mro__[1].__name__)


class Grid:
    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        return self.rows[index]

    def __call__(self, i, j):
        return self.rows[i][j]

    def __str__(self):
        return "\n".join(" ".join(str(v) for v in row) for row in self.rows)


g = Grid([[1, 2], [3, 4], [5, 6]])
print(len(g), g[1], g(2, 0), bool(g), callable(g), callable(c))
print(g)
print(str(g) == f"{g}")


class Temperature:
    def __init__(self, celsius):
        self._celsius = celsius

    @property
    def fahrenheit(self):
        return self._celsius * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._celsius = (value - 32) * 5 / 9

    @staticmethod
    def freezing():
        return Temperature(0)

    @classmethod
    def boiling(cls):
        return cls(100)


t = Temperature(25)
print(t.fahrenheit, Temperature.freezing().fahrenheit, Temperature.boiling().fahrenheit)
t.fahrenheit = 212
print(t._celsius)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)), [x * 2 for x in Countdown(2)])


def make_class(base_value):
    class Local:
        value = base_value

        def get(self):
            return self.value

    return Local


print(make_class(7)().get(), make_class("a")().get())
