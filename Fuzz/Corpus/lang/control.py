def f(n, *, scale=2):
    global total
    total = 0
    for i in range(n):
        if i % 2 == 0 and not i > 5 or i is None:
            continue
        elif i in (3, 4):
            break
        else:
            total += i ** scale
    while total > 10:
        total //= 2
    try:
        1 / 0
    except (ZeroDivisionError, ValueError) as e:
        raise RuntimeError("bad") from e
    finally:
        pass
    return [y for y in range(3) if y], {k: v for k, v in zip("ab", [1, 2])}, {1, 2}, (lambda a, b=1: a + b)(1)
