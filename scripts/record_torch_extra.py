#!/usr/bin/python3
"""Records extra PyTorch 1.13 scheduler trajectories into packages/lrkit/test/golden/torch_extra_golden.json.

Same recipe and schema as packages/lrkit/test/golden/torch_lr_golden.json (see packages/lrkit/test/golden/torch_README.md):
index 0 right after construction, index k after k scheduler.step() calls, each preceded by an
optimizer.step(). Run with Debian's python3-torch:  /usr/bin/python3 scripts/record_torch_extra.py
These cases widen the semantics checked beyond the shipped golden file (options it does not
exercise); they are real PyTorch outputs, not transcribed.
"""
import json
import math
import sys
import warnings

import torch
from torch.optim import SGD, Adam
from torch.optim import lr_scheduler as L

warnings.filterwarnings("ignore")


def make_optimizer(opt):
    model = torch.nn.Linear(2, 1)
    lrs = opt["lrs"]
    if len(lrs) == 1:
        groups = [{"params": model.parameters(), "lr": lrs[0]}]
    else:
        groups = [{"params": [model.weight], "lr": lrs[0]}, {"params": [model.bias], "lr": lrs[1]}]
    if opt["type"] == "SGD":
        o = SGD(groups, lr=lrs[0], momentum=opt.get("momentum", 0.9))
    else:
        o = Adam(groups, lr=lrs[0], betas=tuple(opt.get("betas", [0.9, 0.999])))
    model(torch.ones(1, 2)).sum().backward()
    return o


def build(name, params, o):
    params = dict(params)
    if name in ("SequentialLR", "ChainedScheduler"):
        params["schedulers"] = [build(c["scheduler"], c["params"], o) for c in params["schedulers"]]
    for key in ("lr_lambda", "scale_fn"):
        if key in params and params[key] is not None:
            v = params[key]
            params[key] = [eval(x) for x in v] if isinstance(v, list) else eval(v)
    if name == "ChainedScheduler":
        return L.ChainedScheduler(**params)
    return getattr(L, name)(o, **params)


def record(case):
    o = make_optimizer(case["optimizer"])
    s = build(case["scheduler"], case["params"], o)
    adam = case["optimizer"]["type"] == "Adam"
    want_mom = case["scheduler"] in ("CyclicLR", "OneCycleLR") or case.get("record_momentum", False)
    lr = [[] for _ in o.param_groups]
    mom = [[] for _ in o.param_groups] if want_mom else None

    def snap():
        for i, g in enumerate(o.param_groups):
            lr[i].append(g["lr"])
            if mom is not None:
                mom[i].append(g["betas"][0] if adam else g["momentum"])

    snap()
    for k in range(1, case["steps"] + 1):
        o.step()
        if case["scheduler"] == "ReduceLROnPlateau":
            s.step(float(case["metrics"][k - 1]))
        else:
            s.step()
        snap()
    out = dict(case)
    out.pop("record_momentum", None)
    out["lr"] = lr
    out["momentum"] = mom
    return out


SGD1 = {"type": "SGD", "lrs": [0.1], "momentum": 0.9}
SGD2 = {"type": "SGD", "lrs": [0.1, 0.01], "momentum": 0.9}
ADAM1 = {"type": "Adam", "lrs": [0.001], "betas": [0.9, 0.999]}

CASES = [
    {"name": "x_lambdalr_step_floor", "scheduler": "LambdaLR", "params": {"lr_lambda": "lambda e: 0.5 ** (e // 10)"}, "optimizer": SGD1, "steps": 40},
    {"name": "x_lambdalr_cond_list", "scheduler": "LambdaLR", "params": {"lr_lambda": ["lambda e: e / 5 if e < 5 else 0.9 ** (e - 5)", "lambda e: math.cos(math.pi * e / 60) * 0.5 + 0.5"]}, "optimizer": SGD2, "steps": 60},
    {"name": "x_multiplicative_decaying", "scheduler": "MultiplicativeLR", "params": {"lr_lambda": "lambda e: 1 - 0.01 * min(e, 50)"}, "optimizer": SGD1, "steps": 80},
    {"name": "x_multisteplr_repeated", "scheduler": "MultiStepLR", "params": {"milestones": [3, 3, 7, 10, 10, 10], "gamma": 0.5}, "optimizer": SGD1, "steps": 15},
    {"name": "x_constantlr_factor0", "scheduler": "ConstantLR", "params": {"factor": 0.0, "total_iters": 3}, "optimizer": SGD1, "steps": 2},
    {"name": "x_linearlr_t1", "scheduler": "LinearLR", "params": {"start_factor": 0.1, "end_factor": 0.5, "total_iters": 1}, "optimizer": SGD2, "steps": 5},
    {"name": "x_exponentiallr_g1", "scheduler": "ExponentialLR", "params": {"gamma": 1.0}, "optimizer": SGD1, "steps": 10},
    {"name": "x_polynomiallr_p0.5", "scheduler": "PolynomialLR", "params": {"total_iters": 30, "power": 0.5}, "optimizer": SGD1, "steps": 40},
    {"name": "x_cosine_T7_etamin_big", "scheduler": "CosineAnnealingLR", "params": {"T_max": 7, "eta_min": 0.05}, "optimizer": SGD2, "steps": 40},
    {"name": "x_cawr_T3_m3", "scheduler": "CosineAnnealingWarmRestarts", "params": {"T_0": 3, "T_mult": 3, "eta_min": 1e-4}, "optimizer": SGD1, "steps": 130},
    {"name": "x_cyclic_scale_fn_cycle", "scheduler": "CyclicLR", "params": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 3, "step_size_down": 5, "scale_fn": "lambda x: 1 / (1 + 0.5 * (x - 1))", "scale_mode": "cycle"}, "optimizer": SGD1, "steps": 40},
    {"name": "x_cyclic_scale_fn_iterations", "scheduler": "CyclicLR", "params": {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4, "scale_fn": "lambda x: 0.97 ** x", "scale_mode": "iterations", "base_momentum": 0.7, "max_momentum": 0.95}, "optimizer": SGD1, "steps": 40},
    {"name": "x_cyclic_fractional_steps", "scheduler": "CyclicLR", "params": {"base_lr": [0.001, 0.0001], "max_lr": [0.01, 0.001], "step_size_up": 2.5, "step_size_down": 3.5, "mode": "exp_range", "gamma": 0.95}, "optimizer": SGD2, "steps": 30},
    {"name": "x_onecycle_epochs_spe", "scheduler": "OneCycleLR", "params": {"max_lr": 0.3, "epochs": 4, "steps_per_epoch": 7}, "optimizer": SGD1, "steps": 27},
    {"name": "x_onecycle_nomom_cos3", "scheduler": "OneCycleLR", "params": {"max_lr": [0.05, 0.5], "total_steps": 40, "three_phase": True, "cycle_momentum": False, "pct_start": 0.4}, "optimizer": SGD2, "steps": 39},
    {"name": "x_onecycle_adam_linear_mom", "scheduler": "OneCycleLR", "params": {"max_lr": 0.01, "total_steps": 30, "anneal_strategy": "linear", "base_momentum": [0.8], "max_momentum": 0.99, "div_factor": 5.0, "final_div_factor": 50.0}, "optimizer": ADAM1, "steps": 29},
    {"name": "x_onecycle_pct_small", "scheduler": "OneCycleLR", "params": {"max_lr": 0.1, "total_steps": 20, "pct_start": 0.02}, "optimizer": SGD1, "steps": 19},
    {"name": "x_sequential_three", "scheduler": "SequentialLR", "params": {"schedulers": [{"scheduler": "LinearLR", "params": {"start_factor": 0.2, "total_iters": 4}}, {"scheduler": "ConstantLR", "params": {"factor": 0.5, "total_iters": 3}}, {"scheduler": "ExponentialLR", "params": {"gamma": 0.8}}], "milestones": [4, 10]}, "optimizer": SGD2, "steps": 20},
    {"name": "x_sequential_step_then_multistep", "scheduler": "SequentialLR", "params": {"schedulers": [{"scheduler": "StepLR", "params": {"step_size": 2, "gamma": 0.5}}, {"scheduler": "MultiStepLR", "params": {"milestones": [2, 4], "gamma": 0.1}}], "milestones": [5]}, "optimizer": SGD1, "steps": 12},
    {"name": "x_chained_three", "scheduler": "ChainedScheduler", "params": {"schedulers": [{"scheduler": "LinearLR", "params": {"start_factor": 0.5, "total_iters": 4}}, {"scheduler": "StepLR", "params": {"step_size": 3, "gamma": 0.5}}, {"scheduler": "ExponentialLR", "params": {"gamma": 0.97}}]}, "optimizer": SGD2, "steps": 20},
    {"name": "x_chained_cosine_exp", "scheduler": "ChainedScheduler", "params": {"schedulers": [{"scheduler": "CosineAnnealingLR", "params": {"T_max": 10}}, {"scheduler": "ExponentialLR", "params": {"gamma": 0.9}}]}, "optimizer": SGD1, "steps": 9},
    {"name": "x_plateau_max_abs_cooldown", "scheduler": "ReduceLROnPlateau", "params": {"mode": "max", "factor": 0.5, "patience": 1, "threshold": 0.05, "threshold_mode": "abs", "cooldown": 2, "min_lr": 0.002}, "optimizer": SGD1, "steps": 30, "metrics": [0.5, 0.52, 0.54, 0.6, 0.61, 0.62, 0.62, 0.7, 0.7, 0.7, 0.71, 0.72, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]},
    {"name": "x_plateau_negative_metrics_rel", "scheduler": "ReduceLROnPlateau", "params": {"mode": "min", "factor": 0.3, "patience": 2}, "optimizer": SGD2, "steps": 20, "metrics": [-1.0, -1.0, -1.0, -0.5, -0.5, -0.5, -0.5, -2.0, -2.0, -1.9, -1.9, -1.9, -1.9, "NaN", "NaN", -3.0, -3.0, -3.0, -3.0, -3.0]},
    {"name": "x_plateau_max_rel_inf", "scheduler": "ReduceLROnPlateau", "params": {"mode": "max", "factor": 0.2, "patience": 0, "eps": 1e-3}, "optimizer": SGD1, "steps": 12, "metrics": ["Infinity", 1.0, 2.0, 2.0, 2.0, 2.0, "NaN", 3.0, 3.0, 3.0, 3.0, 3.0]},
]


def encode(v):
    """Non-finite floats as the strings NaN/Infinity/-Infinity (the golden files' convention)."""
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, list):
        return [encode(x) for x in v]
    if isinstance(v, dict):
        return {k: encode(x) for k, x in v.items()}
    return v


def main():
    out = {
        "torch_version": torch.__version__,
        "python_version": sys.version.split()[0],
        "generated_by": "scripts/record_torch_extra.py",
        "cases": [record(c) for c in CASES],
    }
    sys.stdout.write(json.dumps(encode(out), allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
