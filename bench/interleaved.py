# Commands run interleaved (one round runs each once, after one warm-up run each), with the CPU
# time of each child read from wait4(2) in microseconds: startup.mjs reads /proc's ticks of 10 ms,
# a tenth of a `kubectl get`, too coarse to tell two builds apart by a few milliseconds.
# Prints each command's median and minimum, wall and CPU (user + system).
# Usage: python3 bench/interleaved.py RUNS LABEL 'COMMAND' [LABEL 'COMMAND']...
#   e.g. the commands of startup.mjs on the namespace it made (or any solved TP4 namespace).
import os, shlex, statistics, subprocess, sys, time

runs = int(sys.argv[1])
commands = list(zip(sys.argv[2::2], sys.argv[3::2]))
wall = {label: [] for label, _ in commands}
cpu = {label: [] for label, _ in commands}


def once(command):
    started = time.perf_counter()
    child = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    # tp check 4 exits 1 on this namespace (its HTTP checks fail); anything else is a broken measurement.
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f'{command}: exit {os.waitstatus_to_exitcode(status)}')
    return (time.perf_counter() - started) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


for _, command in commands:
    once(command)
for _ in range(runs):
    for label, command in commands:
        w, c = once(command)
        wall[label].append(w)
        cpu[label].append(c)
print(f'{runs} interleaved runs, load average at the end {os.getloadavg()[0]:.1f}')
for label, _ in commands:
    print(f'  {label:32} wall median {statistics.median(wall[label]):6.1f} ms (min {min(wall[label]):6.1f})'
          f'   CPU median {statistics.median(cpu[label]):6.1f} ms (min {min(cpu[label]):6.1f})')
