#!/usr/bin/python3
"""HybridRec's CPU backend and the PyTorch rebuild of the original model, side by side, in one run.

usage (from the repository root, with PyTorch installed: `apt-get install -y python3-torch`):
    /usr/bin/python3 docs/bench/torch-side-by-side.py [--rounds 2] [--batches 64,256,1024,4096] [--epochs 10]
        [--threads 2] [--throughput-epochs N] [--results FILE.jsonl] [--peer ../shared/peers/seed_torch.py]
        [--first-round 1] [--out docs/bench/torch-side-by-side.md]      (--rounds 0 --results FILE: only tabulate FILE)

What it does:
  1. builds HybridRec.Bench (Release) and unzips the bundled data/ml-latest-small.zip into a temporary directory;
  2. exports one split of it with our CLI (`movielens --split random:0.200008 --export-split DIR`: 80,668 training
     and 20,168 test ratings, the counts the PyTorch script's own 80/20 cut makes of 100,836 ratings);
  3. for each round and each batch size, runs (alternating which side goes first from round to round)
       - ours, dense Adam: `movielens --preset seed --validation 0 --adam dense --batch-size B --threads T ...`
       - ours, lazy Adam:  the same with `--adam lazy`
       - PyTorch:          seed_torch.py DATA --batch B --epochs N --threads T --min-tag-count 10 --throughput-only,
                           with its random 80/20 permutation replaced by the exported split (this script's
                           `--peer-on-split` mode: the training rows first, then the test rows; nothing else changes)
     so both sides train the same model (the original notebook's: E 50, towers 25 wide, no biases, no
     regularisation, Adam lr 1e-3, 10 epochs, min tag count 10) on the same 80,668 ratings and are tested on the same
     20,168, with the same number of threads;
     Round 1 trains --epochs (10: the notebook's) and gives the test RMSE; later rounds train --throughput-epochs
     (default: --epochs) on both sides and add throughput figures only;
  4. writes a Markdown table: training samples per second of each side and their ratio, test RMSE of each, plus the
     raw figures of every run and the load average (`uptime`) before and after.

What the figures measure:
  - PyTorch `train_samples_per_s`: samples trained / seconds spent in the epochs' batch loops (index, gather, forward,
    backward, Adam step); the per-epoch shuffle, loading and evaluation are outside the timed region.
  - ours `steps`: `member_step_samples_per_second` of the report: samples trained / summed time of the training
    steps (the batches: gather, forward, backward, Adam) -- the same region as PyTorch's.
  - ours `wall`: `samples_per_second` of the report: samples trained / wall time of the whole training call (plans,
    shuffles, the per-epoch train RMSE included; loading and test evaluation excluded).
  The ratio column divides ours (steps) by PyTorch; the wall ratio is given too.
"""
import argparse, json, os, re, statistics, subprocess, sys, tempfile, time, zipfile
from datetime import datetime, timezone

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TEST_FRACTION = "0.200008"  # round(0.200008 x 100,836) = 20,168 test ratings = 100,836 - int(0.8 x 100,836)


def peer_on_split(argv):
    """`--peer-on-split PEER DATA SPLIT_DIR [peer args]`: runs the peer script with its split replaced by SPLIT_DIR's."""
    import csv, runpy
    import numpy as np
    peer, data, split_dir, rest = argv[0], argv[1], argv[2], argv[3:]
    with open(os.path.join(data, "ratings.csv"), encoding="utf-8") as f:
        rows = {(int(r["userId"]), int(r["movieId"])): i for i, r in enumerate(csv.DictReader(f))}
    def indices(name):
        with open(os.path.join(split_dir, name), encoding="utf-8") as f:
            return [rows[(int(r["userId"]), int(r["movieId"]))] for r in csv.DictReader(f)]
    train, test = indices("train.csv"), indices("test.csv")
    n = len(rows)
    if len(train) + len(test) != n or len(set(train) | set(test)) != n or len(train) != int(0.8 * n):
        sys.exit(f"the exported split ({len(train)} + {len(test)}) does not partition {n} ratings with "
                 f"{int(0.8 * n)} training ratings, the cut the peer makes")
    order, original, used = np.array(train + test), np.random.permutation, [False]
    def permutation(x):
        if not used[0] and isinstance(x, (int, np.integer)) and x == n:
            used[0] = True
            return order.copy()
        return original(x)
    np.random.permutation = permutation
    sys.argv = [peer, data] + rest
    runpy.run_path(peer, run_name="__main__")
    if not used[0]:
        sys.exit("the peer never drew its split: the split was not replaced")


def uptime():
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def loadavg():
    return open("/proc/loadavg").read().split()[0]


def run(cmd, log):
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    log.append(f"$ {' '.join(cmd)}  # exit {p.returncode}, {time.perf_counter() - t:.1f} s")
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p.stdout


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--peer-on-split":
        return peer_on_split(sys.argv[2:])
    a = argparse.ArgumentParser()
    a.add_argument("--rounds", type=int, default=2); a.add_argument("--batches", default="64,256,1024,4096")
    a.add_argument("--epochs", type=int, default=10); a.add_argument("--threads", type=int, default=2)
    a.add_argument("--peer", default=os.path.join(ROOT, "..", "shared", "peers", "seed_torch.py"))
    a.add_argument("--throughput-epochs", type=int, default=None, help="epochs of rounds 2+ (throughput only)")
    a.add_argument("--first-round", type=int, default=1, help="number the rounds from N (N > 1: throughput rounds only)")
    a.add_argument("--results", default=None, help="append every run to this JSON-lines file and tabulate all of it")
    a.add_argument("--out", default=os.path.join(ROOT, "docs", "bench", "torch-side-by-side.md"))
    args = a.parse_args()
    peer = os.path.abspath(args.peer) if os.path.exists(args.peer) else "/work/shared/peers/seed_torch.py"
    batches = [int(b) for b in args.batches.split(",")]
    log, started, up_before = [], datetime.now(timezone.utc), uptime()
    import torch
    if args.rounds > 0:
        run(["dotnet", "build", "-c", "Release", "HybridRec.Bench", "-v", "q", "-nologo"], log)
    bench = ["dotnet", "run", "-c", "Release", "--no-build", "--project", "HybridRec.Bench", "--", "movielens"]
    tmp = tempfile.mkdtemp(prefix="hybridrec-torch-")
    zipfile.ZipFile(os.path.join(ROOT, "data", "ml-latest-small.zip")).extractall(tmp)
    data, split_dir = os.path.join(tmp, "ml-latest-small"), os.path.join(tmp, "split")
    common = ["--preset", "seed", "--validation", "0", "--threads", str(args.threads),
              "--split", f"random:{TEST_FRACTION}", "--progress", "0"]
    if args.rounds > 0:
        run(bench + common + ["--epochs", "1", "--export-split", split_dir], log)

    def ours(batch, adam, epochs):
        report = os.path.join(tmp, "report.json")
        run(bench + common + ["--epochs", str(epochs), "--batch-size", str(batch), "--adam", adam, "--report", report], log)
        r = json.load(open(report))
        assert r["train_ratings"] == 80668 and r["fit_ratings_per_member"] == 80668, "not the peer's training part"
        return {"steps": r["member_step_samples_per_second"], "wall": r["samples_per_second"],
                "rmse": r["test_rmse"], "test": r["test_ratings"]}

    def torch_side(batch, epochs):
        out = run([sys.executable, os.path.abspath(__file__), "--peer-on-split", peer, data, split_dir,
                   "--batch", str(batch), "--epochs", str(epochs), "--threads", str(args.threads),
                   "--min-tag-count", "10", "--throughput-only"], log)
        m = re.search(r"test (\d+) .*\nRESULT .*test_rmse_stars=([\d.]+) train_samples_per_s=(\d+)", out)
        return {"steps": float(m.group(3)), "rmse": float(m.group(2)), "test": int(m.group(1))}

    runs = []
    for rnd in range(args.first_round - 1, args.first_round - 1 + args.rounds):
        epochs = args.epochs if rnd == 0 else (args.throughput_epochs or args.epochs)
        for batch in batches:
            sides = ["dense", "lazy", "torch"] if rnd % 2 == 0 else ["torch", "lazy", "dense"]
            for side in sides:
                load = loadavg()
                r = torch_side(batch, epochs) if side == "torch" else ours(batch, side, epochs)
                r.update(load=load, round=rnd + 1, batch=batch, side=side, epochs=epochs)
                runs.append(r)
                print(f"round {rnd + 1} batch {batch} {side}: {r}", flush=True)
                if args.results:
                    with open(args.results, "a", encoding="utf-8") as f:
                        f.write(json.dumps(r) + "\n")
    up_after = uptime()
    if args.results:
        runs = [json.loads(l) for l in open(args.results, encoding="utf-8") if l.strip()]
    results = {}  # (side, batch) -> list of runs
    for r in runs:
        results.setdefault((r["side"], r["batch"]), []).append(r)
    full = lambda side, b: [x for x in results[(side, b)] if x["epochs"] == args.epochs]

    med = lambda side, b, k: statistics.median(x[k] for x in results[(side, b)])
    span = lambda side, b, k: (min(x[k] for x in results[(side, b)]), max(x[k] for x in results[(side, b)]))
    lines = [
        "# HybridRec vs the PyTorch rebuild of the original model, side by side",
        "",
        f"Measured {started:%Y-%m-%d %H:%M} UTC by `/usr/bin/python3 docs/bench/torch-side-by-side.py {' '.join(sys.argv[1:])}` "
        "(this file is its output).",
        f"Machine: {os.cpu_count()} cores; PyTorch {torch.__version__}; .NET {run(['dotnet', '--version'], [] ).strip()}.",
        f"Load before: `{up_before}`; after: `{up_after}`.",
        "",
        "Both sides train the original notebook's model (E 50, towers 25 wide, no biases, no regularisation, Adam lr 1e-3, "
        f"{args.epochs} epoch(s), min tag count 10, {args.threads} threads) on the same 80,668 training ratings of ml-latest-small "
        "and are tested on the same 20,168 (our `--export-split`, fed to the PyTorch script in place of its own permutation). "
        f"Samples/s: the median over the rounds (ranges below; {len(runs) // (3 * len(batches))} runs per side and batch); "
        f"the sides alternate within each round. Test RMSE: after {args.epochs} epoch(s) (the first round; later rounds "
        f"train {args.throughput_epochs or args.epochs} epoch(s) on both sides and add throughput only).",
        "",
        "- **PyTorch**: `train_samples_per_s`: samples / time in the epochs' batch loops (index, gather, forward, backward, "
        "Adam); shuffles, loading and evaluation excluded. Dense Adam (`torch.optim.Adam`).",
        "- **ours, steps**: `member_step_samples_per_second` of the report: samples / summed step time (gather, forward, "
        "backward, Adam): the same region.",
        "- **ours, wall**: `samples_per_second` of the report: samples / wall time of the whole training call (epoch plans, "
        "the per-epoch train RMSE included).",
        "- **ratio**: ours (steps) / PyTorch; in brackets ours (wall) / PyTorch.",
        "",
        "| batch | PyTorch (dense Adam) | ours, dense Adam: steps | wall | ratio | ours, lazy Adam: steps | wall | ratio | test RMSE PyTorch | ours dense | ours lazy |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for b in batches:
        t = med("torch", b, "steps")
        row = [f"{b:,}", f"{t:,.0f}"]
        for side in ("dense", "lazy"):
            s, w = med(side, b, "steps"), med(side, b, "wall")
            row += [f"{s:,.0f}", f"{w:,.0f}", f"**{s / t:.1f}×** ({w / t:.1f}×)"]
        row += [f"{full(side, b)[0]['rmse']:.4f}" if full(side, b) else "" for side in ("torch", "dense", "lazy")]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "Ranges over the rounds (samples/s, steps; PyTorch: its loop):", ""]
    for b in batches:
        lines.append(f"- batch {b:,}: " + "; ".join(
            f"{side} {span(side, b, 'steps')[0]:,.0f}–{span(side, b, 'steps')[1]:,.0f}" for side in ("torch", "dense", "lazy")))
    lines += ["", "Every run (load average = 1-minute load when it started):", "", "```"]
    for (side, b), rs in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        for r in rs:
            lines.append(f"round {r['round']} batch {b:>5} {side:>5} {r['epochs']:>2} epochs: steps {r['steps']:>10,.0f}"
                         + (f"  wall {r['wall']:>10,.0f}" if "wall" in r else " " * 18)
                         + f"  test RMSE {r['rmse']:.4f} on {r['test']:,}  load {r['load']}")
    lines += ["```", "", "Commands run:", "", "```"] + log + ["```", ""]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(args.out + ".tmp", args.out)
    print("\n".join(lines[:20 + len(batches)]))


if __name__ == "__main__":
    main()
