/** Help text of `lrkit demo` (kept apart so `lrkit --help` does not load TensorFlow.js). */
export const demoHelp = `Usage: lrkit demo [--epochs N] [--out DIR] [--seed S] [--format text|json]

lrkit end to end on data shipped with it (4000 + 1000 MNIST digits, 14×14), offline:
  1. an LR range test on a small MLP (196 → 128 → 64 → 10, SGD with momentum 0.9),
  2. a one-cycle schedule (OneCycleLR, momentum cycled 0.95 → 0.85 → 0.95) peaking at the
     recommended lr, from scheduleFromRangeTest,
  3. training with it, and with the same lr held constant (same seed, same initial weights,
     same batches) as the baseline,
then writes a report — report.html (inline SVG charts: range test, lr and momentum schedules,
training loss, test accuracy; a summary table) and report.md with the charts as SVG files — and
prints the final loss and accuracy of both runs. Takes well under two minutes on 2 cores.

Options:
  --epochs N        training epochs of each run (default 8)
  --batch-size B    mini-batch size (default 64)
  --num-iter N      range-test iterations (default 100)
  --out DIR         where the report goes (default lrkit-demo)
  --seed S          initial weights (default 42)
  --format FORMAT   text (default) or json: the range test, the schedule, both runs' per-epoch
                    metrics, and the report's paths
  -h, --help        this help

Examples:
  lrkit demo
  lrkit demo --epochs 4 --out /tmp/demo
  lrkit demo --format json > demo.json`;
