"""How Annotator.annotate_many() scales with threads, from Python.

    /usr/bin/python3 bench/bench_threads.py [--threads 1,2,4] [--rounds 3] [--library PATH]

Annotates the PolNeAR train article texts (../shared/data, or $LEDE_SHARED_DATA)
with every layer, once per thread count and round, and prints the best round's
wall time, MB/s, the speed-up over one thread and the process's CPU seconds per
wall second (near the thread count when the threads really run at once, which
holds even when other work on a shared machine makes the wall times noisy),
with the machine's load average beside it. A sampler thread also reads the state
of every other thread in /proc/self/task about once a millisecond: a thread
waiting for the GIL sleeps (S), one inside Lede runs (R), so the share of samples
with two or more threads in R shows the threads inside Lede at the same time,
whatever the machine's load.
Results are checked equal to the one-thread results. Asserts nothing else.
"""

import argparse
import glob
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_lede import import_lede  # noqa: E402


class RunningSampler:
    """Counts samples of /proc/self/task in which two or more threads other than
    the main thread and the sampler are running (state R)."""

    def __init__(self):
        self.samples = self.overlapping = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        own = {threading.main_thread().native_id, threading.get_native_id()}
        while not self._stop.is_set():
            running = 0
            for tid in os.listdir("/proc/self/task"):
                if int(tid) in own:
                    continue
                try:
                    with open("/proc/self/task/%s/stat" % tid) as f:
                        state = f.read().rsplit(")", 1)[1].split()[0]
                except (OSError, IndexError):
                    continue
                running += state == "R"
            self.samples += 1
            self.overlapping += running >= 2
            time.sleep(0.001)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2,4")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--library")
    args = parser.parse_args()
    lede = import_lede("bench_threads", args.library)

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    data = os.environ.get("LEDE_SHARED_DATA", os.path.join(root, "..", "shared", "data"))
    paths = sorted(glob.glob(os.path.join(data, "polnear", "data", "train", "text", "*.txt")))
    if not paths:
        print("bench_threads: no PolNeAR texts under %s, skipping" % data)
        return 0
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    size = sum(len(t.encode("utf-8")) for t in texts)
    print("%d articles, %d bytes; %d CPUs; load average %s"
          % (len(texts), size, os.cpu_count(), " ".join("%.2f" % x for x in os.getloadavg())))

    with lede.Annotator() as annotator:
        reference = None
        base = None
        for threads in [int(t) for t in args.threads.split(",")]:
            best = None
            for _ in range(args.rounds):
                start, cpu_start = time.perf_counter(), time.process_time()
                docs = annotator.annotate_many(texts, threads=threads, as_json=True)
                seconds = time.perf_counter() - start
                if best is None or seconds < best:
                    best, cpu = seconds, time.process_time() - cpu_start
            with RunningSampler() as sampler:    # one more round, watched
                annotator.annotate_many(texts, threads=threads, as_json=True)
            if reference is None:
                reference = docs
            elif docs != reference:
                print("bench_threads: results with %d threads differ from one thread" % threads)
                return 1
            base = base or best
            print("threads %d: %6.2f s  %5.2f MB/s  speed-up %.2f  CPU/wall %.2f  "
                  "2+ running in %4.1f%% of %d samples  (load %.2f)"
                  % (threads, best, size / 1e6 / best, base / best, cpu / best,
                     100.0 * sampler.overlapping / max(sampler.samples, 1), sampler.samples,
                     os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
