"""Clipping across devices: the norm each rank or replica clips with, against one process."""
SNIPPETS = {
    "PyTorch DDP": "snippets/torch/distributed_ddp.py",
    "PyTorch FSDP2": "snippets/torch/distributed_fsdp.py",
    "Keras": "snippets/keras/distributed.py",
}
# Each of these is float32 rounding (two ways of summing the same gradients): its size
# depends on the CPU's kernels (clinic/figures.py).
VARIES_BY_CPU = ("ddp_error", "fsdp_error", "clip_after_all_reduce_error")
KEPT = {
    "PyTorch DDP": ["single_process_norm", "max_norm", "norm_seen_by_rank",
                    "local_norm_per_rank", "ranks_agree", "ddp_error",
                    "clip_before_all_reduce_error"],
    "PyTorch FSDP2": ["single_process_norm", "max_norm", "shard_sizes_per_rank",
                      "shard_norm_per_rank", "norm_from_all_reduce",
                      "norm_from_clip_grad_norm", "ranks_agree", "fsdp_error"],
    "Keras": ["single_device_norm", "max_norm", "replica_norms",
              "global_clipnorm_applied_norm", "global_clipnorm_error",
              "clip_after_all_reduce_error"],
}


def collect(exports):
    return {label: {name: exports[label][name] for name in names}
            for label, names in KEPT.items()}


def check(data):
    ddp, fsdp, keras = data["PyTorch DDP"], data["PyTorch FSDP2"], data["Keras"]
    assert ddp["ranks_agree"] and fsdp["ranks_agree"]
    for norm in ddp["norm_seen_by_rank"] + fsdp["norm_from_clip_grad_norm"]:
        assert abs(norm - ddp["single_process_norm"]) < 1e-5 * ddp["single_process_norm"]
    assert ddp["ddp_error"] < 1e-5 and fsdp["fsdp_error"] < 1e-5
    assert ddp["clip_before_all_reduce_error"] > 0.05
    assert all(norm < fsdp["single_process_norm"] for norm in fsdp["shard_norm_per_rank"])
    # The page: the first weight (16 x 8) splits 64 + 64; the output weight (1 x 16), one
    # row, stays whole on rank 0 and leaves rank 1 an empty shard.
    first_weight, output_weight = ([sizes[index] for sizes in fsdp["shard_sizes_per_rank"]]
                                   for index in (0, 2))
    assert first_weight == [64, 64] and output_weight == [16, 0]
    assert keras["global_clipnorm_error"] > 0.05
    assert keras["global_clipnorm_applied_norm"] > 1.05 * keras["max_norm"]
    assert keras["clip_after_all_reduce_error"] < 1e-5


def _norms(values):
    return ", ".join(f"{value:.3f}" for value in values)


def _error(value):
    return f"{value:.0e}" if value < 1e-3 else f"{100 * value:.0f} %"


def tables(data):
    ddp, fsdp, keras = data["PyTorch DDP"], data["PyTorch FSDP2"], data["Keras"]
    rows = [
        "| Setup (2 ranks or replicas) | Norm it clipped with (one process: PyTorch "
        f"{ddp['single_process_norm']:.3f}, Keras {keras['single_device_norm']:.3f}) "
        "| Clipped gradient vs one process | Asserted |",
        "| --- | --- | --- | --- |",
        f"| DDP, `clip_grad_norm_` after `backward()` | {_norms(ddp['norm_seen_by_rank'])} "
        f"(same on both ranks) | {_error(ddp['ddp_error'])} | < 1e-5 |",
        f"| each rank clips its own gradient, then all-reduce | "
        f"{_norms(ddp['local_norm_per_rank'])} | {_error(ddp['clip_before_all_reduce_error'])}"
        " off | > 5 % |",
        f"| FSDP2, norm of the rank's own shard | {_norms(fsdp['shard_norm_per_rank'])} | — "
        "| below the true norm |",
        f"| FSDP2, `clip_grad_norm_` on the DTensor gradients | "
        f"{_norms(fsdp['norm_from_clip_grad_norm'])} | {_error(fsdp['fsdp_error'])} "
        "| < 1e-5 |",
        "| Keras `model.fit` under `MirroredStrategy`, `global_clipnorm` | "
        f"each replica its own: "
        f"{_norms(keras['replica_norms'])} | {_error(keras['global_clipnorm_error'])} off "
        "| > 5 % |",
        f"| Keras custom step, `tf.clip_by_global_norm(..., use_norm=` all-reduced norm`)` | "
        f"{keras['single_device_norm']:.3f} | {_error(keras['clip_after_all_reduce_error'])} "
        "| < 1e-5 |",
    ]
    return {"results": "\n".join(rows)}


def quotes(data):
    ddp, fsdp, keras = data["PyTorch DDP"], data["PyTorch FSDP2"], data["Keras"]
    return {"scale/distributed.md": [
        " and ".join(f"{norm:.3f}" for norm in ddp["local_norm_per_rank"]),
        f"{ddp['single_process_norm']:.3f}",
        " and ".join(f"{norm:.3f}" for norm in fsdp["shard_norm_per_rank"]),
        f"{keras['global_clipnorm_applied_norm']:.2f}",
        f"{keras['max_norm']:.2f}",
        _error(keras["global_clipnorm_error"]),
        _error(ddp["clip_before_all_reduce_error"]),
    ]}
