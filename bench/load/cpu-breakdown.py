"""Where the gateway's CPU goes: reads `perf script` (with the .NET perf map) on stdin and prints a table.

Each sample goes to one component: kernel samples by what the kernel was doing (TCP, scheduling and
wake-ups, other); managed samples by the assembly of the innermost frame outside the base library
(so a CoreLib helper called from Kestrel counts as Kestrel); samples with no managed frame by thread
(GC threads, the socket event loop) or as runtime.
"""
import re
import sys
from collections import Counter

ASSEMBLIES = [  # (prefix of the [Assembly] in a JIT frame, component), first match wins
    ("Gatewayz", "Gatewayz code (admission, routing, resilience wiring, recording)"),
    ("OpenTelemetry", "OpenTelemetry (spans, OTel metrics, OTLP export)"),
    ("System.Diagnostics.DiagnosticSource", "OpenTelemetry (spans, OTel metrics, OTLP export)"),
    ("Google.Protobuf", "OpenTelemetry (spans, OTel metrics, OTLP export)"),
    ("Prometheus", "prometheus-net (catalog metrics, exemplars)"),
    ("Polly", "Polly pipelines"),
    ("StackExchange.Redis", "Redis client"),
    ("Microsoft.AspNetCore", "Kestrel and ASP.NET Core (inbound HTTP)"),
    ("Microsoft.Extensions", "Microsoft.Extensions (logging, options, DI)"),
    ("System.Net.Http", "HttpClient (outbound HTTP to the upstream)"),
    ("System.Net.Sockets", "sockets and pipes"),
    ("System.IO.Pipelines", "sockets and pipes"),
    ("System.Text.Json", "System.Text.Json"),
    ("System.Text.Encodings.Web", "System.Text.Json"),
]
KERNEL_NETWORK = re.compile(r"tcp_|inet_|ip_|__sys_(send|recv)|sock_|skb|net_rx|netif|__dev_queue_xmit|_copy_(to|from)_iter")
KERNEL_SCHEDULING = re.compile(r"schedule|futex|epoll|finish_task_switch|try_to_wake_up|sched_yield|hrtimer|_raw_spin_unlock_irq")
FRAME = re.compile(r"^\s*[0-9a-f]+ (?P<symbol>.*) \((?P<dso>[^)]*)\)\s*$")
ASSEMBLY = re.compile(r"\[(?P<assembly>[A-Za-z0-9_.]+)\] [^ (]*::")  # the declaring type's, not the return type's


def classify(thread, frames):
    if frames and frames[0][1] == "[kernel.kallsyms]":
        kernel = " ".join(symbol for symbol, dso in frames if dso == "[kernel.kallsyms]")
        if KERNEL_NETWORK.search(kernel):
            return "kernel: TCP send/receive on loopback"
        if KERNEL_SCHEDULING.search(kernel):
            return "kernel: scheduling, wake-ups, epoll"
        return "kernel: other (page faults, timers, syscalls)"
    for symbol, dso in frames:
        match = ASSEMBLY.search(symbol) if dso.startswith("/tmp/perf-") else None
        if match and match["assembly"] != "System.Private.CoreLib":
            for prefix, component in ASSEMBLIES:
                if match["assembly"].startswith(prefix):
                    return component
            return "other managed code"
    if "GC" in thread:
        return "runtime: garbage collection"
    if any(dso.startswith("/tmp/perf-") for _, dso in frames):
        return "runtime: thread pool, async plumbing (CoreLib)"
    return "runtime: native (GC, JIT, allocation, interop)"


def samples(lines):
    thread, frames = None, []
    for line in lines:
        if not line.strip():
            if thread is not None:
                yield thread, frames
            thread, frames = None, []
        elif not line[0].isspace():
            thread = line.split("  ")[0].strip()
        elif (frame := FRAME.match(line)) is not None:
            frames.append((frame["symbol"], frame["dso"]))
    if thread is not None:
        yield thread, frames


counts = Counter(classify(thread, frames) for thread, frames in samples(sys.stdin))
total = sum(counts.values()) or 1
print(f"| where the gateway's CPU goes at 32 connections ({total} perf samples) | share |")
print("|---|---:|")
for component, count in counts.most_common():
    print(f"| {component} | {100 * count / total:.1f} % |")
