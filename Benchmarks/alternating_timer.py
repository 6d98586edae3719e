"""Timing shared by the peer benchmarks that compare several bodies in one process (peer_grad.py,
peer_forward.py): samples alternate between the bodies, so a noisy moment hits all of them alike."""


def measure(bodies, samples, min_time, clock):
    """Median seconds per call of each body; samples alternate between the bodies."""
    repeats = []
    for body in bodies:
        body()
        start = clock()
        body()
        repeats.append(max(1, int(min_time / max(clock() - start, 1e-9))))
    times = [[] for _ in bodies]
    for _ in range(samples):
        for index, body in enumerate(bodies):
            start = clock()
            for _ in range(repeats[index]):
                body()
            times[index].append((clock() - start) / repeats[index])
    return [sorted(t)[len(t) // 2] for t in times]
