"""PyTorch side of lrkit's scheduler-step benchmark; run by bench/run.js with /usr/bin/python3.

Reads a JSON config on stdin ({"cases": [...], "targetNs", "reps", "warmupReps"}) and prints one
JSON object on stdout. For each case it builds torch.optim.SGD(momentum=0.9) with one tiny
parameter tensor per param group, calls optimizer.step() once (so PyTorch does not warn that the
scheduler stepped first), builds the scheduler, and times N scheduler.step() calls with
time.perf_counter_ns. Construction is never timed. N is calibrated so that one repetition lasts
at least targetNs; the result is the median over `reps` repetitions after `warmupReps` warm-ups.
If torch cannot be imported it prints {"ok": false, "error": ...} and exits 0.
"""

import gc
import json
import platform
import sys
import time
import warnings


def main():
    cfg = json.load(sys.stdin)
    try:
        import torch
    except Exception as e:  # ImportError, or a broken install
        print(json.dumps({"ok": False, "error": f"import torch failed: {type(e).__name__}: {e}"}))
        return

    warnings.filterwarnings("ignore")
    torch.set_num_threads(1)

    def make(case, lrs):
        groups = [{"params": [torch.zeros(1, requires_grad=True)], "lr": lr} for lr in lrs]
        opt = torch.optim.SGD(groups, lr=lrs[0], momentum=0.9)
        opt.step()  # no grads: a no-op, but it marks the optimizer as stepped
        cls = getattr(torch.optim.lr_scheduler, case["torch"])
        return cls(opt, **case["kwargs"])

    def rep(case, lrs, n):
        max_steps = case["maxSteps"]
        passes = max(1, -(-n // max_steps))
        per_pass = max(1, n // passes)
        scheds = [make(case, lrs) for _ in range(passes)]
        gc.collect()
        gc_was_enabled = gc.isenabled()
        gc.disable()
        t0 = time.perf_counter_ns()
        for s in scheds:
            step = s.step
            for _ in range(per_pass):
                step()
        t1 = time.perf_counter_ns()
        if gc_was_enabled:
            gc.enable()
        return t1 - t0, passes * per_pass, passes, per_pass, scheds[-1]

    target = cfg["targetNs"]
    max_seconds = cfg.get("maxSecondsPerCase", 20)
    results = []
    for case in cfg["cases"]:
        lrs = case["lr"]
        started = time.perf_counter()
        n = 200
        ns, steps, passes, per_pass, last = rep(case, lrs, n)
        while ns < target and time.perf_counter() - started < max_seconds / 3:
            grow = (target / ns) * 1.1 if ns > 0 else 10
            n = int(-(-n * min(10, max(1.5, grow)) // 1))
            ns, steps, passes, per_pass, last = rep(case, lrs, n)
        for _ in range(cfg["warmupReps"]):
            rep(case, lrs, n)
        samples = []
        for _ in range(cfg["reps"]):
            ns, steps, passes, per_pass, last = rep(case, lrs, n)
            samples.append(ns / steps)
        s = sorted(samples)
        mid = len(s) // 2
        median = s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
        results.append(
            {
                "id": case["id"],
                "medianNs": median,
                "samplesNs": samples,
                "stepsPerRep": steps,
                "passes": passes,
                "stepsPerPass": per_pass,
                "repMs": median * steps / 1e6,
                # for a sanity check against lrkit: each group's lr after stepsPerPass steps
                "lastLr": [float(x) for x in last.get_last_lr()],
            }
        )

    print(
        json.dumps(
            {
                "ok": True,
                "torch": torch.__version__,
                "python": platform.python_version(),
                "executable": sys.executable,
                "results": results,
            }
        )
    )


if __name__ == "__main__":
    main()
