"""bench/machine.py - what the Python benchmarks' absolute figures were
measured on, in the words of bench/bench.h: the CPU's model, the count
of CPUs and the load average."""
import os


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return f"machine: {model}, {os.cpu_count()} CPUs, load average {load}"
