name, w, p = "K", 10, 3
print(f"{name!r:>{w}} {3.14159:.{p}f} {{literal}} {name=} {1 + 2 = }")
print(rf"\d{name}" f'{"nested"}' F"{[x for x in range(3)]}" f"""{
    name
}""")
